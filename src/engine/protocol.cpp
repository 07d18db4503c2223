#include "engine/protocol.hpp"

#include "nlu/text_normalizer.hpp"

namespace triagebot::engine {
namespace {

std::string kind_of(const nlohmann::json& j) {
  if (j.is_array()) return "an array";
  if (j.is_string()) return "a string";
  if (j.is_number()) return "a number";
  if (j.is_boolean()) return "true/false";
  if (j.is_null()) return "null";
  return "an object";
}

}  // namespace

std::variant<client_frame, protocol_error> parse_client_frame(std::string_view raw) {
  if (!nlu::is_valid_utf8(raw)) return protocol_error{"bad_json", "the frame is not valid UTF-8 text"};
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(raw);
  } catch (const nlohmann::json::parse_error& e) {
    return protocol_error{"bad_json", "expected a JSON object, but the frame is not valid JSON (stopped at byte " +
                                          std::to_string(e.byte) + " of " + std::to_string(raw.size()) + ")"};
  }
  return parse_client_frame(j);
}

std::variant<client_frame, protocol_error> parse_client_frame(const nlohmann::json& j) {
  if (!j.is_object()) return protocol_error{"bad_request", "expected a JSON object but the frame is " + kind_of(j)};
  if (!j.contains("type")) return protocol_error{"bad_request", "the field \"type\" is missing (start, message or restart)"};
  if (!j.at("type").is_string())
    return protocol_error{"bad_request", "the field \"type\" must be a string, not " + kind_of(j.at("type"))};
  const auto type = j.at("type").get<std::string>();
  auto optional_string = [&](const char* key, std::optional<std::string>& out) -> std::optional<protocol_error> {
    if (!j.contains(key) || j.at(key).is_null()) return std::nullopt;
    if (!j.at(key).is_string())
      return protocol_error{"bad_request", std::string("the field \"") + key + "\" must be a string, not " + kind_of(j.at(key))};
    out = j.at(key).get<std::string>();
    return std::nullopt;
  };
  if (type == "start") {
    start_frame f;
    if (auto e = optional_string("session", f.session)) return *e;
    if (auto e = optional_string("locale", f.locale)) return *e;
    return client_frame{f};
  }
  if (type == "restart") return client_frame{restart_frame{}};
  if (type == "message") {
    message_frame f;
    if (!j.contains("text")) return protocol_error{"bad_request", "the field \"text\" is missing from the message"};
    if (!j.at("text").is_string())
      return protocol_error{"bad_request", "the field \"text\" must be a string, not " + kind_of(j.at("text"))};
    const auto text = j.at("text").get<std::string>();
    const auto trimmed = nlu::trim(text);
    if (trimmed.empty()) return protocol_error{"bad_request", "the field \"text\" is empty or only spaces"};
    const auto length = nlu::count_code_points(trimmed);
    if (length > max_text_code_points)
      return protocol_error{"too_long", "the field \"text\" has " + std::to_string(length) +
                                            " characters; the limit is " + std::to_string(max_text_code_points)};
    f.text = std::string(trimmed);
    if (auto e = optional_string("id", f.id)) return *e;
    return client_frame{f};
  }
  return protocol_error{"bad_request", "unknown type \"" + type + "\" (expected start, message or restart)"};
}

nlohmann::json error_frame(const protocol_error& e) {
  return {{"type", "error"}, {"code", e.code}, {"message", e.message}};
}

}  // namespace triagebot::engine
