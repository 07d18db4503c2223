// Unit tests for engine/protocol: parsing PROTOCOL v1 client frames and the error codes for bad ones.
#include "engine/protocol.hpp"

#include <gtest/gtest.h>

#include <string>
#include <variant>

#include <nlohmann/json.hpp>

namespace triagebot::engine {
namespace {

using json = nlohmann::json;

// The error code of a frame that must be refused ("" when it was accepted).
std::string error_code(std::string_view raw) {
  const auto parsed = parse_client_frame(raw);
  if (const auto* e = std::get_if<protocol_error>(&parsed)) return e->code;
  return "";
}

protocol_error error_of(std::string_view raw) {
  const auto parsed = parse_client_frame(raw);
  const auto* e = std::get_if<protocol_error>(&parsed);
  if (!e) {
    ADD_FAILURE() << "accepted: " << raw;
    return {};
  }
  return *e;
}

client_frame frame_of(std::string_view raw) {
  const auto parsed = parse_client_frame(raw);
  if (const auto* e = std::get_if<protocol_error>(&parsed)) {
    ADD_FAILURE() << "refused with " << e->code << ": " << e->message << " for " << raw;
    return restart_frame{};
  }
  return std::get<client_frame>(parsed);
}

message_frame message_of(std::string_view raw) {
  const auto f = frame_of(raw);
  const auto* m = std::get_if<message_frame>(&f);
  if (!m) {
    ADD_FAILURE() << "not a message frame: " << raw;
    return {};
  }
  return *m;
}

std::string message_with_text(const std::string& text) { return json{{"type", "message"}, {"text", text}}.dump(); }

std::string repeat(std::string_view unit, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += unit;
  return out;
}

// ---- bad_json ----------------------------------------------------------------------------------

TEST(EngineProtocol, NotJsonIsBadJson) {
  EXPECT_EQ(error_code("hello"), "bad_json");
  EXPECT_EQ(error_code("{\"type\": \"start\""), "bad_json");
  EXPECT_EQ(error_code(""), "bad_json");
  EXPECT_EQ(error_code("{'type': 'start'}"), "bad_json");
}

TEST(EngineProtocol, BadJsonMessageIsASentenceWithoutLibraryText) {
  const auto e = error_of("{\"type\": ");
  EXPECT_EQ(e.code, "bad_json");
  EXPECT_FALSE(e.message.empty());
  EXPECT_EQ(e.message.find("[json.exception"), std::string::npos) << e.message;
}

TEST(EngineProtocol, InvalidUtf8IsBadJson) {
  EXPECT_EQ(error_code("{\"type\": \"message\", \"text\": \"\xff\xfe\"}"), "bad_json");
}

// ---- bad_request -------------------------------------------------------------------------------

TEST(EngineProtocol, ArrayOrNumberOrStringIsBadRequest) {
  EXPECT_EQ(error_code("[1]"), "bad_request");
  EXPECT_EQ(error_code("[]"), "bad_request");
  EXPECT_EQ(error_code("42"), "bad_request");
  EXPECT_EQ(error_code("\"start\""), "bad_request");
  EXPECT_EQ(error_code("null"), "bad_request");
  EXPECT_EQ(error_code("true"), "bad_request");
}

TEST(EngineProtocol, MissingTypeIsBadRequest) {
  EXPECT_EQ(error_code("{}"), "bad_request");
  EXPECT_EQ(error_code("{\"text\": \"hello\"}"), "bad_request");
  EXPECT_NE(error_of("{}").message.find("type"), std::string::npos);
}

TEST(EngineProtocol, TypeOfWrongKindIsBadRequest) {
  EXPECT_EQ(error_code("{\"type\": 1}"), "bad_request");
  EXPECT_EQ(error_code("{\"type\": null}"), "bad_request");
  EXPECT_EQ(error_code("{\"type\": [\"start\"]}"), "bad_request");
}

TEST(EngineProtocol, UnknownTypeIsBadRequest) {
  EXPECT_EQ(error_code("{\"type\": \"hello\"}"), "bad_request");
  EXPECT_EQ(error_code("{\"type\": \"Start\"}"), "bad_request");
  EXPECT_EQ(error_code("{\"type\": \"\"}"), "bad_request");
  const auto e = error_of("{\"type\": \"hello\"}");
  EXPECT_NE(e.message.find("hello"), std::string::npos) << e.message;
}

TEST(EngineProtocol, MessageWithoutTextIsBadRequest) {
  EXPECT_EQ(error_code("{\"type\": \"message\"}"), "bad_request");
  EXPECT_EQ(error_code("{\"type\": \"message\", \"id\": \"m1\"}"), "bad_request");
}

TEST(EngineProtocol, TextOfWrongTypeIsBadRequest) {
  EXPECT_EQ(error_code("{\"type\": \"message\", \"text\": 42}"), "bad_request");
  EXPECT_EQ(error_code("{\"type\": \"message\", \"text\": null}"), "bad_request");
  EXPECT_EQ(error_code("{\"type\": \"message\", \"text\": [\"hi\"]}"), "bad_request");
  EXPECT_EQ(error_code("{\"type\": \"message\", \"text\": {\"t\": \"hi\"}}"), "bad_request");
  EXPECT_EQ(error_code("{\"type\": \"message\", \"text\": true}"), "bad_request");
}

TEST(EngineProtocol, EmptyOrBlankTextIsBadRequest) {
  EXPECT_EQ(error_code(message_with_text("")), "bad_request");
  EXPECT_EQ(error_code(message_with_text(" ")), "bad_request");
  EXPECT_EQ(error_code(message_with_text(" \t\r\n  ")), "bad_request");
  EXPECT_EQ(error_code(message_with_text("\xC2\xA0\xE3\x80\x80")), "bad_request");  // no-break space, ideographic space
}

TEST(EngineProtocol, IdOfWrongTypeIsBadRequest) {
  EXPECT_EQ(error_code("{\"type\": \"message\", \"text\": \"hi\", \"id\": 7}"), "bad_request");
  EXPECT_EQ(error_code("{\"type\": \"message\", \"text\": \"hi\", \"id\": [\"a\"]}"), "bad_request");
}

TEST(EngineProtocol, StartFieldsOfWrongTypeAreBadRequest) {
  EXPECT_EQ(error_code("{\"type\": \"start\", \"session\": 12}"), "bad_request");
  EXPECT_EQ(error_code("{\"type\": \"start\", \"locale\": false}"), "bad_request");
}

// ---- too_long ----------------------------------------------------------------------------------

TEST(EngineProtocol, ExactlyOneThousandCodePointsIsAccepted) {
  EXPECT_EQ(message_of(message_with_text(repeat("a", 1000))).text.size(), 1000u);
  // 1000 code points of 2, 3 and 4 bytes.
  EXPECT_EQ(message_of(message_with_text(repeat("\xC3\xA9", 1000))).text.size(), 2000u);          // é
  EXPECT_EQ(message_of(message_with_text(repeat("\xE2\x82\xAC", 1000))).text.size(), 3000u);      // €
  EXPECT_EQ(message_of(message_with_text(repeat("\xF0\x9F\x98\x80", 1000))).text.size(), 4000u);  // 😀
  EXPECT_EQ(message_of(message_with_text(repeat("a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80", 250))).text.size(), 2500u);
}

TEST(EngineProtocol, OneThousandAndOneCodePointsIsTooLong) {
  EXPECT_EQ(error_code(message_with_text(repeat("a", 1001))), "too_long");
  EXPECT_EQ(error_code(message_with_text(repeat("\xC3\xA9", 1001))), "too_long");
  EXPECT_EQ(error_code(message_with_text(repeat("\xE2\x82\xAC", 1001))), "too_long");
  EXPECT_EQ(error_code(message_with_text(repeat("\xF0\x9F\x98\x80", 1001))), "too_long");
  EXPECT_EQ(error_code(message_with_text(repeat("a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80", 250) + "x")), "too_long");
  const auto e = error_of(message_with_text(repeat("\xC3\xA9", 1001)));
  EXPECT_NE(e.message.find("1001"), std::string::npos) << e.message;
}

TEST(EngineProtocol, LengthIsCountedAfterTrimming) {
  // Built with append: GCC 12 warns falsely (-Wrestrict) on "literal" + std::string here.
  std::string padded = "   ";
  padded.append(repeat("b", 1000)).append(" \n\t");
  EXPECT_EQ(message_of(message_with_text(padded)).text, repeat("b", 1000));
  std::string long_padded = " ";
  long_padded.append(repeat("b", 1001)).append(" ");
  EXPECT_EQ(error_code(message_with_text(long_padded)), "too_long");
}

// ---- accepted frames ---------------------------------------------------------------------------

TEST(EngineProtocol, TextIsTrimmed) {
  EXPECT_EQ(message_of(message_with_text("  my back hurts \n")).text, "my back hurts");
  EXPECT_EQ(message_of(message_with_text("\t yes\t")).text, "yes");
  EXPECT_EQ(message_of(message_with_text("\xC2\xA0no\xC2\xA0")).text, "no");
  EXPECT_EQ(message_of(message_with_text("a  b")).text, "a  b");  // inner spaces stay
}

TEST(EngineProtocol, IdIsOptional) {
  EXPECT_FALSE(message_of("{\"type\": \"message\", \"text\": \"hi\"}").id.has_value());
  const auto m = message_of("{\"type\": \"message\", \"text\": \"hi\", \"id\": \"m-17\"}");
  ASSERT_TRUE(m.id.has_value());
  EXPECT_EQ(*m.id, "m-17");
}

TEST(EngineProtocol, StartWithAndWithoutSessionAndLocale) {
  const auto plain = frame_of("{\"type\": \"start\"}");
  ASSERT_TRUE(std::holds_alternative<start_frame>(plain));
  EXPECT_FALSE(std::get<start_frame>(plain).session.has_value());
  EXPECT_FALSE(std::get<start_frame>(plain).locale.has_value());
  const auto full = frame_of("{\"type\": \"start\", \"session\": \"abc\", \"locale\": \"fr\"}");
  ASSERT_TRUE(std::holds_alternative<start_frame>(full));
  EXPECT_EQ(std::get<start_frame>(full).session.value_or(""), "abc");
  EXPECT_EQ(std::get<start_frame>(full).locale.value_or(""), "fr");
}

TEST(EngineProtocol, RestartIsParsed) { EXPECT_TRUE(std::holds_alternative<restart_frame>(frame_of("{\"type\": \"restart\"}"))); }

TEST(EngineProtocol, UnknownFieldsAreIgnored) {
  EXPECT_TRUE(std::holds_alternative<start_frame>(frame_of("{\"type\": \"start\", \"colour\": \"blue\", \"v\": [1, 2]}")));
  EXPECT_TRUE(std::holds_alternative<restart_frame>(frame_of("{\"type\": \"restart\", \"reason\": 3}")));
  const auto m = message_of("{\"type\": \"message\", \"text\": \"hi\", \"extra\": {\"a\": 1}, \"timestamp\": 12}");
  EXPECT_EQ(m.text, "hi");
}

TEST(EngineProtocol, ParsesAnAlreadyParsedJsonValue) {
  const auto parsed = parse_client_frame(json{{"type", "message"}, {"text", " hi "}});
  ASSERT_TRUE(std::holds_alternative<client_frame>(parsed));
  const auto& f = std::get<client_frame>(parsed);
  ASSERT_TRUE(std::holds_alternative<message_frame>(f));
  EXPECT_EQ(std::get<message_frame>(f).text, "hi");
  const auto refused = parse_client_frame(json::array({1}));
  ASSERT_TRUE(std::holds_alternative<protocol_error>(refused));
  EXPECT_EQ(std::get<protocol_error>(refused).code, "bad_request");
}

// ---- error frames ------------------------------------------------------------------------------

TEST(EngineProtocol, ErrorFrameHasTypeCodeAndMessage) {
  const auto frame = error_frame({"bad_request", "the field \"type\" is missing"});
  EXPECT_EQ(frame, (json{{"type", "error"}, {"code", "bad_request"}, {"message", "the field \"type\" is missing"}}));
}

}  // namespace
}  // namespace triagebot::engine
