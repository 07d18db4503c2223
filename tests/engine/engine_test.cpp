// Unit tests for engine/engine: the dialogue engine against the shipped rules, checked against
// PROTOCOL v1 (../shared/PROTOCOL.md): turns, sessions, resume, restart, idempotent message ids,
// red flags and escalation, "not sure" handling, out-of-scope pain, FAQ and the audit trail.
#include "engine/engine.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "rules/rules_loader.hpp"

namespace triagebot::engine {
namespace {

using json = nlohmann::json;

std::shared_ptr<const rules::rule_set> shipped_rules() {
  static const auto rules = [] {
    auto result = rules::load_rules(TRIAGEBOT_RULES_DIR);
    return result.rules;
  }();
  return rules;
}

std::string message(const std::string& text) { return json{{"type", "message"}, {"text", text}}.dump(); }
std::string message(const std::string& text, const std::string& id) {
  return json{{"type", "message"}, {"text", text}, {"id", id}}.dump();
}
const std::string kStart = R"({"type": "start"})";
const std::string kRestart = R"({"type": "restart"})";
std::string start_with(const std::string& session) { return json{{"type", "start"}, {"session", session}}.dump(); }

std::vector<std::string> texts_of(const json& frame) {
  std::vector<std::string> out;
  for (const auto& m : frame.at("messages")) out.push_back(m.at("text").get<std::string>());
  return out;
}

bool says(const json& frame, const std::string& text) {
  const auto t = texts_of(frame);
  return std::find(t.begin(), t.end(), text) != t.end();
}

bool says_fragment(const json& frame, const std::string& fragment) {
  for (const auto& t : texts_of(frame))
    if (t.find(fragment) != std::string::npos) return true;
  return false;
}

std::set<std::string> payloads_of(const json& frame) {
  std::set<std::string> out;
  for (const auto& q : frame.at("quick_replies")) out.insert(q.at("payload").get<std::string>());
  return out;
}

std::string slot_of(const json& frame) { return frame.at("input").value("slot", std::string("nothing")); }

std::vector<std::string> red_flags_of(const json& frame) {
  const auto& o = frame.at("outcome");
  if (!o.is_object()) return {};
  return o.at("red_flags").get<std::vector<std::string>>();
}

std::string level_of(const json& frame) {
  const auto& o = frame.at("outcome");
  return o.is_object() ? o.at("level").get<std::string>() : std::string("null");
}

// Every field PROTOCOL v1 requires of a reply, with its type, and the outcome's invariants.
void expect_protocol_reply(const json& f) {
  SCOPED_TRACE(f.dump());
  ASSERT_TRUE(f.is_object());
  EXPECT_EQ(f.value("type", ""), "reply");
  ASSERT_TRUE(f.contains("protocol"));
  EXPECT_EQ(f.at("protocol"), 1);
  ASSERT_TRUE(f.contains("session") && f.at("session").is_string());
  EXPECT_FALSE(f.at("session").get<std::string>().empty());
  ASSERT_TRUE(f.contains("resumed") && f.at("resumed").is_boolean());
  ASSERT_TRUE(f.contains("locale") && f.at("locale").is_string());
  ASSERT_TRUE(f.contains("turn") && f.at("turn").is_number_integer());
  EXPECT_GE(f.at("turn").get<int>(), 1);
  ASSERT_TRUE(f.contains("messages") && f.at("messages").is_array());
  EXPECT_FALSE(f.at("messages").empty()) << "messages must hold one or more utterances";
  for (const auto& m : f.at("messages")) {
    ASSERT_TRUE(m.is_object() && m.contains("text") && m.at("text").is_string());
    EXPECT_FALSE(m.at("text").get<std::string>().empty());
  }
  ASSERT_TRUE(f.contains("quick_replies") && f.at("quick_replies").is_array());
  for (const auto& q : f.at("quick_replies")) {
    ASSERT_TRUE(q.is_object());
    EXPECT_TRUE(q.contains("title") && q.at("title").is_string());
    EXPECT_TRUE(q.contains("payload") && q.at("payload").is_string());
  }
  ASSERT_TRUE(f.contains("input") && f.at("input").is_object());
  const auto& input = f.at("input");
  ASSERT_TRUE(input.contains("kind") && input.at("kind").is_string());
  const auto kind = input.at("kind").get<std::string>();
  static const std::set<std::string> kinds{"yes_no", "choice", "scale", "number", "text", "none"};
  EXPECT_TRUE(kinds.contains(kind)) << kind;
  if (kind != "none") {
    EXPECT_TRUE(input.contains("slot") && input.at("slot").is_string()) << "slot is set on every question";
  }
  if (kind == "scale") {
    EXPECT_TRUE(input.contains("min") && input.at("min").is_number());
    EXPECT_TRUE(input.contains("max") && input.at("max").is_number());
  }
  ASSERT_TRUE(f.contains("outcome"));
  const auto& o = f.at("outcome");
  ASSERT_TRUE(o.is_null() || o.is_object());
  if (o.is_object()) {
    static const std::set<std::string> levels{"emergency", "urgent", "physio", "self_care"};
    ASSERT_TRUE(o.contains("level") && o.at("level").is_string());
    const auto level = o.at("level").get<std::string>();
    EXPECT_TRUE(levels.contains(level)) << level;
    ASSERT_TRUE(o.contains("red_flags") && o.at("red_flags").is_array());
    EXPECT_TRUE(o.contains("advice") && o.at("advice").is_string());
    ASSERT_TRUE(o.contains("exercises") && o.at("exercises").is_array());
    EXPECT_TRUE(o.contains("booking") && o.at("booking").is_object());
    EXPECT_TRUE(o.contains("disclaimer") && o.at("disclaimer").is_string());
    EXPECT_TRUE(o.contains("summary") && o.at("summary").is_object());
    if (level == "emergency" || level == "urgent") {
      EXPECT_TRUE(o.contains("emergency_number") && o.at("emergency_number").is_string());
      EXPECT_TRUE(o.at("exercises").empty());
      EXPECT_FALSE(o.at("red_flags").empty());
    } else {
      EXPECT_TRUE(o.at("red_flags").empty());
    }
    if (o.at("booking").is_object()) {
      EXPECT_TRUE(o.at("booking").contains("text"));
      EXPECT_EQ(o.at("booking").value("url", "").rfind("https://", 0), 0u);
    }
    for (const auto& e : o.at("exercises")) {
      EXPECT_TRUE(e.contains("id") && e.contains("name") && e.contains("steps") && e.contains("dose")) << e.dump();
    }
  }
}

// A conversation held by one client: sends frames, keeps the state, gives each turn its own new
// session id ("session-1", "session-2", ...) so tests can see which turn started a conversation.
class conversation {
 public:
  explicit conversation(const engine& bot) : bot_(bot) {}

