// Unit tests for engine/conversation_state: the state round-trips through JSON losslessly (the
// server stores it between turns), garbage is refused with a sentence, and state_facts reads it.
#include "engine/conversation_state.hpp"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/engine.hpp"
#include "rules/rules_loader.hpp"

namespace triagebot::engine {
namespace {

using json = nlohmann::json;

std::shared_ptr<const rules::rule_set> shipped_rules() {
  static const auto rules = rules::load_rules(TRIAGEBOT_RULES_DIR).rules;
  return rules;
}

// Plays `frames` through the engine from a fresh state and returns the state after each turn. With
// `replies`, also keeps every reply by its turn, as the server's transcript does.
std::vector<conversation_state> play(const std::vector<std::string>& frames, std::map<int, json>* replies = nullptr) {
  const engine bot(shipped_rules());
  std::vector<conversation_state> states;
  conversation_state state;
  int n = 0;
  for (const auto& f : frames) {
    turn_context ctx;
    ctx.new_session_id = "state-test-" + std::to_string(++n);
    ctx.today_weekday = 3;
    auto result = bot.respond(state, f, ctx);
    if (replies != nullptr) (*replies)[result.frame.at("turn").get<int>()] = result.frame;
    state = std::move(result.state);
    states.push_back(state);
  }
  return states;
}

std::string msg(const std::string& text) { return json{{"type", "message"}, {"text", text}}.dump(); }
std::string msg(const std::string& text, const std::string& id) { return json{{"type", "message"}, {"text", text}, {"id", id}}.dump(); }

void expect_round_trip(const conversation_state& s) {
  const auto saved = to_json(s);
  const auto restored = state_from_json(saved);
  EXPECT_EQ(to_json(restored).dump(), saved.dump());
  // And through text, as a store keeps it.
  const auto reparsed = state_from_json(json::parse(saved.dump()));
  EXPECT_EQ(to_json(reparsed).dump(), saved.dump());
  // Fields that matter to the engine survive as values too.
  EXPECT_EQ(restored.session, s.session);
  EXPECT_EQ(restored.turn, s.turn);
  EXPECT_EQ(restored.pending, s.pending);
  EXPECT_EQ(restored.answered, s.answered);
  EXPECT_EQ(restored.queue, s.queue);
  EXPECT_EQ(restored.concluded, s.concluded);
  EXPECT_EQ(restored.outcome, s.outcome);
  EXPECT_EQ(restored.patient_relation, s.patient_relation);
  EXPECT_EQ(restored.facts.size(), s.facts.size());
  EXPECT_EQ(restored.slots.size(), s.slots.size());
  EXPECT_EQ(restored.audit.size(), s.audit.size());
  EXPECT_EQ(restored.history.size(), s.history.size());
  EXPECT_EQ(restored.recent_replies.size(), s.recent_replies.size());
}

TEST(EngineConversationState, EmptyStateRoundTrips) {
  conversation_state s;
  expect_round_trip(s);
  EXPECT_FALSE(state_from_json(to_json(s)).started());
}

TEST(EngineConversationState, RoundTripsAfterEveryTurnOfAConversation) {
  ASSERT_NE(shipped_rules(), nullptr);
  const auto states = play({R"({"type": "start"})", msg("my lower back hurts", "a"), msg("about 2 weeks", "b"),
                            msg("blorf"), msg("7"), msg("I can't feel my bum", "c"), msg("where is the gluteus medius?")});
  ASSERT_EQ(states.size(), 7u);
  for (const auto& s : states) {
    SCOPED_TRACE(s.turn);
    expect_round_trip(s);
  }
  const auto& last = states.back();
  EXPECT_TRUE(last.concluded);
  EXPECT_FALSE(last.audit.empty());
  EXPECT_EQ(last.recent_replies.size(), 3u);
  EXPECT_FALSE(last.facts.empty());
  EXPECT_FALSE(last.slots.empty());
}

TEST(EngineConversationState, RoundTripsWithAPatientRelationAndNotSureSlots) {
  ASSERT_NE(shipped_rules(), nullptr);
  const auto states = play({R"({"type": "start"})", msg("my son is 12 and his hip hurts"), msg("not sure"), msg("not sure"),
                            msg("he has a limp")});
  for (const auto& s : states) expect_round_trip(s);
  const auto& s = states[2];
  bool unsure = false;
  for (const auto& [slot, v] : s.slots) unsure = unsure || v.unsure;
  EXPECT_TRUE(unsure) << to_json(s).dump(1);
}

TEST(EngineConversationState, AResumedEngineGivesTheSameRepliesAsAnUninterruptedOne) {
  ASSERT_NE(shipped_rules(), nullptr);
  const engine bot(shipped_rules());
  turn_context ctx{"same-session", 3};
  const std::vector<std::string> frames{R"({"type": "start"})", msg("my lower back hurts"), msg("2 weeks"), msg("6"),
                                        msg("getting worse")};
  conversation_state direct, stored;
  for (const auto& f : frames) {
    auto a = bot.respond(direct, f, ctx);
    auto b = bot.respond(stored, f, ctx);
    direct = a.state;
    stored = state_from_json(json::parse(to_json(b.state).dump()));
    EXPECT_EQ(a.frame.dump(), b.frame.dump()) << f;
  }
}

// to_json_text writes what to_json(...).dump() writes, without the tree; by_turn keeps replies by turn.
void expect_text_matches(const conversation_state& s) {
  EXPECT_EQ(to_json_text(s), to_json(s).dump());
  const auto by_turn = to_json_text(s, reply_frames::by_turn);
  const auto restored = state_from_json(json::parse(by_turn));
  EXPECT_EQ(to_json_text(restored, reply_frames::by_turn), by_turn);
  ASSERT_EQ(restored.recent_replies.size(), s.recent_replies.size());
  for (std::size_t i = 0; i < s.recent_replies.size(); ++i) {
    EXPECT_EQ(restored.recent_replies[i].id, s.recent_replies[i].id);
    EXPECT_TRUE(restored.recent_replies[i].frame.is_null());
    EXPECT_EQ(restored.recent_replies[i].turn, s.recent_replies[i].frame.at("turn").get<int>());
    EXPECT_EQ(restored.recent_replies[i].turn, s.recent_replies[i].turn);
  }
  // The bot's messages in the history are saved as (turn, index) only; the replies of those turns
  // give the texts back.
  ASSERT_EQ(restored.history.size(), s.history.size());
  for (std::size_t i = 0; i < s.history.size(); ++i) {
    EXPECT_EQ(restored.history[i].from, s.history[i].from);
    EXPECT_EQ(restored.history[i].text.empty(), s.history[i].from == "bot") << i;
  }
  // Everything else is as saved whole.
  auto whole = to_json(s);
  auto thin = json::parse(by_turn);
  for (const char* field : {"recent_replies", "history"}) {
    whole.erase(field);
    thin.erase(field);
  }
  EXPECT_EQ(thin, whole);
}

TEST(EngineConversationState, TextWriterMatchesTheJsonTreeAfterEveryTurn) {
  ASSERT_NE(shipped_rules(), nullptr);
  for (const auto& frames : std::vector<std::vector<std::string>>{
           {R"({"type": "start"})", msg("my lower back hurts", "a"), msg("about 2 weeks", "b"), msg("blorf"), msg("7"),
            msg("I can't feel my bum", "c"), msg("where is the gluteus medius?", "d")},
           {R"({"type": "start"})", msg("my son is 12 and his hip hurts"), msg("not sure"), msg("not sure"), msg("he has a limp")},
           {msg("my knee hurts \"a lot\"\tsince\nTuesday \u00e9\u00fc \u2603", "x\x01y"), R"({"type": "restart"})"}}) {
    for (const auto& s : play(frames)) {
      SCOPED_TRACE(s.turn);
      expect_text_matches(s);
    }
  }
}

TEST(EngineConversationState, TextWriterEscapesLikeNlohmannAndReplacesInvalidUtf8) {
  conversation_state s;
  s.session = "tok";
  s.history.push_back({"person", std::string("quote \" backslash \\ controls \x01\x1f\b\f\n\r\t del \x7f")});
  s.history.push_back({"person", "snow \xe2\x98\x83 and emoji \xf0\x9f\x98\x80"});
  s.slots["age"].number = 41.5;
  s.slots["duration_days"].number = 21;
  s.slots["region"].text = "low_back";
  s.patient_relation = "child";
  s.facts["fever"] = fact_record{fact_state::absent, "q", "no", 2};
  s.audit.push_back(audit_entry{"red_flag", "dvt", "rule-1", "v1", {"calf: swollen"}, 3});
  s.outcome = json{{"level", "urgent"}, {"red_flags", {"dvt"}}};
  s.last_prompt = json{{"messages", {"a"}}, {"input", {{"kind", "none"}}}};
  EXPECT_EQ(to_json_text(s), to_json(s).dump());
  // Bytes that are not UTF-8 (a message cut mid-character) become U+FFFD, as the server's dump does.
  s.history.push_back({"bot", std::string("cut \xe2\x98")});
  s.facts["limp"] = fact_record{fact_state::present, "text", std::string("\xc0\xaf overlong"), 1};
  const auto text = to_json_text(s);
  EXPECT_EQ(text, to_json(s).dump(-1, ' ', false, json::error_handler_t::replace));
  EXPECT_TRUE(json::accept(text));
}

TEST(EngineConversationState, AStateSavedByTurnResumesWithTheSameReplies) {
  ASSERT_NE(shipped_rules(), nullptr);
  const engine bot(shipped_rules());
  turn_context ctx{"same-session", 3};
  conversation_state direct, saved;
  for (const auto& f : {std::string(R"({"type": "start"})"), msg("my lower back hurts", "1"), msg("2 weeks", "2"),
                        msg("6", "3"), msg("getting worse")}) {
    auto a = bot.respond(direct, f, ctx);
    auto b = bot.respond(saved, f, ctx);
    direct = a.state;
    saved = state_from_json(json::parse(to_json_text(b.state, reply_frames::by_turn)));
    EXPECT_EQ(a.frame.dump(), b.frame.dump()) << f;
  }
}

TEST(EngineConversationState, HistoryTextsSavedByTurnComeBackFromTheReplies) {
  std::map<int, json> replies;
  const auto s = play({R"({"type":"start"})", msg("my lower back hurts"), msg("about 2 weeks"), msg("6")}, &replies).back();
  ASSERT_GE(s.history.size(), 6u);
  auto restored = state_from_json(json::parse(to_json_text(s, reply_frames::by_turn)));
  const auto turns = turns_missing_history_texts(restored);
  EXPECT_EQ(turns, (std::vector<int>{1, 2, 3, 4}));
  fill_history_texts(restored, [&](int turn) -> const json* {
    const auto it = replies.find(turn);
    return it == replies.end() ? nullptr : &it->second;
  });
  EXPECT_TRUE(turns_missing_history_texts(restored).empty());
  EXPECT_EQ(to_json(restored).dump(), to_json(s).dump());
  // A resume after that shows the same history as one straight from the engine's state.
  const engine bot(shipped_rules());
  turn_context ctx;
  ctx.new_session_id = "unused";
  const std::string resume = json{{"type", "start"}, {"session", s.session}}.dump();
  EXPECT_EQ(bot.respond(restored, resume, ctx).frame.dump(), bot.respond(s, resume, ctx).frame.dump());
}

TEST(EngineConversationState, HistoryEntriesWhoseReplyIsGoneAreDropped) {
  std::map<int, json> replies;
  const auto s = play({R"({"type":"start"})", msg("my lower back hurts"), msg("about 2 weeks")}, &replies).back();
  auto restored = state_from_json(json::parse(to_json_text(s, reply_frames::by_turn)));
  replies.erase(1);                                   // the greeting's reply was purged
  replies[2]["messages"] = json::array();             // a reply without the message
  fill_history_texts(restored, [&](int turn) -> const json* {
    const auto it = replies.find(turn);
    return it == replies.end() ? nullptr : &it->second;
  });
  for (const auto& h : restored.history) {
    EXPECT_FALSE(h.text.empty());
    if (h.from == "bot") {
      EXPECT_EQ(h.turn, 3);
    }
  }
  std::size_t person = 0;
  for (const auto& h : s.history) person += h.from == "person" ? 1 : 0;
  EXPECT_GT(restored.history.size(), person);  // the third turn's messages are there
}

TEST(EngineConversationState, StatesSavedBeforeHistoryReferencesStillLoad) {
  auto saved = to_json(play({R"({"type":"start"})", msg("my lower back hurts")}).back());
  for (auto& h : saved.at("history")) {
    h.erase("turn");
    h.erase("index");
  }
  const auto restored = state_from_json(saved);
  ASSERT_FALSE(restored.history.empty());
  for (const auto& h : restored.history) {
    EXPECT_EQ(h.index, -1);
    EXPECT_FALSE(h.text.empty());
  }
  EXPECT_TRUE(turns_missing_history_texts(restored).empty());
  // Saved again by turn, such entries keep their text (there is no reply to point to).
  EXPECT_EQ(json::parse(to_json_text(restored, reply_frames::by_turn)).at("history"), saved.at("history"));
}

void expect_refused(const json& garbage) {
  try {
    (void)state_from_json(garbage);
    ADD_FAILURE() << "accepted: " << garbage.dump();
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    EXPECT_GT(what.size(), 10u) << garbage.dump();
    EXPECT_NE(what.find(' '), std::string::npos) << "not a sentence: " << what;
    EXPECT_EQ(what.find("[json.exception"), std::string::npos) << what;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "threw something other than std::runtime_error: " << e.what();
  }
}

TEST(EngineConversationState, HistoryEntriesWithNeitherTextNorReplyAreRefused) {
  const auto valid = to_json(play({R"({"type":"start"})"}).back());
  auto no_text = valid;
  no_text["history"] = json::array({json{{"from", "bot"}}});
  expect_refused(no_text);
  auto negative = valid;
  negative["history"] = json::array({json{{"from", "bot"}, {"turn", 1}, {"index", -2}}});
  expect_refused(negative);
}

TEST(EngineConversationState, GarbageThrowsRuntimeErrorWithASentence) {
  expect_refused(json::array({1, 2}));
  expect_refused(json(42));
  expect_refused(json("a state"));
  expect_refused(json(nullptr));
  expect_refused(json::object());
  expect_refused(json{{"version", 1}});
  expect_refused(json{{"version", 2}, {"session", "x"}});
  expect_refused(json{{"version", "1"}});
}

TEST(EngineConversationState, FieldOfTheWrongTypeIsRefused) {
  ASSERT_NE(shipped_rules(), nullptr);
  const auto s = play({R"({"type": "start"})", msg("my lower back hurts")}).back();
  auto j = to_json(s);
  j["turn"] = "two";
  expect_refused(j);
  j = to_json(s);
  j["facts"] = json::array({1});
  expect_refused(j);
  j = to_json(s);
  j.erase("pending");
  expect_refused(j);
}

TEST(EngineConversationState, UnknownFactStateIsRefused) {
  conversation_state s;
  s.session = "x";
  s.facts["fever"] = fact_record{fact_state::present, "text", "hot", 1};
  auto j = to_json(s);
  ASSERT_EQ(j["facts"]["fever"]["state"], "present");
  j["facts"]["fever"]["state"] = "maybe";
  expect_refused(j);
}

TEST(EngineConversationState, OutcomeLevelAndRedFlags) {
  conversation_state s;
  EXPECT_FALSE(s.outcome_level().has_value());
  EXPECT_TRUE(s.red_flags().empty());
  s.outcome = json{{"level", "urgent"}, {"red_flags", {"dvt", "infection"}}};
  ASSERT_TRUE(s.outcome_level().has_value());
  EXPECT_EQ(*s.outcome_level(), rules::level::urgent);
  EXPECT_EQ(s.red_flags(), (std::vector<std::string>{"dvt", "infection"}));
}

TEST(EngineConversationState, StateFactsReadsFactsSlotsAndFlags) {
  conversation_state s;
  s.facts["fever"] = fact_record{fact_state::present, "text", "hot", 1};
  s.facts["limp"] = fact_record{fact_state::absent, "q", "no", 2};
  s.slots["region"].text = "hip";
  s.slots["age"].number = 40;
  s.slots["trend"].unsure = true;
  const std::vector<std::string> found{"pe"};
  const state_facts f(s, found);
  EXPECT_EQ(f.fact("fever"), fact_state::present);
  EXPECT_EQ(f.fact("limp"), fact_state::absent);
  EXPECT_EQ(f.fact("night_pain"), fact_state::unknown);
  ASSERT_NE(f.slot_text("region"), nullptr);
  EXPECT_EQ(*f.slot_text("region"), "hip");
  EXPECT_EQ(f.slot_text("age"), nullptr);
  EXPECT_EQ(f.slot_text("side"), nullptr);
  EXPECT_EQ(f.slot_number("age"), 40.0);
  EXPECT_FALSE(f.slot_number("region").has_value());
  EXPECT_FALSE(f.slot_number("duration_days").has_value());
  EXPECT_TRUE(f.slot_unsure("trend"));
  EXPECT_FALSE(f.slot_unsure("age"));
  EXPECT_FALSE(f.slot_unsure("side"));
  EXPECT_TRUE(f.flag("pe"));
  EXPECT_FALSE(f.flag("dvt"));
}

}  // namespace
}  // namespace triagebot::engine
