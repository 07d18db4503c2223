#include "verify/static_checks.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace triagebot::verify {
namespace {

using rules::rule_finding;
using rules::severity;

std::string question_path(std::size_t i) { return "$.questions[" + std::to_string(i) + "]"; }

// Only the facts a "yes" sets are present, and the region is the one given: does a flag fire then?
class yes_only : public rules::fact_source {
 public:
  yes_only(const std::vector<std::string>& present, const std::string& region) : present_(present), region_(region) {}
  fact_state fact(const std::string& id) const override {
    return std::find(present_.begin(), present_.end(), id) != present_.end() ? fact_state::present : fact_state::unknown;
  }
  const std::string* slot_text(const std::string& slot) const override { return slot == "region" ? &region_ : nullptr; }
  std::optional<double> slot_number(const std::string&) const override { return std::nullopt; }
  bool slot_unsure(const std::string&) const override { return false; }
  bool flag(const std::string&) const override { return false; }

 private:
  const std::vector<std::string>& present_;
  std::string region_;
};

// Whether a "yes" to the question raises the flag, for at least one region the rules cover.
bool yes_raises(const rules::rule_set& r, const rules::question& q, const rules::red_flag& flag) {
  for (const auto& [region, steps] : r.dialogue.regions) {
    const yes_only facts(q.yes_facts, region);
    for (const auto& p : flag.patterns)
      if (rules::evaluate(p.when, facts)) return true;
  }
  return false;
}

// Every follow-up a question can lead to: its own ("not sure") and its buttons'.
std::vector<std::string> all_follow_ups(const rules::question& q) {
  auto out = q.follow_up;
  for (const auto& o : q.options) out.insert(out.end(), o.follow_up.begin(), o.follow_up.end());
  return out;
}

}  // namespace

std::vector<const rules::red_flag*> flags_reading(const rules::rule_set& r, const std::string& fact) {
  std::vector<const rules::red_flag*> out;
  for (const auto& flag : r.red_flags) {
    for (const auto& p : flag.patterns) {
      std::vector<std::string> facts;
      rules::collect_facts(p.when, facts);
      if (std::find(facts.begin(), facts.end(), fact) != facts.end()) {
        out.push_back(&flag);
        break;
      }
    }
  }
  return out;
}

// The first phrase (of a concept, a trigger list, the relations or the pronouns) that holds the word.
std::string phrase_with_word(const nlu::lexicon_data& data, const std::string& word) {
  auto holds = [&](const std::string& phrase) {
    const auto words = nlu::phrase_words(phrase);
    return std::find(words.begin(), words.end(), word) != words.end();
  };
  for (const auto& c : data.concepts)
    for (const auto& p : c.phrases)
      if (holds(p)) return "\"" + p + "\" in concepts." + c.id;
  for (const auto& [kind, phrases] : data.triggers)
    for (const auto& p : phrases)
      if (holds(p)) return "\"" + p + "\", a trigger";
  for (const auto& p : data.relations)
    if (holds(p)) return "\"" + p + "\" in relations";
  for (const auto& p : data.pronouns)
    if (holds(p)) return "\"" + p + "\" in pronouns";
  return "a phrase";
}