  json send(const std::string& raw) {
    last_ = bot_.respond(state, raw, next_context());
    state = last_.state;
    frames.push_back(last_.frame);
    return last_.frame;
  }
  json say(const std::string& text) { return send(message(text)); }
  json start() { return send(kStart); }
  const turn_result& last() const { return last_; }
  turn_context next_context() {
    turn_context ctx;
    ctx.new_session_id = "session-" + std::to_string(++counter_);
    ctx.today_weekday = 3;
    return ctx;
  }
  int counter() const { return counter_; }

  conversation_state state;
  std::vector<json> frames;

 private:
  const engine& bot_;
  turn_result last_;
  int counter_ = 0;
};

class EngineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_NE(shipped_rules(), nullptr) << "the shipped rules do not load"; }
  void SetUp() override { ASSERT_NE(shipped_rules(), nullptr); }

  const rules::rule_set& rules() const { return *shipped_rules(); }
  const std::string& text(const std::string& key) const { return rules().text(key); }
  const rules::question& question(const std::string& id) const {
    const auto* q = rules().find_question(id);
    if (!q) throw std::runtime_error("no question " + id);
    return *q;
  }

  // start, "my lower back hurts", "2 weeks": the pain score is asked next.
  void reach_pain_score(conversation& c) {
    c.start();
    EXPECT_EQ(slot_of(c.say("my lower back hurts")), "duration_days");
    EXPECT_EQ(slot_of(c.say("2 weeks")), "pain_score");
  }

  // A mild, recent, improving low-back pain answered button by button: ends in self_care.
  json reach_self_care(conversation& c) {
    c.start();
    c.say("my lower back hurts");
    c.say("3 days");
    c.say("3");
    c.say("better");
    c.say("35");
    for (int i = 0; i < 10 && level_of(c.frames.back()) == "null"; ++i) {
      const auto kind = c.frames.back().at("input").value("kind", "");
      c.say(kind == "yes_no" ? "no" : "none");
    }
    return c.frames.back();
  }

  // A long, severe, worsening low-back pain: ends in physio.
  json reach_physio(conversation& c) {
    c.start();
    c.say("my lower back hurts");
    c.say("8 weeks");
    c.say("7");
    c.say("worse");
    c.say("40");
    for (int i = 0; i < 10 && level_of(c.frames.back()) == "null"; ++i) {
      const auto kind = c.frames.back().at("input").value("kind", "");
      c.say(kind == "yes_no" ? "no" : "none");
    }
    return c.frames.back();
  }

  engine bot{shipped_rules()};
};

// ---- confirm before dismissing ---------------------------------------------------------------

TEST_F(EngineTest, WordsThatTouchAFlagAskItsConfirmingQuestionFirst) {
  conversation c(bot);
  c.start();
  // "can't cope" is a possible crisis the reader cannot settle: one direct question, at once.
  const auto asked = c.say("my lower back is so bad i cant cope anymore");
  EXPECT_TRUE(asked.at("outcome").is_null());
  EXPECT_EQ(asked.at("input").at("kind"), "yes_no");
  EXPECT_EQ(asked.at("input").at("slot"), "crisis_check");
  EXPECT_EQ(asked.at("input").at("red_flag"), "crisis");
  const auto yes = c.say("yes");
  EXPECT_EQ(level_of(yes), "emergency");
  EXPECT_TRUE(yes.at("outcome").at("red_flags").get<std::vector<std::string>>() == std::vector<std::string>{"crisis"});
}

TEST_F(EngineTest, ANoToTheConfirmingQuestionGoesBackToTheFlow) {
  conversation c(bot);
  c.start();
  c.say("my lower back is so bad i cant cope anymore");
  const auto no = c.say("no");
  EXPECT_TRUE(no.at("outcome").is_null());
  EXPECT_NE(no.at("input").at("slot"), "crisis_check");
  EXPECT_FALSE(no.at("input").contains("red_flag") && no.at("input").at("red_flag") == "crisis");
  // Touched again later, an answered question is not asked twice.
  const auto again = c.say("honestly i cant cope");
  EXPECT_NE(again.at("input").at("slot"), "crisis_check");
}

// "Nothing touches it" about a back touches the tense-leg flag's words but not its region.
TEST_F(EngineTest, AFlagBoundToRegionsIsNotAskedAboutElsewhere) {
  conversation back(bot);
  back.start();
  const auto b = back.say("my lower back has hurt for 8 months, nothing touches it");
  EXPECT_NE(b.at("input").value("red_flag", ""), "compartment_syndrome");
  conversation leg(bot);
  leg.start();
  const auto l = leg.say("my calf got kicked at football and nothing touches it");
  EXPECT_EQ(l.at("input").value("red_flag", ""), "compartment_syndrome");
}

TEST_F(EngineTest, ASettledSignEscalatesWithoutAskingToConfirm) {
  conversation c(bot);
  c.start();
  const auto f = c.say("my back hurts and i have been thinking about ending my life");
  EXPECT_EQ(level_of(f), "emergency");
}

TEST_F(EngineTest, SignsToldBeforeThePatientIsNamedAreReadAgainForThePatient) {
  conversation c(bot);
  c.start();
  // Once the person's own pain is known, "he" is nobody yet: the signs are someone else's until the
  // person says who the patient is.
  c.say("my hip has been sore for a few weeks");
  const auto first = c.say("came on out of nowhere 20 mins ago, he's gone grey and sweaty and says his back is being torn in half");
  EXPECT_TRUE(first.at("outcome").is_null() || level_of(first) != "emergency");
  const auto named = c.say("sorry it's my husband, seventy one, he smokes");
  EXPECT_EQ(level_of(named), "emergency");
  EXPECT_TRUE(named.at("outcome").at("red_flags").get<std::vector<std::string>>() == std::vector<std::string>{"aaa"});
}

