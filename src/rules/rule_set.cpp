#include "rules/rule_set.hpp"

#include <algorithm>

namespace triagebot::rules {

std::string_view to_string(level l) {
  switch (l) {
    case level::emergency: return "emergency";
    case level::urgent: return "urgent";
    case level::physio: return "physio";
    case level::self_care: return "self_care";
  }
  return "?";
}

std::optional<level> parse_level(std::string_view s) {
  if (s == "emergency") return level::emergency;
  if (s == "urgent") return level::urgent;
  if (s == "physio") return level::physio;
  if (s == "self_care") return level::self_care;
  return std::nullopt;
}

std::string_view to_string(input_kind k) {
  switch (k) {
    case input_kind::yes_no: return "yes_no";
    case input_kind::choice: return "choice";
    case input_kind::scale: return "scale";
    case input_kind::number: return "number";
    case input_kind::text: return "text";
  }
  return "?";
}

std::vector<std::string> question::facts() const {
  std::vector<std::string> out = yes_facts;
  for (const auto& o : options)
    for (const auto& f : o.facts)
      if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
  return out;
}

const exercise* exercises::find(std::string_view id) const {
  for (const auto& e : all) if (e.id == id) return &e;
  return nullptr;
}

const question* rule_set::find_question(std::string_view id) const {
  for (const auto& q : questions) if (q.id == id) return &q;
  return nullptr;
}

const red_flag* rule_set::find_flag(std::string_view id) const {
  for (const auto& f : red_flags) if (f.id == id) return &f;
  return nullptr;
}

const red_flag* rule_set::flag_confirmed_by(std::string_view question_id) const {
  for (const auto& f : red_flags)
    if (f.confirm && f.confirm->question == question_id) return &f;
  return nullptr;
}

const std::string& rule_set::text(const std::string& key) const {
  static const std::string missing;
  const auto it = texts.find(key);
  return it == texts.end() ? missing : it->second;
}

const std::vector<std::string>& required_text_keys() {
  static const std::vector<std::string> keys{
      "greeting", "privacy", "not_found", "fallback", "reprompt", "not_sure_recorded", "restart_confirmation",
      "goodbye", "out_of_scope", "out_of_scope_goodbye", "resumed", "after_outcome", "summary", "summary_days",
      "summary_weeks", "summary_months", "summary_years", "summary_score", "region_low_back", "region_hip",
      "region_leg", "side_left", "side_right", "side_both", "repeat_advice", "because", "physio_because",
      "button_yes", "button_no", "button_unsure", "button_restart", "button_faq_where", "button_faq_what",
      "button_faq_weak", "exercises_withheld", "crisis"};
  return keys;
}

const std::vector<std::string>& optional_text_keys() {
  // Without it, a checklist continued after a tap repeats its own "why" and text.
  // Without "taken_back", a red-flag outcome stands when the person takes back the sign that raised it.
  static const std::vector<std::string> keys{"checklist_more", "taken_back"};
  return keys;
}

const std::vector<std::string>& standard_slots() {
  static const std::vector<std::string> slots{"region", "side", "duration_days", "pain_score", "age", "trend"};
  return slots;
}

}  // namespace triagebot::rules
