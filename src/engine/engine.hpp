#pragma once
// The dialogue engine: one pure function from (conversation state, client frame, context) to
// (new state, reply or error frame). No I/O, no clock, no randomness: the context brings the time
// and new session ids in, so the same inputs always give the same reply.
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/conversation_state.hpp"
#include "engine/protocol.hpp"
#include "rules/rule_set.hpp"

namespace triagebot::engine {

struct turn_context {
  std::string new_session_id;  // the token a new conversation gets this turn
  int today_weekday = 0;       // local date's weekday, 1 = Monday ... 7 = Sunday; 0 = unknown
};

struct turn_result {
  conversation_state state;
  nlohmann::json frame;
  bool changed = true;  // false when the frame drew an error or replayed an earlier reply
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
};

}  // namespace triagebot::engine