// "got numbness in my leg" then "sorry no ignore that, my leg had gone dead because id been sitting on
// it": the retraction's sentence tells what rules the nerve finding out, so it is taken back.
TEST_F(EngineTest, ARetractionThatExplainsTheSignTakesItsFindingBack) {
  conversation c(bot);
  c.start();
  c.say("hi back pain from gardening on saturday");
  c.say("got numbness in my leg");
  ASSERT_TRUE(c.state.facts.contains("nerve_symptoms"));
  c.say("sorry no ignore that, my leg had gone dead because id been sitting on it on the sofa, its totally fine now");
  EXPECT_FALSE(c.state.facts.contains("nerve_symptoms") && c.state.facts.at("nerve_symptoms").state == fact_state::present);
}

// "My lower back's always stiff" then "For the last couple of months I've had a deep ache in my right
// groin": the pain told with how long it has lasted is the one asked about.
TEST_F(EngineTest, ThePainToldWithItsLengthIsTheOneAskedAbout) {
  conversation c(bot);
  c.start();
  c.say("I'm 48 and on prednisolone most of the year. My lower back's always stiff in the mornings.");
  c.say("For the last couple of months I've had a deep ache in my right groin, worse when I walk");
  ASSERT_TRUE(c.state.slots.contains("region"));
  EXPECT_EQ(c.state.slots.at("region").text.value_or(""), "hip");
}

// "to be onest whats the point of waking up tomorow" then "iv thort about how id do it": a crisis told
// across two messages.
TEST_F(EngineTest, ACrisisToldAcrossMessagesEscalates) {
  conversation c(bot);
  c.start();
  c.say("lower back pain left side 8 months, goes into my bum");
  c.say("to be honest whats the point of waking up tomorrow");
  const auto how = c.say("iv thort about how id do it to. sorry. its not like im not greatful for the help");
  EXPECT_EQ(level_of(how), "emergency");
  EXPECT_TRUE(how.at("outcome").at("red_flags").get<std::vector<std::string>>() == std::vector<std::string>{"crisis"});
}

// chest_pain stands for chest pain or breathlessness without a reason for a clot; once the reason is
// told, pe takes its place instead of standing beside it.
TEST_F(EngineTest, AFlagThatStandsOnlyWithoutAnotherGivesWayToIt) {
  conversation c(bot);
  c.start();
  const auto first = c.say("My girlfriend (34) suddenly can't catch her breath this afternoon and says there's a sharp pain in her chest when she breathes in.");
  EXPECT_EQ(level_of(first), "emergency");
  EXPECT_EQ(first.at("outcome").at("red_flags").get<std::vector<std::string>>(), std::vector<std::string>{"chest_pain"});
  const auto later = c.say("her left calf has been swollen and sore to touch since we flew back from Bangkok");
  EXPECT_EQ(level_of(later), "emergency");
  const auto flags = later.at("outcome").at("red_flags").get<std::vector<std::string>>();
  EXPECT_TRUE(std::find(flags.begin(), flags.end(), "pe") != flags.end());
  EXPECT_TRUE(std::find(flags.begin(), flags.end(), "chest_pain") == flags.end());
}

// ---- start -------------------------------------------------------------------------------------

TEST_F(EngineTest, StartGreetsAndAsksAQuestion) {
  conversation c(bot);
  const auto f = c.start();
  expect_protocol_reply(f);
  EXPECT_EQ(f.at("turn"), 1);
  EXPECT_EQ(f.at("resumed"), false);
  EXPECT_EQ(f.at("session"), "session-1");
  EXPECT_EQ(f.at("locale"), "en");
  EXPECT_TRUE(f.at("outcome").is_null());
  const auto t = texts_of(f);
  ASSERT_GE(t.size(), 3u);
  EXPECT_EQ(t[0], text("greeting"));
  EXPECT_EQ(t[1], text("privacy"));
  EXPECT_EQ(t.back(), question("region").text);
  EXPECT_EQ(f.at("input").at("kind"), "choice");
  EXPECT_EQ(f.at("input").at("slot"), "region");
  EXPECT_TRUE(payloads_of(f).contains("low_back"));
  EXPECT_TRUE(c.last().changed);
  EXPECT_EQ(c.state.session, "session-1");
  EXPECT_EQ(c.state.turn, 1);
  EXPECT_EQ(c.state.pending, "region");
}

TEST_F(EngineTest, UnsupportedLocaleFallsBackToTheDefault) {
  conversation c(bot);
  const auto f = c.send(R"({"type": "start", "locale": "xx"})");
  expect_protocol_reply(f);
  EXPECT_EQ(f.at("locale"), rules().info.default_locale);
}

TEST_F(EngineTest, MessageBeforeStartStartsImplicitlyWithTheGreetingFirst) {
  conversation c(bot);
  const auto f = c.say("my lower back hurts");
  expect_protocol_reply(f);
  EXPECT_EQ(f.at("turn"), 1);
  EXPECT_EQ(f.at("resumed"), false);
  EXPECT_EQ(f.at("session"), "session-1");
  const auto t = texts_of(f);
  ASSERT_GE(t.size(), 3u);
  EXPECT_EQ(t[0], text("greeting"));
  EXPECT_EQ(t[1], text("privacy"));
  // The message itself is handled: the region is known, the next question is asked.
  EXPECT_EQ(slot_of(f), "duration_days");
}

TEST_F(EngineTest, RestartBeforeStartStartsImplicitlyWithTheGreetingFirst) {
  conversation c(bot);
  const auto f = c.send(kRestart);
  expect_protocol_reply(f);
  EXPECT_EQ(f.at("turn"), 1);
  EXPECT_EQ(f.at("session"), "session-1");
  const auto t = texts_of(f);
  ASSERT_GE(t.size(), 2u);
  EXPECT_EQ(t[0], text("greeting"));
  EXPECT_EQ(t[1], text("privacy"));
}

// ---- determinism and errors --------------------------------------------------------------------

