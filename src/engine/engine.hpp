#pragma once
// The dialogue engine: one pure function from (conversation state, client frame, context) to
// (new state, reply or error frame). No I/O, no clock, no randomness: the context brings the time
// and new session ids in, so the same inputs always give the same reply.
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/conversation_state.hpp"
#include "engine/protocol.hpp"
#include "rules/rule_set.hpp"

namespace triagebot::engine {

struct turn_context {
  std::string new_session_id;  // the token a new conversation gets this turn
  int today_weekday = 0;       // local date's weekday, 1 = Monday ... 7 = Sunday; 0 = unknown
  int today_month = 0;         // local date's month, 1 = January ... 12 = December; 0 = unknown
};

struct turn_result {
  conversation_state state;
  nlohmann::json frame;
  bool changed = true;  // false when the frame drew an error or replayed an earlier reply
};

// What the engine works out once from its rules for every turn to use (engine.cpp).
struct rule_aids {
  // The buttons' payloads and titles (and the yes/no/restart words) as a person may retype them:
  // every message is compared with them, and folding is a whole normalise and tokenise each time.
  std::unordered_map<std::string, std::string> folded_texts;
  // The red-flag patterns, numbered flag by flag in rule order. A pattern made only of "fact", "all"
  // and "any" can hold only while one of its facts is present, so a turn evaluates it only when one
  // is; most patterns are of that kind and most of their facts are not present.
  std::vector<bool> needs_a_present_fact;
  std::unordered_map<std::string, std::vector<std::size_t>> patterns_naming;  // fact -> patterns
  // The questions by id: a turn looks them up dozens of times, and the rules hold hundreds of questions.
  nlu::string_map<const rules::question*> questions;
  // Each question's buttons with every option shown, and its input object: the same JSON whenever the
  // question is asked, so made once here rather than key by key on every turn.
  struct question_reply {
    nlohmann::json buttons;
    nlohmann::json input;
  };
  std::unordered_map<const rules::question*, question_reply> replies;
  nlohmann::json no_input;  // {"kind": "none"}: the input of a reply that asks nothing
  // The FAQs' phrase groups numbered across all FAQs (FAQ f's are first_faq_group[f], ... ), and each
  // phrase by its first word with the group it is in: a message is compared only with the phrases
  // that start with one of its words.
  struct faq_phrase {
    std::size_t group;
    const std::vector<std::string>* words;
  };
  std::size_t faq_group_count = 0;
  std::vector<std::size_t> first_faq_group;
  nlu::string_map<std::vector<faq_phrase>> faq_phrases;
};

class engine {
 public:
  explicit engine(std::shared_ptr<const rules::rule_set> rules);

  turn_result respond(const conversation_state& state, std::string_view raw_frame, const turn_context& ctx) const;
  turn_result respond(const conversation_state& state, const client_frame& frame, const turn_context& ctx) const;

  const rules::rule_set& rules() const { return *rules_; }
  std::shared_ptr<const rules::rule_set> rules_ptr() const { return rules_; }

 private:
  std::shared_ptr<const rules::rule_set> rules_;
  rule_aids aids_;
};

}  // namespace triagebot::engine
