#pragma once
// A loaded, validated rule set: everything clinical the engine uses, as plain values.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "nlu/lexicon.hpp"
#include "rules/condition.hpp"

namespace triagebot::rules {

enum class level { emergency = 0, urgent = 1, physio = 2, self_care = 3 };

std::string_view to_string(level l);
std::optional<level> parse_level(std::string_view s);
// The more urgent of two levels.
inline level most_urgent(level a, level b) { return static_cast<int>(a) <= static_cast<int>(b) ? a : b; }
inline bool more_urgent(level a, level b) { return static_cast<int>(a) < static_cast<int>(b); }

enum class input_kind { yes_no, choice, scale, number, text };
std::string_view to_string(input_kind k);

struct question_option {
  std::string payload;
  std::string title;
  std::vector<std::string> facts;      // set present when chosen
  std::optional<std::string> value;    // slot value when chosen
  bool none = false;                   // "None of these": every fact of the checklist is absent
  bool unsure = false;                 // "Not sure"
  std::vector<std::string> follow_up;  // asked next when chosen: the rest of a sign this button only begins
};

enum class unsure_policy { unknown, present, absent };

struct question {
  std::string id;
  std::string slot;                    // PROTOCOL slot id
  input_kind kind = input_kind::choice;
  std::string text;
  std::string why;                     // said before the question when it is about a worrying sign
  std::optional<std::string> unit;     // number questions
  int min = 0;
  int max = 10;
  std::vector<question_option> options;
  std::vector<std::string> yes_facts;  // yes_no: facts a "yes" makes present ("yes" is the worrying answer)
  unsure_policy on_unsure = unsure_policy::unknown;
  std::vector<std::string> follow_up;  // asked next after "not sure"
  bool screening = false;              // a red-flag screening question

  // Every fact this question can set.
  std::vector<std::string> facts() const;
};

struct flow_step {
  std::string ask;  // question id
  condition when;
};

struct flow {
  std::vector<flow_step> common;
  std::map<std::string, std::vector<flow_step>> regions;
  std::vector<flow_step> closing;
};

struct flag_pattern {
  std::string id;
  level at = level::urgent;
  condition when;
  std::string because;
};

// Confirm before dismissing: a message that touches the flag's system in words that do not settle it
// ("can't really tell when I've finished on the loo") makes `question` the next one asked.
struct flag_confirm {
  std::string question;                 // a yes_no question whose "yes" raises the flag
  std::vector<std::string> touched_by;  // concepts or findings of the broad (recall) vocabulary
  std::vector<std::string> asked_about; // names of the flag ("a clot"): feared or asked about, they ask
  // Where the flag can arise: a touch asks only while the region is unknown or one of these (empty:
  // anywhere). "Nothing touches it" about a back is no sign of a tense leg compartment.
  std::vector<std::string> regions;
};

struct red_flag {
  std::string id;
  std::string name;
  std::string advice;
  std::vector<flag_pattern> patterns;
  std::optional<flag_confirm> confirm;
};

struct criterion {
  std::string id;
  condition when;
  std::string reason;
  std::string source;
};

struct dispositions {
  std::vector<criterion> physio;
  std::vector<criterion> no_exercises;
  std::string self_care_reason;
};

struct level_text {
  std::string title;
  std::string advice;
  std::string safety_net;
};

struct booking {
  std::string text;
  std::string url;
  std::string phone;
};

struct outcomes {
  std::map<level, level_text> levels;
  booking book;
  std::string disclaimer;
  std::string emergency_number;
  std::string crisis_line;
};

struct exercise {
  std::string id;
  std::string name;
  std::vector<std::string> steps;
  std::string dose;
  std::string feel;
  std::string stop_if;
  bool progression = false;
};

struct exercises {
  std::vector<exercise> all;
  std::vector<std::string> starter;
  std::vector<std::string> progression;
  std::string intro;
  std::string progression_note;
  const exercise* find(std::string_view id) const;
};

struct faq {
  std::string id;
  std::vector<std::vector<std::string>> match;
  std::vector<std::vector<std::vector<std::string>>> match_words;  // each phrase split into words
  std::string answer;
};

struct manifest {
  std::string name;
  std::string version;
  std::string default_locale = "en";
  std::vector<std::string> locales{"en"};
  int max_questions = 20;
  int unusable_answers_limit = 2;
};

struct rule_set {
  manifest info;
  nlu::lexicon lexicon;
  std::vector<question> questions;
  flow dialogue;
  std::vector<red_flag> red_flags;
  dispositions disposition;
  outcomes outcome;
  exercises exercise_programme;
  std::vector<faq> faqs;
  // A message is taken as a question for the FAQs when it has a "?", starts with one of these words
  // ("what", "how"), or has at most faq_question_max_words words: a long story that happens to say
  // "the doctor" or "exercise" is not asking about the bot or the exercises.
  std::vector<std::string> faq_question_starts;
  int faq_question_max_words = 10;
  std::map<std::string, std::string> texts;

  const question* find_question(std::string_view id) const;
  const red_flag* find_flag(std::string_view id) const;
  // The red flag whose confirming question this is, if any.
  const red_flag* flag_confirmed_by(std::string_view question_id) const;
  // A text by key; the loader guarantees every key the engine uses exists.
  const std::string& text(const std::string& key) const;
};

// The text keys the engine needs; the loader reports any that is missing.
const std::vector<std::string>& required_text_keys();
const std::vector<std::string>& optional_text_keys();
// Slots the engine fills from free text (PROTOCOL's standard ids).
const std::vector<std::string>& standard_slots();

}  // namespace triagebot::rules