TEST_F(EngineTest, SameInputsGiveIdenticalFrames) {
  const std::vector<std::string> frames{kStart, message("my lower back hurts"), message("about 2 weeks"),
                                        message("7"), message("I can't feel my bum"), kRestart,
                                        message("my hip hurts, I'm 70")};
  conversation a(bot), b(bot);
  for (const auto& f : frames) {
    const auto fa = a.send(f);
    const auto fb = b.send(f);
    EXPECT_EQ(fa.dump(), fb.dump()) << f;
    EXPECT_EQ(to_json(a.state).dump(), to_json(b.state).dump()) << f;
  }
}

TEST_F(EngineTest, ErrorFrameLeavesTheStateUnchanged) {
  conversation c(bot);
  c.start();
  c.say("my lower back hurts");
  const auto before = to_json(c.state).dump();
  for (const std::string raw : {"[1]", "not json", R"({"type": "message", "text": "   "})", R"({"type": "dance"})",
                                R"({"type": "message"})"}) {
    const auto r = bot.respond(c.state, raw, c.next_context());
    EXPECT_EQ(r.frame.value("type", ""), "error") << raw;
    EXPECT_FALSE(r.changed) << raw;
    EXPECT_EQ(to_json(r.state).dump(), before) << raw;
  }
  const auto bad = bot.respond(c.state, "[1]", c.next_context());
  EXPECT_EQ(bad.frame.at("code"), "bad_request");
  EXPECT_EQ(bot.respond(c.state, "{", c.next_context()).frame.at("code"), "bad_json");
  // The conversation goes on from where it was: turn 3 after two replies.
  EXPECT_EQ(c.say("2 weeks").at("turn"), 3);
}

TEST_F(EngineTest, ErrorBeforeStartDoesNotStartAConversation) {
  conversation c(bot);
  const auto f = c.send("[1]");
  EXPECT_EQ(f.at("type"), "error");
  EXPECT_FALSE(c.state.started());
  EXPECT_EQ(c.start().at("turn"), 1);
}

// ---- message ids -------------------------------------------------------------------------------

TEST_F(EngineTest, ResentMessageIdReturnsTheSameReplyAndDoesNotAdvance) {
  conversation c(bot);
  c.start();
  const auto first = c.send(message("my lower back hurts", "m1"));
  expect_protocol_reply(first);
  EXPECT_EQ(first.at("turn"), 2);
  const auto state_after = to_json(c.state).dump();
  const auto again = c.send(message("my lower back hurts", "m1"));
  EXPECT_EQ(again.dump(), first.dump());
  EXPECT_FALSE(c.last().changed);
  EXPECT_EQ(c.state.turn, 2);
  EXPECT_EQ(to_json(c.state).dump(), state_after);
  // The same id with other words is still the same message.
  const auto other = c.send(message("I can't feel my bum", "m1"));
  EXPECT_EQ(other.dump(), first.dump());
  EXPECT_TRUE(c.state.outcome.is_null());
  // A new id is handled.
  const auto next = c.send(message("2 weeks", "m2"));
  EXPECT_EQ(next.at("turn"), 3);
  EXPECT_TRUE(c.last().changed);
  EXPECT_EQ(c.send(message("2 weeks", "m2")).dump(), next.dump());
  EXPECT_EQ(c.send(message("ignored", "m1")).dump(), first.dump());
}

TEST_F(EngineTest, OnlyTheLastTwentyIdsAreRemembered) {
  conversation c(bot);
  c.start();
  for (int i = 1; i <= 21; ++i) c.send(message("blah " + std::to_string(i), "id-" + std::to_string(i)));
  const int turn = c.state.turn;
  // id-2 .. id-21 are remembered; id-1 has been forgotten and is handled as new.
  c.send(message("blah 2", "id-2"));
  EXPECT_EQ(c.state.turn, turn);
  c.send(message("blah 1", "id-1"));
  EXPECT_EQ(c.state.turn, turn + 1);
}

// ---- resume ------------------------------------------------------------------------------------

TEST_F(EngineTest, StartWithTheCurrentTokenResumes) {
  conversation c(bot);
  c.start();
  const auto asked = c.say("my lower back hurts");
  ASSERT_EQ(slot_of(asked), "duration_days");
  const auto session = c.state.session;
  const auto f = c.send(start_with(session));
  expect_protocol_reply(f);
  EXPECT_EQ(f.at("resumed"), true);
  EXPECT_EQ(f.at("session"), session);
  EXPECT_EQ(f.at("turn"), 3);
  EXPECT_TRUE(f.at("outcome").is_null());
  // The last question is repeated, with its input.
  EXPECT_EQ(texts_of(f).front(), text("resumed"));
  EXPECT_TRUE(says(f, question("duration").text));
  EXPECT_EQ(f.at("input"), asked.at("input"));
  EXPECT_EQ(f.at("quick_replies"), asked.at("quick_replies"));
  // History: the conversation so far, oldest first, bot and person.
  ASSERT_TRUE(f.contains("history"));
  const auto& h = f.at("history");
  ASSERT_TRUE(h.is_array());
  ASSERT_FALSE(h.empty());
  EXPECT_LE(h.size(), 50u);
  EXPECT_EQ(h.front(), (json{{"from", "bot"}, {"text", text("greeting")}}));
  EXPECT_TRUE(std::find(h.begin(), h.end(), json{{"from", "person"}, {"text", "my lower back hurts"}}) != h.end()) << h.dump();
  for (const auto& e : h) {
    EXPECT_TRUE(e.at("from") == "bot" || e.at("from") == "person") << e.dump();
    EXPECT_TRUE(e.at("text").is_string());
  }
  // The answer to the repeated question is taken as usual, and the turn count goes on.
  const auto next = c.say("2 weeks");
  EXPECT_EQ(next.at("turn"), 4);
  EXPECT_EQ(next.at("resumed"), false);
  EXPECT_EQ(slot_of(next), "pain_score");
}

