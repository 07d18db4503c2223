#pragma once
// Everything the engine knows about one conversation, as a value that round-trips through JSON
// losslessly (the server stores it between turns).
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "rules/condition.hpp"
#include "rules/rule_set.hpp"

namespace triagebot::engine {

using fact_state = rules::fact_source::fact_state;

struct fact_record {
  fact_state state = fact_state::unknown;
  std::string source;  // "text" or the question id that set it
  std::string words;   // what the person wrote (or the button they chose)
  int turn = 0;
};

struct slot_value {
  std::optional<std::string> text;
  std::optional<double> number;
  bool unsure = false;  // answered "not sure"
  int priority = 0;     // how surely free text stated it (durations)
  std::string words;
};

struct audit_entry {
  std::string kind;   // "red_flag" | "disposition" | "exercises_withheld" | "taken_back"
  std::string id;     // flag id or level
  std::string rule;   // pattern or criterion id
  std::string rules_version;
  std::vector<std::string> evidence;  // "saddle_numbness: backside + numb"
  int turn = 0;
};

struct history_entry {
  std::string from;  // "bot" | "person"
  std::string text;  // empty for a bot message saved by_turn until fill_history_texts puts it back
  // Bot messages: the reply that carried this one (its turn) and its place in that reply's
  // `messages`; -1 for the person's words and for entries of states saved before this was kept.
  int turn = 0;
  int index = -1;
};

struct remembered_reply {
  std::string id;
  nlohmann::json frame;  // null when saved by_turn (below): the frame is the transcript's for `turn`
  int turn = 0;          // the turn that produced the reply
};

struct conversation_state {
  std::string session;
  std::string rules_version;
  std::string locale = "en";
  int turn = 0;
  int questions_asked = 0;
  std::map<std::string, fact_record> facts;
  std::map<std::string, slot_value> slots;
  std::optional<std::string> patient_relation;
  std::string pending;                // question id awaiting an answer
  int pending_misses = 0;
  std::vector<std::string> answered;  // question ids answered (or recorded as not sure)
  std::vector<std::string> queue;     // follow-up questions to ask next
  bool concluded = false;
  nlohmann::json outcome;             // null until the triage concludes
  std::vector<audit_entry> audit;
  std::deque<history_entry> history;  // last 50
  std::deque<remembered_reply> recent_replies;  // last 20 message ids
  nlohmann::json last_prompt;         // messages, quick replies and input of the last question

  bool started() const { return !session.empty(); }
  std::optional<rules::level> outcome_level() const;
  std::vector<std::string> red_flags() const;
};

nlohmann::json to_json(const conversation_state& s);
// Throws std::runtime_error with a sentence when the JSON is not a saved state. Reads both ways of
// saving remembered replies (below).
conversation_state state_from_json(const nlohmann::json& j);

// How a saved state keeps what its replies said: whole (lossless, what to_json does), or by turn:
// the replies remembered for message ids as the turn that produced each one, and the bot's messages
// in the history as (turn, index) without their text. The server saves by_turn: it has every reply
// in the conversation's transcript already, and those texts were most of the state's size (and of
// the time spent saving it); a state read back has those frames null and those texts empty, until
// fill_history_texts puts the texts back from the transcript.
enum class reply_frames { included, by_turn };

// The turns whose replies hold history texts that a state read back by_turn lacks (sorted, unique).
std::vector<int> turns_missing_history_texts(const conversation_state& s);

// Puts the history's bot texts back from the replies of those turns (reply_for_turn gives the reply
// frame sent at a turn, or nullptr). An entry whose reply is not there any more (the transcript's
// retention ended first) is dropped: the history is shown to the person, it decides nothing.
void fill_history_texts(conversation_state& s, const std::function<const nlohmann::json*(int turn)>& reply_for_turn);

// The state as compact JSON text, written straight from the state without building a JSON tree
// first: with reply_frames::included the same text as to_json(s).dump(). Strings that are not valid
// UTF-8 are written with U+FFFD in place of the bad bytes (as dump with error_handler_t::replace).
std::string to_json_text(const conversation_state& s, reply_frames frames = reply_frames::included);

// Reads a conversation state for rule conditions; `found_flags` are flags matched this turn.
class state_facts : public rules::fact_source {
 public:
  state_facts(const conversation_state& s, const std::vector<std::string>& found_flags) : s_(s), flags_(found_flags) {}
  fact_state fact(const std::string& id) const override;
  const std::string* slot_text(const std::string& slot) const override;
  std::optional<double> slot_number(const std::string& slot) const override;
  bool slot_unsure(const std::string& slot) const override;
  bool flag(const std::string& id) const override;

 private:
  const conversation_state& s_;
  const std::vector<std::string>& flags_;
};

}  // namespace triagebot::engine
