#pragma once
// The small condition language of the rules: facts, slots, flags combined with all/any/not.
//   {"fact": "saddle_numbness"}                      the fact is present
//   {"absent": "fever"} / {"unknown": "fever"}        denied / neither stated nor denied
//   {"slot": "age", "op": "<", "value": 16}           compare a slot (false while unknown)
//   {"known": "duration_days"} / {"unsure": "trend"}  slot answered / answered "not sure"
//   {"flag": "pe"}                                    a red flag found earlier in the list
//   {"all": [...]}, {"any": [...]}, {"not": {...}}
#include <string>
#include <optional>
#include <variant>
#include <vector>

namespace triagebot::rules {

struct condition {
  enum class kind { always, fact, absent, unknown, slot_compare, known, unsure, flag, all, any, negation };
  kind type = kind::always;
  std::string name;                          // fact, slot or flag
  std::string op;                            // for slot_compare: < <= > >= == !=
  std::variant<std::monostate, double, std::string> value;
  std::vector<condition> children;
};

// What a condition is evaluated against; implemented by the engine's conversation state.
class fact_source {
 public:
  enum class fact_state { unknown, present, absent };
  virtual ~fact_source() = default;
  virtual fact_state fact(const std::string& id) const = 0;
  virtual const std::string* slot_text(const std::string& slot) const = 0;  // nullptr when unknown
  virtual std::optional<double> slot_number(const std::string& slot) const = 0;
  virtual bool slot_unsure(const std::string& slot) const = 0;
  virtual bool flag(const std::string& id) const = 0;
};

bool evaluate(const condition& c, const fact_source& facts);

// A condition's value while one slot is still to be asked: every test of that slot may go either way,
// the rest is evaluated as it stands. `maybe` means the slot's answer decides it.
enum class truth { no, yes, maybe };
truth evaluate_with_open_slot(const condition& c, const fact_source& facts, const std::string& open_slot);

// Fact ids a condition reads, for evidence and for the checker.
void collect_facts(const condition& c, std::vector<std::string>& out);

// Whether the condition can hold only while the flag is not found ({"not": {"flag": "pe"}} on every
// path): such a pattern gives way to that flag.
bool requires_flag_absent(const condition& c, const std::string& flag_id);

// Whether the condition can hold only while the fact is not present ({"not": {"fact": "fever"}} on every
// path): such a pattern no longer holds once the fact is told.
bool requires_fact_absent(const condition& c, const std::string& fact_id);

}  // namespace triagebot::rules