TEST_F(EngineTest, ResumeAfterAnOutcomeKeepsTheOutcome) {
  conversation c(bot);
  reach_pain_score(c);
  const auto emergency = c.say("I can't feel my bum");
  ASSERT_EQ(level_of(emergency), "emergency");
  const auto f = c.send(start_with(c.state.session));
  expect_protocol_reply(f);
  EXPECT_EQ(f.at("resumed"), true);
  EXPECT_EQ(f.at("outcome"), emergency.at("outcome"));
  EXPECT_EQ(f.at("input").at("kind"), "none");
}

TEST_F(EngineTest, ResumedHistoryHoldsAtMostTheLastFiftyEntriesOldestFirst) {
  conversation c(bot);
  reach_self_care(c);
  for (int i = 0; i < 30; ++i) c.say("no thanks " + std::to_string(i));
  const auto last = c.frames.back();
  const auto f = c.send(start_with(c.state.session));
  expect_protocol_reply(f);
  ASSERT_TRUE(f.contains("history"));
  const auto& h = f.at("history");
  EXPECT_EQ(h.size(), 50u);
  // Oldest first: the newest entry is the bot's last message before resuming.
  EXPECT_EQ(h.back(), (json{{"from", "bot"}, {"text", texts_of(last).back()}}));
  EXPECT_EQ(h[h.size() - 2], (json{{"from", "person"}, {"text", "no thanks 29"}}));
}

TEST_F(EngineTest, StartWithAnUnknownTokenStartsANewConversation) {
  conversation c(bot);
  const auto f = c.send(start_with("no-such-session"));
  expect_protocol_reply(f);
  EXPECT_EQ(f.at("resumed"), false);
  EXPECT_EQ(f.at("turn"), 1);
  EXPECT_EQ(f.at("session"), "session-1");
  EXPECT_FALSE(f.contains("history"));
  EXPECT_EQ(texts_of(f).front(), text("not_found"));
  EXPECT_TRUE(says(f, text("greeting")));
}

TEST_F(EngineTest, StartWithAnotherTokenDuringAConversationStartsANewOne) {
  conversation c(bot);
  c.start();
  c.say("my lower back hurts");
  const auto f = c.send(start_with("someone-elses-token"));
  expect_protocol_reply(f);
  EXPECT_EQ(f.at("resumed"), false);
  EXPECT_EQ(f.at("turn"), 1);
  EXPECT_EQ(f.at("session"), "session-3");
  EXPECT_EQ(slot_of(f), "region");
  EXPECT_TRUE(c.state.slots.empty());
}

// ---- restart -----------------------------------------------------------------------------------

TEST_F(EngineTest, RestartGivesANewSessionAndTurnOne) {
  conversation c(bot);
  c.start();
  c.say("my lower back hurts");
  c.say("2 weeks");
  const auto f = c.send(kRestart);
  expect_protocol_reply(f);
  EXPECT_EQ(f.at("session"), "session-4");
  EXPECT_NE(f.at("session"), "session-1");
  EXPECT_EQ(f.at("turn"), 1);
  EXPECT_EQ(f.at("resumed"), false);
  EXPECT_TRUE(f.at("outcome").is_null());
  EXPECT_TRUE(says(f, text("restart_confirmation")));
  EXPECT_EQ(slot_of(f), "region");
  EXPECT_TRUE(c.state.slots.empty());
  EXPECT_TRUE(c.state.facts.empty());
  EXPECT_EQ(c.say("my hip hurts").at("turn"), 2);
}

TEST_F(EngineTest, RestartAfterAnEmergencyRepeatsTheAdviceOnceWithoutAnOutcome) {
  conversation c(bot);
  reach_pain_score(c);
  const auto emergency = c.say("I can't feel my bum");
  ASSERT_EQ(level_of(emergency), "emergency");
  const auto advice = emergency.at("outcome").at("advice").get<std::string>();
  const auto f = c.send(kRestart);
  expect_protocol_reply(f);
  EXPECT_TRUE(f.at("outcome").is_null());
  EXPECT_EQ(f.at("turn"), 1);
  EXPECT_NE(f.at("session"), emergency.at("session"));
  EXPECT_TRUE(says_fragment(f, advice)) << f.dump(1);
  // Once: the next reply does not repeat it.
  const auto next = c.say("my hip hurts");
  EXPECT_FALSE(says_fragment(next, advice));
  EXPECT_TRUE(next.at("outcome").is_null());
}

TEST_F(EngineTest, RestartByButtonPayloadRestarts) {
  conversation c(bot);
  reach_pain_score(c);
  const auto f = c.say("/restart");
  expect_protocol_reply(f);
  EXPECT_EQ(f.at("turn"), 1);
  EXPECT_EQ(f.at("session"), "session-4");
}

TEST_F(EngineTest, RestartAfterSelfCareDoesNotRepeatAdvice) {
  conversation c(bot);
  const auto done = reach_self_care(c);
  ASSERT_EQ(level_of(done), "self_care");
  const auto f = c.send(kRestart);
  EXPECT_FALSE(says_fragment(f, done.at("outcome").at("advice").get<std::string>()));
  EXPECT_TRUE(f.at("outcome").is_null());
}

// ---- red flags ---------------------------------------------------------------------------------

TEST_F(EngineTest, RedFlagMidFlowGivesAnEmergency) {
  conversation c(bot);
  reach_pain_score(c);
  const auto f = c.say("I can't feel my bum");
  expect_protocol_reply(f);
  EXPECT_EQ(f.at("turn"), 4);
  const auto& o = f.at("outcome");
  ASSERT_TRUE(o.is_object());
  EXPECT_EQ(o.at("level"), "emergency");
  EXPECT_EQ(o.at("red_flags"), json::array({"cauda_equina"}));
  EXPECT_EQ(o.at("exercises"), json::array());
  EXPECT_EQ(o.at("emergency_number"), "999");
  EXPECT_EQ(o.at("disclaimer"), rules().outcome.disclaimer);
  EXPECT_FALSE(o.at("advice").get<std::string>().empty());
  EXPECT_EQ(f.at("input"), (json{{"kind", "none"}}));
  EXPECT_EQ(o.at("summary").value("region", ""), "low_back");
  EXPECT_EQ(o.at("summary").value("duration_days", 0), 14);
  EXPECT_TRUE(c.state.concluded);
  EXPECT_TRUE(c.state.pending.empty());
}