std::vector<rule_finding> check_static(const rules::rule_set& r) {
  std::vector<rule_finding> out;
  // Questions that no flow step and no follow-up ever asks.
  std::set<std::string> asked;
  auto add_steps = [&](const std::vector<rules::flow_step>& steps) {
    for (const auto& s : steps) asked.insert(s.ask);
  };
  add_steps(r.dialogue.common);
  add_steps(r.dialogue.closing);
  for (const auto& [region, steps] : r.dialogue.regions) add_steps(steps);
  for (const auto& q : r.questions)
    for (auto& f : all_follow_ups(q)) asked.insert(std::move(f));
  for (const auto& f : r.red_flags)
    if (f.confirm) asked.insert(f.confirm->question);
  for (std::size_t i = 0; i < r.questions.size(); ++i) {
    if (!asked.contains(r.questions[i].id))
      out.push_back({"questions.json", question_path(i), severity::warning,
                     "the question \"" + r.questions[i].id + "\" is never asked: no flow step or follow_up names it"});
  }
  // Confirm before dismissing: each flag's broad vocabulary leads to a yes_no question whose "yes"
  // raises that flag. (The loader has checked that the question and the concepts exist.)
  for (std::size_t i = 0; i < r.red_flags.size(); ++i) {
    const auto& flag = r.red_flags[i];
    if (!flag.confirm) continue;
    const auto path = "$.red_flags[" + std::to_string(i) + "].confirm.question";
    const auto* q = r.find_question(flag.confirm->question);
    if (!q) continue;
    if (q->kind != rules::input_kind::yes_no)
      out.push_back({"red_flags.json", path, severity::error,
                     "the confirming question \"" + q->id + "\" must be a yes_no question (a \"yes\" raises the flag)"});
    else if (!yes_raises(r, *q, flag))
      out.push_back({"red_flags.json", path, severity::error,
                     "a \"yes\" to \"" + q->id + "\" does not raise \"" + flag.id + "\" in any region: its yes facts (" +
                         std::to_string(q->yes_facts.size()) + ") complete none of the flag's patterns"});
  }
  // Follow-up cycles: a question that leads back to itself through "not sure" or a button's follow-ups.
  std::map<std::string, std::vector<std::string>> follow;
  for (const auto& q : r.questions) follow[q.id] = all_follow_ups(q);
  for (std::size_t i = 0; i < r.questions.size(); ++i) {
    const auto& start = r.questions[i].id;
    std::set<std::string> seen;
    std::function<bool(const std::string&)> reaches = [&](const std::string& id) {
      for (const auto& next : follow[id]) {
        if (next == start) return true;
        if (seen.insert(next).second && reaches(next)) return true;
      }
      return false;
    };
    if (reaches(start))
      out.push_back({"questions.json", question_path(i) + ".follow_up", severity::error,
                     "the follow-up questions of \"" + start + "\" lead back to it (a cycle)"});
  }
  // Screening answers must lead somewhere: every fact a screening answer sets is read by a red flag.
  for (std::size_t i = 0; i < r.questions.size(); ++i) {
    const auto& q = r.questions[i];
    if (!q.screening) continue;
    if (q.kind == rules::input_kind::yes_no) {
      for (std::size_t k = 0; k < q.yes_facts.size(); ++k)
        if (flags_reading(r, q.yes_facts[k]).empty())
          out.push_back({"questions.json", question_path(i) + ".yes[" + std::to_string(k) + "]", severity::error,
                         "a \"yes\" sets \"" + q.yes_facts[k] + "\", but no red flag pattern reads it, so the worrying answer changes nothing"});
    }
    for (std::size_t k = 0; k < q.options.size(); ++k) {
      const auto& o = q.options[k];
      for (const auto& f : o.facts)
        if (flags_reading(r, f).empty())
          out.push_back({"questions.json", question_path(i) + ".options[" + std::to_string(k) + "]", severity::error,
                         "choosing \"" + o.title + "\" sets \"" + f + "\", but no red flag pattern reads it"});
    }
  }
  // The same phrase meaning two different values of one slot ("better" and "worse", "left" and "right").
  const auto& data = r.lexicon.data();
  std::map<std::string, std::pair<std::string, std::string>> phrase_value;  // phrase -> (group:value, concept)
  auto claim = [&](const std::map<std::string, std::string>& groups, const char* group) {
    for (const auto& [concept_id, value] : groups) {
      const int index = r.lexicon.concept_index(concept_id);
      if (index < 0) continue;
      for (const auto& p : data.concepts[static_cast<std::size_t>(index)].phrases) {
        const std::string tag = std::string(group) + ":" + value;
        auto [it, inserted] = phrase_value.emplace(p, std::make_pair(tag, concept_id));
        if (!inserted && it->second.first.rfind(std::string(group) + ":", 0) == 0 && it->second.first != tag)
          out.push_back({"lexicon.json", "$.concepts." + concept_id, severity::error,
                         "the phrase \"" + p + "\" means " + tag + " here but " + it->second.first + " in \"" +
                             it->second.second + "\"; one phrase cannot mean both"});
      }
    }
  };
  claim(data.regions, "region");
  claim(data.sides, "side");
  claim(data.trends, "trend");
  auto answers = [&](nlu::match_kind k) {
    auto it = data.triggers.find(k);
    return it == data.triggers.end() ? std::vector<std::string>{} : it->second;
  };
  const auto yes = answers(nlu::match_kind::answer_yes);
  for (const auto& n : answers(nlu::match_kind::answer_no))
    if (std::find(yes.begin(), yes.end(), n) != yes.end())
      out.push_back({"lexicon.json", "$.answers", severity::error, "\"" + n + "\" is listed both as a yes and as a no answer"});
  // A spelling whose typed word is also a word of some phrase never applies: the reader takes a word it
  // knows as itself ("pins n needles" would keep "n" from ever being read as "and", anywhere).
  for (const auto& [typed, meant] : data.spellings) {
    if (r.lexicon.word_id(typed) == nlu::lexicon_word::none) continue;
    out.push_back({"lexicon.json", "$.spellings." + typed, severity::warning,
                   "\"" + typed + "\" is a word of a phrase (" + phrase_with_word(data, typed) +
                       "), so the reader takes it as itself and never reads it as \"" + meant +
                       "\"; write that phrase with \"" + meant + "\", or remove the spelling"});
  }
  // Two FAQs that match the same questions in the same way: only the first can ever answer.
  for (std::size_t i = 0; i < r.faqs.size(); ++i)
    for (std::size_t j = i + 1; j < r.faqs.size(); ++j)
      if (r.faqs[i].match == r.faqs[j].match)
        out.push_back({"faq.json", "$.faqs[" + std::to_string(j) + "]", severity::warning,
                       "matches exactly like \"" + r.faqs[i].id + "\", so it is never chosen"});
  return out;
}

}  // namespace triagebot::verify
