// Properties every conversation must keep, checked over many generated conversations: a reply for
// every frame, never an empty one, turns counting up, outcomes never less urgent, a conclusion within
// the question bound, and the state surviving JSON.
#include <gtest/gtest.h>

#include <random>

#include "engine/engine.hpp"
#include "rules/rules_loader.hpp"

namespace {

using nlohmann::json;
using triagebot::engine::conversation_state;
using triagebot::engine::engine;
using triagebot::engine::turn_context;

const engine& shipped_engine() {
  static const engine bot(triagebot::rules::load_rules(TRIAGEBOT_RULES_DIR).rules);
  return bot;
}

int rank(const json& outcome) {
  if (!outcome.is_object()) return 4;
  static const std::vector<std::string> levels{"emergency", "urgent", "physio", "self_care"};
  return static_cast<int>(std::find(levels.begin(), levels.end(), outcome.at("level").get<std::string>()) - levels.begin());
}

const std::vector<std::string> kFreeText{
    "my lower back hurts", "left hip pain for 3 weeks, 6/10", "my knee", "not sure", "dont know", "asdfgh",
    "yes", "no", "a bit", "none", "30", "7", "getting worse", "better", "I can't feel my bum", "no fever",
    "my dad had cancer", "where is the gluteus medius?", "what does it do", "12", "hip", "leg", "back",
    "my calf is swollen, red and warm", "I'm 80 and fell, can't stand up", "🙂 ok", "¿qué?"};

TEST(EngineProperties, GeneratedConversationsKeepTheInvariants) {
  const auto& bot = shipped_engine();
  std::mt19937 random(20261125);
  for (int conversation = 0; conversation < 300; ++conversation) {
    conversation_state state;
    turn_context ctx;
    ctx.new_session_id = std::to_string(conversation);  // (not "s" + ...: GCC 12 warns falsely, -Wrestrict)
    ctx.today_weekday = 1 + conversation % 7;
    int last_turn = 0;
    int best_rank = 4;
    int questions_after_start = 0;
    json frame = bot.respond(state, R"({"type":"start"})", ctx).frame;
    state = bot.respond(state, R"({"type":"start"})", ctx).state;
    for (int step = 0; step < 40; ++step) {
      ASSERT_EQ(frame.at("type"), "reply");
      ASSERT_FALSE(frame.at("messages").empty()) << "empty reply at step " << step;
      for (const auto& m : frame.at("messages")) ASSERT_FALSE(m.at("text").get<std::string>().empty());
      ASSERT_GT(frame.at("turn").get<int>(), 0);
      if (frame.at("turn").get<int>() != 1) {
        ASSERT_EQ(frame.at("turn").get<int>(), last_turn + 1);
      }
      if (frame.at("turn").get<int>() == 1) best_rank = 4;  // a restart begins a new conversation
      last_turn = frame.at("turn").get<int>();
      const int r = rank(frame.at("outcome"));
      ASSERT_LE(r, best_rank) << "an outcome became less urgent: " << frame.dump();
      best_rank = std::min(best_rank, r);
      if (frame.at("input").at("kind") == "none") break;
      ASSERT_TRUE(frame.at("input").contains("slot"));
      ++questions_after_start;
      // Half the time tap a button, otherwise type something.
      std::string text;
      const auto& buttons = frame.at("quick_replies");
      if (!buttons.empty() && random() % 2 == 0) text = buttons[random() % buttons.size()].at("payload");
      else text = kFreeText[random() % kFreeText.size()];
      const auto result = bot.respond(state, json{{"type", "message"}, {"text", text}}.dump(), ctx);
      // The state survives the store unchanged.
      ASSERT_EQ(to_json(triagebot::engine::state_from_json(to_json(result.state))), to_json(result.state));
      state = result.state;
      frame = result.frame;
    }
    EXPECT_EQ(frame.at("input").at("kind"), "none") << "conversation " << conversation << " did not conclude";
    EXPECT_LE(state.questions_asked, 20);
  }
}

TEST(EngineProperties, SameInputsGiveTheSameReplies) {
  const auto& bot = shipped_engine();
  const turn_context ctx{"fixed", 3};
  conversation_state a, b;
  for (const auto* text : {"my back hurts since monday", "about a 5", "none", "my bum is numb"}) {
    const auto frame = json{{"type", "message"}, {"text", text}}.dump();
    auto ra = bot.respond(a, frame, ctx);
    auto rb = bot.respond(b, frame, ctx);
    ASSERT_EQ(ra.frame, rb.frame);
    a = ra.state;
    b = rb.state;
  }
}

}  // namespace