TEST_F(EngineTest, OutcomeStandsInEveryLaterReply) {
  conversation c(bot);
  reach_pain_score(c);
  const auto emergency = c.say("I can't feel my bum");
  for (const std::string text : {"no", "thanks", "where is the gluteus medius?", "blorf", "actually no numbness"}) {
    const auto f = c.say(text);
    expect_protocol_reply(f);
    EXPECT_EQ(level_of(f), "emergency") << text;
    EXPECT_EQ(red_flags_of(f), std::vector<std::string>{"cauda_equina"}) << text;
    EXPECT_EQ(f.at("input").at("kind"), "none");
  }
}

TEST_F(EngineTest, PhysioEscalatesOnARedFlagAndRedFlagsOnlyGrow) {
  conversation c(bot);
  const auto physio = reach_physio(c);
  ASSERT_EQ(level_of(physio), "physio");
  EXPECT_TRUE(red_flags_of(physio).empty());
  EXPECT_FALSE(physio.at("outcome").at("exercises").empty());
  const auto emergency = c.say("I can't feel my bum");
  expect_protocol_reply(emergency);
  EXPECT_EQ(level_of(emergency), "emergency");
  EXPECT_EQ(red_flags_of(emergency), std::vector<std::string>{"cauda_equina"});
  EXPECT_TRUE(emergency.at("outcome").at("exercises").empty());
  // A later, less urgent flag adds to the list but the level stays.
  const auto more = c.say("I have had a fever and night sweats");
  expect_protocol_reply(more);
  EXPECT_EQ(level_of(more), "emergency");
  const auto flags = red_flags_of(more);
  ASSERT_GE(flags.size(), 2u);
  EXPECT_EQ(flags.front(), "cauda_equina");
  EXPECT_TRUE(std::find(flags.begin(), flags.end(), "infection") != flags.end());
}

TEST_F(EngineTest, SelfCareEscalatesOnARedFlag) {
  conversation c(bot);
  const auto done = reach_self_care(c);
  ASSERT_EQ(level_of(done), "self_care");
  EXPECT_FALSE(done.at("outcome").at("exercises").empty());
  const auto urgent = c.say("I have had a fever and night sweats");
  expect_protocol_reply(urgent);
  EXPECT_EQ(level_of(urgent), "urgent");
  EXPECT_EQ(red_flags_of(urgent), std::vector<std::string>{"infection"});
  EXPECT_TRUE(urgent.at("outcome").at("exercises").empty());
  EXPECT_EQ(urgent.at("outcome").at("emergency_number"), "999");
  // Never less urgent afterwards; red flags are never dropped.
  std::vector<std::string> seen = red_flags_of(urgent);
  for (const std::string text : {"no", "I feel much better now", "I can't feel my bum", "no fever actually"}) {
    const auto f = c.say(text);
    expect_protocol_reply(f);
    const auto level = level_of(f);
    EXPECT_TRUE(level == "urgent" || level == "emergency") << text << ": " << level;
    const auto flags = red_flags_of(f);
    for (const auto& old : seen) EXPECT_TRUE(std::find(flags.begin(), flags.end(), old) != flags.end()) << old;
    seen = flags;
  }
  EXPECT_EQ(level_of(c.frames.back()), "emergency");
}

TEST_F(EngineTest, AuditRecordsTheRedFlagRuleVersionAndEvidence) {
  conversation c(bot);
  reach_pain_score(c);
  c.say("I can't feel my bum");
  const auto it = std::find_if(c.state.audit.begin(), c.state.audit.end(),
                               [](const audit_entry& a) { return a.kind == "red_flag" && a.id == "cauda_equina"; });
  ASSERT_NE(it, c.state.audit.end());
  const auto* flag = rules().find_flag("cauda_equina");
  ASSERT_NE(flag, nullptr);
  EXPECT_TRUE(std::any_of(flag->patterns.begin(), flag->patterns.end(), [&](const rules::flag_pattern& p) { return p.id == it->rule; }))
      << it->rule;
  EXPECT_EQ(it->rule, "ce_saddle");
  EXPECT_EQ(it->rules_version, rules().info.version);
  EXPECT_EQ(it->turn, 4);
  ASSERT_FALSE(it->evidence.empty());
  bool words = false;
  for (const auto& e : it->evidence) {
    // "fact: the person's words"
    const auto colon = e.find(": ");
    ASSERT_NE(colon, std::string::npos) << e;
    EXPECT_FALSE(e.substr(colon + 2).empty()) << e;
    if (e.rfind("saddle_numbness: ", 0) == 0) words = true;
  }
  EXPECT_TRUE(words) << ::testing::PrintToString(it->evidence);
}

TEST_F(EngineTest, CrisisWordsGiveAnEmergencyWithTheCrisisLine) {
  conversation c(bot);
  c.start();
  const auto f = c.say("I want to kill myself");
  expect_protocol_reply(f);
  EXPECT_EQ(level_of(f), "emergency");
  const auto flags = red_flags_of(f);
  EXPECT_TRUE(std::find(flags.begin(), flags.end(), "crisis") != flags.end()) << f.dump(1);
  ASSERT_TRUE(f.at("outcome").contains("crisis_line"));
  EXPECT_EQ(f.at("outcome").at("crisis_line"), rules().outcome.crisis_line);
  EXPECT_TRUE(says_fragment(f, rules().outcome.crisis_line));
}

// ---- unusable answers --------------------------------------------------------------------------

TEST_F(EngineTest, QuestionAnsweredTwiceWithGibberishIsRecordedAsNotSure) {
  conversation c(bot);
  c.start();
  ASSERT_EQ(slot_of(c.say("my lower back hurts")), "duration_days");
  const auto first = c.say("blorf wibble");
  expect_protocol_reply(first);
  EXPECT_EQ(slot_of(first), "duration_days");
  EXPECT_TRUE(says(first, text("fallback")));
  EXPECT_TRUE(says(first, question("duration").text));
  const auto second = c.say("zzkx qqq");
  expect_protocol_reply(second);
  EXPECT_TRUE(says(second, text("not_sure_recorded")));
  EXPECT_EQ(slot_of(second), "pain_score");
  ASSERT_TRUE(c.state.slots.contains("duration_days"));
  EXPECT_TRUE(c.state.slots.at("duration_days").unsure);
  EXPECT_TRUE(std::find(c.state.answered.begin(), c.state.answered.end(), "duration") != c.state.answered.end());
}

TEST_F(EngineTest, NotSureAndGibberishConcludeWithinTwentyQuestions) {
  for (const auto& answers : {std::vector<std::string>{"not sure"}, std::vector<std::string>{"blorf wibble"},
                                                 std::vector<std::string>{"not sure", "qqq zzz"}}) {
    SCOPED_TRACE(answers.front());
    conversation c(bot);
    expect_protocol_reply(c.start());
    std::size_t i = 0;
    for (; i < 60 && c.state.outcome.is_null(); ++i) {
      const auto f = c.say(answers[i % answers.size()]);
      expect_protocol_reply(f);
      ASSERT_FALSE(f.at("messages").empty());
    }
    ASSERT_TRUE(c.state.outcome.is_object()) << "no outcome after " << i << " answers";
    EXPECT_LE(c.state.questions_asked, 20);
    EXPECT_LE(i, 41u);
    EXPECT_TRUE(c.state.concluded);
    // And it keeps answering something afterwards.
    for (int k = 0; k < 3; ++k) expect_protocol_reply(c.say(answers[0]));
  }
}

TEST_F(EngineTest, EveryQuestionRecordedUnsureStillReachesAnOutcome) {
  conversation c(bot);
  c.start();
  c.say("my lower back hurts");
  int guard = 0;
  while (c.state.outcome.is_null() && ++guard < 40) {
    const auto f = c.say("not sure");
    expect_protocol_reply(f);
  }
  ASSERT_TRUE(c.state.outcome.is_object());
  EXPECT_LE(c.state.questions_asked, rules().info.max_questions);
}

TEST_F(EngineTest, FaqQuestionsDoNotUseUpThePendingQuestion) {
  conversation c(bot);
  c.start();
  ASSERT_EQ(slot_of(c.say("my lower back hurts")), "duration_days");
  EXPECT_EQ(slot_of(c.say("where is the gluteus medius?")), "duration_days");
  const auto f = c.say("what does the gluteus medius do?");
  EXPECT_EQ(slot_of(f), "duration_days");
  EXPECT_FALSE(says(f, text("not_sure_recorded")));
  EXPECT_FALSE(c.state.slots.contains("duration_days") && c.state.slots.at("duration_days").unsure);
}

// ---- out of scope ------------------------------------------------------------------------------

TEST_F(EngineTest, NeckPainOnlySaysWhatIsCoveredAndAsksTheRegion) {
  conversation c(bot);
  c.start();
  const auto f = c.say("my neck hurts");
  expect_protocol_reply(f);
  EXPECT_TRUE(f.at("outcome").is_null());
  EXPECT_EQ(f.at("input").at("kind"), "choice");
  EXPECT_EQ(slot_of(f), "region");
  EXPECT_TRUE(says(f, text("out_of_scope")));
  EXPECT_TRUE(says(f, question("region").text));
  EXPECT_FALSE(c.state.concluded);
}

TEST_F(EngineTest, ElsewhereConcludesWithoutAnOutcome) {
  conversation c(bot);
  c.start();
  const auto f = c.say("elsewhere");
  expect_protocol_reply(f);
  EXPECT_TRUE(f.at("outcome").is_null());
  EXPECT_EQ(f.at("input").at("kind"), "none");
  EXPECT_TRUE(says(f, text("out_of_scope_goodbye")));
}

// ---- FAQ ---------------------------------------------------------------------------------------

TEST_F(EngineTest, FaqMidFlowIsAnsweredAndThePendingQuestionAskedAgain) {
  conversation c(bot);
  c.start();
  const auto asked = c.say("my lower back hurts");
  ASSERT_EQ(slot_of(asked), "duration_days");
  const auto f = c.say("where is the gluteus medius?");
  expect_protocol_reply(f);
  const auto faq = std::find_if(rules().faqs.begin(), rules().faqs.end(), [](const rules::faq& x) { return x.id == "glute_med_where"; });
  ASSERT_NE(faq, rules().faqs.end());
  EXPECT_TRUE(says(f, faq->answer));
  EXPECT_TRUE(says(f, question("duration").text));
  EXPECT_EQ(f.at("input"), asked.at("input"));
  EXPECT_EQ(f.at("quick_replies"), asked.at("quick_replies"));
  EXPECT_TRUE(f.at("outcome").is_null());
  // The answer comes before the repeated question.
  const auto t = texts_of(f);
  EXPECT_LT(std::find(t.begin(), t.end(), faq->answer) - t.begin(), std::find(t.begin(), t.end(), question("duration").text) - t.begin());
  EXPECT_EQ(slot_of(c.say("2 weeks")), "pain_score");
}

TEST_F(EngineTest, FaqWhileAChoiceIsPendingKeepsItsButtons) {
  conversation c(bot);
  const auto asked = c.start();
  ASSERT_EQ(slot_of(asked), "region");
  const auto f = c.say("what does the gluteus medius do?");
  expect_protocol_reply(f);
  EXPECT_EQ(slot_of(f), "region");
  EXPECT_EQ(f.at("quick_replies"), asked.at("quick_replies"));
  EXPECT_TRUE(says(f, question("region").text));
}

TEST_F(EngineTest, FaqAfterAnOutcomeIsAnswered) {
  conversation c(bot);
  reach_self_care(c);
  const auto f = c.say("What does the gluteus medius do?");
  expect_protocol_reply(f);
  const auto faq = std::find_if(rules().faqs.begin(), rules().faqs.end(), [](const rules::faq& x) { return x.id == "glute_med_what"; });
  ASSERT_NE(faq, rules().faqs.end());
  EXPECT_TRUE(says(f, faq->answer));
  EXPECT_EQ(level_of(f), "self_care");
}

// ---- reply shape -------------------------------------------------------------------------------

TEST_F(EngineTest, EveryReplyHasThePROTOCOLFields) {
  {
    conversation c(bot);
    reach_self_care(c);
    reach_physio(c);
    c.send(kRestart);
    reach_pain_score(c);
    c.say("I can't feel my bum");
    c.send(start_with(c.state.session));
    c.say("blorf");
    c.send(kRestart);
    c.say("my neck hurts");
    c.say("where is the gluteus medius?");
    c.say("not sure");
    c.say("not sure");
    c.say("elsewhere");
    for (const auto& f : c.frames) expect_protocol_reply(f);
    ASSERT_GE(c.frames.size(), 25u);
  }
  // Turns count up by one per reply, within a conversation.
  conversation c(bot);
  reach_self_care(c);
  for (std::size_t i = 0; i < c.frames.size(); ++i) EXPECT_EQ(c.frames[i].at("turn"), static_cast<int>(i) + 1);
}

TEST_F(EngineTest, ChecklistChoiceOffersNoneOfThese) {
  conversation c(bot);
  c.start();
  c.say("my lower back hurts");
  c.say("3 days");
  c.say("3");
  c.say("better");
  const auto f = c.say("35");
  expect_protocol_reply(f);
  EXPECT_EQ(f.at("input").at("kind"), "choice");
  EXPECT_EQ(slot_of(f), "back_emergency_check");
  EXPECT_TRUE(payloads_of(f).contains("none")) << f.at("quick_replies").dump();
  // "None of these" records every sign of the checklist as absent.
  c.say("none");
  for (const auto& fact : question("back_emergency_check").facts()) {
    ASSERT_TRUE(c.state.facts.contains(fact)) << fact;
    EXPECT_EQ(c.state.facts.at(fact).state, fact_state::absent) << fact;
  }
}

TEST_F(EngineTest, YesNoQuestionsOfferYesNoAndNotSure) {
  conversation c(bot);
  const auto done = reach_self_care(c);
  bool seen = false;
  for (const auto& f : c.frames) {
    if (f.at("input").at("kind") != "yes_no") continue;
    seen = true;
    EXPECT_EQ(payloads_of(f), (std::set<std::string>{"yes", "no", "unsure"}));
  }
  EXPECT_TRUE(seen);
  EXPECT_EQ(level_of(done), "self_care");
}

// ---- taking a sign back ----------------------------------------------------------------------

// "both legs numb after a hike" concludes an emergency; "well not numb actually ... wrong word sorry"
// takes the numbness back, and with it the finding built on it: the outcome is withdrawn, the bot says
// so, and the questions go on.
TEST_F(EngineTest, TakingBackTheSignThatRaisedAFlagWithdrawsItsOutcome) {
  conversation c(bot);
  c.start();
  EXPECT_EQ(level_of(c.say("both legs numb after a hike")), "emergency");
  const auto back = c.say("well not numb actually, i can feel everything fine, more like bruised and achey. wrong word sorry");
  EXPECT_EQ(level_of(back), "null");
  EXPECT_TRUE(says(back, text("taken_back")));
  EXPECT_NE(back.at("input").at("kind"), "none");
  EXPECT_FALSE(c.state.concluded);
  ASSERT_FALSE(c.state.audit.empty());
  EXPECT_EQ(c.state.audit.back().kind, "taken_back");
  EXPECT_EQ(c.state.audit.back().id, "emergency");
}

// "pain down both legs" then "wait no, only the left": a retraction opening the message that names one
// side takes back both; "i think i had a fever" then "no wait that was the cold i had before ..." takes
// back a sign retold as past.
TEST_F(EngineTest, ARetractionOpeningTheNextMessageTakesBackWhatItRetells) {
  {
    conversation c(bot);
    c.start();
    EXPECT_EQ(level_of(c.say("pain down both legs")), "emergency");
    const auto back = c.say("wait no, only the left goes down to the knee");
    EXPECT_EQ(level_of(back), "null");
    EXPECT_EQ(c.state.facts.count("both_legs"), 0u);
  }
  {
    conversation c(bot);
    c.start();
    c.say("lower back tight since the long drive home");
    EXPECT_EQ(level_of(c.say("i think i had a fever")), "urgent");
    EXPECT_EQ(level_of(c.say("no wait that was the cold i had last month, temps been normal since, sorry")), "null");
  }
}

// "foot flops ... getting weaker" (urgent), "and numb in both legs now" (emergency), then "sorry typo!!
// not both": the advice is given again for the flag still found, at its level.
TEST_F(EngineTest, TakingBackOneOfTheFlagsGivesTheAdviceAgainForTheRest) {
  conversation c(bot);
  c.start();
  c.say("sciatica right leg since august");
  EXPECT_EQ(level_of(c.say("getting weaker each week, foot kind of flops when i walk")), "urgent");
  EXPECT_EQ(level_of(c.say("and numb in both legs now")), "emergency");
  const auto again = c.say("sorry typo!! not both, i meant the numbness has spread down into the foot");
  EXPECT_EQ(level_of(again), "urgent");
  EXPECT_EQ(red_flags_of(again), std::vector<std::string>{"progressive_neuro"});
  EXPECT_FALSE(says(again, text("taken_back")));
}

// Only the message right before is taken back; a sign told earlier stays, and so does an outcome whose
// sign is not taken back ("no wait, it's my right leg" says nothing of the numbness).
TEST_F(EngineTest, AnOutcomeStandsWhenItsSignIsNotTakenBack) {
  conversation c(bot);
  c.start();
  EXPECT_EQ(level_of(c.say("both legs numb since this morning")), "emergency");
  EXPECT_EQ(level_of(c.say("and my bum feels numb too")), "emergency");
  EXPECT_EQ(level_of(c.say("no wait, not both legs, only the right")), "emergency");
}

// A clinic that leaves out the "taken_back" text keeps every red-flag outcome once given.
TEST_F(EngineTest, WithoutTheTakenBackTextTheOutcomeStands) {
  auto changed = std::make_shared<rules::rule_set>(*shipped_rules());
  changed->texts.erase("taken_back");
  const engine strict(changed);
  conversation c(strict);
  c.start();
  EXPECT_EQ(level_of(c.say("both legs numb after a hike")), "emergency");
  EXPECT_EQ(level_of(c.say("well not numb actually, more like bruised and achey. wrong word sorry")), "emergency");
}

}  // namespace
}  // namespace triagebot::engine
