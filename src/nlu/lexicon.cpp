#include "nlu/lexicon.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "nlu/bracket_index.hpp"
#include "nlu/text_normalizer.hpp"
#include "nlu/tokenizer.hpp"

namespace triagebot::nlu {

std::string_view to_string(match_kind kind) {
  switch (kind) {
    case match_kind::concept_phrase: return "concept";
    case match_kind::pre_negation: return "pre_negation";
    case match_kind::post_negation: return "post_negation";
    case match_kind::pseudo_trigger: return "pseudo";
    case match_kind::terminator: return "terminator";
    case match_kind::other_person: return "other_person";
    case match_kind::other_person_after: return "other_person_after";
    case match_kind::first_person: return "first_person";
    case match_kind::past: return "past";
    case match_kind::resolved: return "resolved";
    case match_kind::current: return "current";
    case match_kind::hypothetical: return "hypothetical";
    case match_kind::hypothetical_after: return "hypothetical_after";
    case match_kind::double_negation: return "double_negation";
    case match_kind::retraction: return "retraction";
    case match_kind::answer_yes: return "yes";
    case match_kind::answer_no: return "no";
    case match_kind::answer_unsure: return "unsure";
  }
  return "?";
}

namespace {
constexpr std::string_view kSuffixes[] = {"nesses", "ness", "ings", "ing", "edly", "ied", "ies", "ed", "es", "ly", "s"};
}  // namespace

bool is_inflected(std::string_view word) {
  if (word.size() <= 3) return false;
  for (const auto suffix : kSuffixes)
    if (word.size() >= suffix.size() + 3 && word.substr(word.size() - suffix.size()) == suffix &&
        !(suffix == "s" && word.ends_with("ss")))
      return true;
  return false;
}

namespace {
bool is_vowel(char c) { return std::string_view("aeiou").find(c) != std::string_view::npos; }
}  // namespace

bool only_the_e_links(std::string_view typed, std::string_view word) {
  const auto ends = [&](std::string_view suffix) { return typed.size() >= suffix.size() + 3 && typed.ends_with(suffix); };
  const auto e_apart = [&](std::string_view base) {
    return base != word && ((base.size() + 1 == word.size() && word.starts_with(base) && word.back() == 'e') ||
                            (word.size() + 1 == base.size() && base.starts_with(word) && base.back() == 'e'));
  };
  // "-s" keeps a final "e" ("lunge" -> "lunges", "spine" -> "spines"); "-es" is an ending of its own only
  // after s, x, z, h or o ("boxes", "aches").
  if (ends("es")) {
    const std::string_view with_e = typed.substr(0, typed.size() - 1);
    const std::string_view without_e = typed.substr(0, typed.size() - 2);
    const bool es_ending = std::string_view("sxzho").find(without_e.back()) != std::string_view::npos;
    if (with_e == word || (es_ending && without_e == word)) return false;
    return e_apart(with_e) && (!es_ending || e_apart(without_e));
  }
  if (ends("s") && !ends("ss")) return e_apart(typed.substr(0, typed.size() - 1));
  // "-ed" and "-ing" drop a final "e" ("aching"), but after a short consonant-vowel-consonant base
  // without a doubled consonant the "e" was there: "cared" is "care", "scared" "scare".
  for (const std::string_view suffix : {"ed", "ing"}) {
    if (!ends(suffix)) continue;
    const auto base = typed.substr(0, typed.size() - suffix.size());
    const std::size_t n = base.size();
    const bool cvc = n >= 3 && n <= 4 && !is_vowel(base[n - 1]) && std::string_view("wxy").find(base[n - 1]) == std::string_view::npos &&
                     is_vowel(base[n - 2]) && !is_vowel(base[n - 3]);
    return cvc && base == word;
  }
  return false;
}

namespace {
// Whether a typed word with an ending stands for the lexicon word of the same stem. A word without an
// ending stands for nothing else: its tense is meant ("when I land on it" is no "landed on"). An adverb
// never stands for another word's ending ("gently" is not "gents").
bool links_by_stem(std::string_view typed, std::string_view word) {
  if (!is_inflected(typed)) return false;
  const bool adverb_against_ending = typed.ends_with("ly") != word.ends_with("ly") && is_inflected(word);
  // "fixing the felt" is no "fixed", "it's healing" no "healed": what goes on is not what is done.
  const bool ongoing_against_done = typed.ends_with("ing") && word.ends_with("ed");
  return !only_the_e_links(typed, word) && !adverb_against_ending && !ongoing_against_done;
}
}  // namespace

std::string stem(std::string_view word) {
  std::string s(word);
  if (s.size() <= 3) return s;
  auto ends = [&](std::string_view suffix) {
    return s.size() >= suffix.size() + 3 && std::string_view(s).substr(s.size() - suffix.size()) == suffix;
  };
  // Longest suffix first; the stem keeps at least 3 letters.
  for (const auto suffix : kSuffixes) {
    if (!ends(suffix) || (suffix == "s" && ends("ss"))) continue;
    s.resize(s.size() - suffix.size());
    if (suffix == "ied" || suffix == "ies") s += 'y';
    break;
  }
  if (s.size() > 3 && s.back() == 'e') s.pop_back();
  // "stopping" -> "stopp" -> "stop": a doubled final consonant is one.
  if (s.size() > 3 && s[s.size() - 1] == s[s.size() - 2] && std::string_view("aeiouls").find(s.back()) == std::string_view::npos)
    s.pop_back();
  return s;
}

std::vector<std::string> phrase_words(std::string_view phrase) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < phrase.size()) {
    while (i < phrase.size() && phrase[i] == ' ') ++i;
    std::size_t j = i;
    while (j < phrase.size() && phrase[j] != ' ') ++j;
    if (j > i) {
      const auto piece = phrase.substr(i, j - i);
      if (piece == "*") {
        out.emplace_back("*");
      } else {
        for (auto& t : tokenize(normalize_text(piece))) out.push_back(std::move(t.text));
      }
    }
    i = j;
  }
  return out;
}

namespace {
std::vector<std::vector<std::string>> split_phrases(const std::vector<std::string>& phrases) {
  std::vector<std::vector<std::string>> out;
  for (const auto& p : phrases) out.push_back(phrase_words(p));
  return out;
}
}  // namespace

lexicon::lexicon(lexicon_data data) : data_(std::move(data)) {
  number_words_.insert(data_.number_words.begin(), data_.number_words.end());
  duration_units_.insert(data_.duration_units.begin(), data_.duration_units.end());
  regions_.insert(data_.regions.begin(), data_.regions.end());
  trends_.insert(data_.trends.begin(), data_.trends.end());
  weekdays_.insert(data_.weekdays.begin(), data_.weekdays.end());
  short_weekdays_.insert(data_.short_weekdays.begin(), data_.short_weekdays.end());
  trie_.emplace_back();
  for (const auto& w : data_.dictionary) dictionary_.insert(w);
  for (const auto& w : data_.relations) {
    relations_.insert(w);
    if (const auto space = w.find(' '); space != std::string::npos) opens_long_relation_.insert(w.substr(0, space));
  }
  for (const auto& w : data_.pronouns) pronouns_.insert(w);
  for (const auto& w : data_.fillers) fillers_.insert(w);
  // Before any phrase is added: cardinal_value(), which add_phrase() calls, reads it.
  for (const auto& w : data_.quantifiers) quantifiers_.insert(w);
  if (const auto fp = data_.triggers.find(match_kind::first_person); fp != data_.triggers.end())
    for (const auto& w : fp->second)
      if (w.find(' ') == std::string::npos) first_person_words_.insert(w);
  if (const auto pre = data_.triggers.find(match_kind::pre_negation); pre != data_.triggers.end())
    for (const auto& w : pre->second)
      if (w.find(' ') == std::string::npos) negation_words_.insert(w);
  if (const auto no = data_.triggers.find(match_kind::answer_no); no != data_.triggers.end())
    for (const auto& w : no->second)
      if (w.find(' ') == std::string::npos) answer_no_words_.insert(w);
  int order = 0;
  for (std::size_t c = 0; c < data_.concepts.size(); ++c) {
    concept_ids_.emplace(data_.concepts[c].id, static_cast<int>(c));
    for (const auto& p : data_.concepts[c].phrases) add_phrase(p, {match_kind::concept_phrase, static_cast<int>(c), order++});
  }
  for (const auto& [kind, phrases] : data_.triggers) {
    for (const auto& p : phrases) add_phrase(p, {kind, -1, order++});
  }
  for (const auto& w : data_.relations) add_phrase(w, {match_kind::other_person, -1, order++});
  for (const auto& w : data_.pronouns) add_phrase(w, {match_kind::other_person, -1, order++});
  for (const auto& [phrase, days] : data_.relative_days) relative_days_.emplace_back(phrase_words(phrase), days);
  for (const auto& [phrase, years] : data_.age_words) age_words_.emplace_back(phrase_words(phrase), years);
  for (const auto& w : data_.writer_after) writer_after_.insert(w);
  for (const auto& [words, days] : relative_days_)
    if (!words.empty()) day_or_age_starts_.insert(words.front());
  for (const auto& [words, years] : age_words_)
    if (!words.empty()) day_or_age_starts_.insert(words.front());
  for (const auto& w : data_.reporter_after) reporter_after_.insert(w);
  for (const auto& w : data_.denial_back) denial_back_.insert(w);
  for (const auto& id : data_.pain_words) pain_words_.insert(id);
  for (const auto& id : data_.travelling_pain_words) travelling_pain_words_.insert(id);
  for (const auto& f : data_.findings)
    if (f.sign_told_before && !f.all_of.empty())
      for (const auto& id : f.all_of.front()) lendable_signs_.insert(id);
  for (const auto& w : data_.deceased) deceased_.insert(w);
  for (const auto& w : data_.family_side) family_side_.insert(w);
  for (const auto& w : data_.someone_else_before) someone_else_before_.insert(w);
  for (const auto& p : data_.someone_else_after) someone_else_after_.push_back(phrase_words(p));
  owner_verbs_ = phrase_index(split_phrases(data_.owner_verbs));
  additions_ = phrase_index(split_phrases(data_.additions));
  knowing_negations_ = phrase_index(split_phrases(data_.knowing_negations));
  correction_words_ = phrase_index(split_phrases(data_.correction_words));
  if (const auto it = data_.triggers.find(match_kind::retraction); it != data_.triggers.end()) {
    std::vector<std::string> plain;
    for (const auto& phrase : it->second)
      if (phrase.find('*') == std::string::npos && phrase.find('{') == std::string::npos) plain.push_back(phrase);
    retractions_ = phrase_index(split_phrases(plain));
  }
  for (const auto& w : data_.age_places) age_places_.insert(w);
  now_words_ = phrase_index(split_phrases(data_.now_words));
  doubt_back_ = phrase_index(split_phrases(data_.doubt_back));
  for (const auto& [typed, meant] : data_.possessive_spellings) possessive_words_.insert(typed);
  for (const auto& w : data_.elided_subject_verbs) elided_subject_verbs_.insert(w);
  const auto first_word = [](const std::string& phrase) { return phrase.substr(0, phrase.find(' ')); };
  for (const auto& c : data_.concepts)
    if (data_.regions.contains(c.id) || data_.sides.contains(c.id))
      for (const auto& p : c.phrases) possessed_starts_.insert(first_word(p));
  for (const auto& w : data_.relations) possessed_starts_.insert(first_word(w));
  possessed_starts_.insert("own");
  // "keeps asking me the same questions": a possessive is never followed by an article, whatever a
  // side's phrase starts with ("the right one").
  for (const char* article : {"the", "a", "an"}) possessed_starts_.erase(article);
  for (const auto& w : data_.place_before) place_before_.insert(w);
  for (const auto& w : data_.past_through) past_through_.insert(w);
  for (const auto& w : data_.thing_back_reference) thing_back_reference_.insert(w);
  for (const auto& p : data_.writer_before) writer_before_.push_back(phrase_words(p));
  for (const auto& p : data_.description_before) description_before_.push_back(phrase_words(p));
  writer_is_patient_ = phrase_index(split_phrases(data_.writer_is_patient));
  hands_over_ = phrase_index(split_phrases(data_.hands_over));
  hands_back_ = phrase_index(split_phrases(data_.hands_back));
  writer_owns_ = phrase_index(split_phrases(data_.writer_owns));
  for (const auto& p : data_.shared_modals) shared_modals_.push_back(phrase_words(p));
  for (const auto& w : data_.modal_joins) modal_joins_.insert(w);
  for (const auto& w : data_.measure_units) measure_units_.insert(w);
  for (const auto& w : data_.address_words) address_words_.insert(w);
  for (const auto& w : data_.female_words) female_words_.insert(w);
  for (const auto& w : data_.male_words) male_words_.insert(w);
  for (const auto& p : data_.writer_has) writer_has_.push_back(phrase_words(p));
  for (const auto& w : data_.clause_joins) clause_joins_.insert(w);
  writer_helps_ = phrase_index(split_phrases(data_.writer_helps));
  writer_compares_ = phrase_index(split_phrases(data_.writer_compares));
  writes_for_ = phrase_index(split_phrases(data_.writes_for));
  tending_leads_ = phrase_index(split_phrases(data_.tending_leads));
  for (const auto& w : data_.temperature_words) temperature_words_.insert(w);
  for (const auto& w : data_.object_after) object_after_.insert(w);
  for (const auto& w : data_.subject_openers) subject_openers_.insert(w);
  for (const auto& w : data_.years_words) years_words_.insert(w);
  for (const auto& w : data_.possessives) possessives_.insert(w);
  for (const auto& w : data_.state_verbs) state_verbs_.insert(w);
  comparison_words_ = phrase_index(split_phrases(data_.comparison_words));
  for (const auto& w : data_.comparison_between) comparison_between_.insert(w);
  for (const auto& w : data_.wish_before) wish_before_.insert(w);
  owning_words_ = phrase_index(split_phrases(data_.owning_words));
  for (const auto& w : data_.describing_determiners) describing_determiners_.insert(w);
  for (const auto& w : data_.name_before_words) name_before_words_.insert(w);
  for (const auto& w : data_.place_prepositions) place_prepositions_.insert(w);
  for (const auto& w : data_.owned_body_words) owned_body_words_.insert(w);
  for (const auto& w : data_.relation_before) relation_before_.insert(w);
  for (const auto& w : data_.object_before) object_before_.insert(w);
  for (const auto& w : data_.handled_before) handled_before_.insert(w);
  for (const auto& w : data_.factive_before_that) factive_before_that_.insert(w);
  std::vector<std::string> fuzzy_words;
  for (const auto& w : words_) {
    if (!w.empty() && std::isalpha(static_cast<unsigned char>(w[0])) != 0) fuzzy_words.push_back(w);
  }
  fuzzy_ = fuzzy_index(fuzzy_words);
  for (const auto& [word, value] : data_.number_words)
    if (!word.empty() && word.find(' ') == std::string::npos) number_words_by_initial_[static_cast<unsigned char>(word[0])].push_back(word);
  // Number the finding groups one finding after another, and note for each id the groups naming it.
  for (const auto& f : data_.findings) {
    first_finding_group_.push_back(finding_group_count_);
    for (const auto& group : f.all_of) {
      bool place = false, thing = false;
      for (const auto& id : group) {
        auto& groups = finding_groups_[id];
        if (groups.empty() || groups.back() != finding_group_count_) groups.push_back(finding_group_count_);
        place = place || data_.regions.contains(id);
        const int c = concept_index(id);
        thing = thing || (c >= 0 && data_.concepts[static_cast<std::size_t>(c)].any_owner);
      }
      finding_group_names_a_place_.push_back(place);
      finding_group_names_a_thing_.push_back(thing);
      ++finding_group_count_;
    }
  }
  // The shortest lexicon word of each stem stands for it ("leak", not "leaking").
  for (std::size_t id = 0; id < words_.size(); ++id) {
    const auto& w = words_[id];
    if (w.size() < 3 || std::isalpha(static_cast<unsigned char>(w[0])) == 0) continue;
    auto [it, inserted] = stems_.emplace(stem(w), static_cast<int>(id));
    if (!inserted && words_[static_cast<std::size_t>(it->second)].size() > w.size()) it->second = static_cast<int>(id);
  }
  stem_siblings_.assign(words_.size(), lexicon_word::none);
  for (std::size_t id = 0; id < words_.size(); ++id) {
    const auto& w = words_[id];
    if (w.size() < 4 || std::isalpha(static_cast<unsigned char>(w[0])) == 0 || !is_inflected(w)) continue;
    const auto it = stems_.find(stem(w));
    if (it != stems_.end() && it->second != static_cast<int>(id) && links_by_stem(w, words_[static_cast<std::size_t>(it->second)]))
      stem_siblings_[id] = it->second;
  }
}

std::optional<double> lexicon::cardinal_value(std::string_view word) const {
  const double* value = number_word(word);
  if (!value || std::floor(*value) != *value) return std::nullopt;
  if (is_quantifier(word)) return std::nullopt;
  return *value;
}

void lexicon::add_phrase(const std::string& phrase, entry e) {
  const auto words = phrase_words(phrase);
  add_phrase_words(words, e);
  // "four wheeler" is also written "4 wheeler": a number word in a phrase matches its digits too.
  auto in_digits = words;
  bool has_number = false;
  for (auto& w : in_digits)
    if (const auto v = cardinal_value(w)) {
      w = std::to_string(static_cast<long>(*v));
      has_number = true;
    }
  if (has_number) add_phrase_words(in_digits, e);
}

void lexicon::add_phrase_words(const std::vector<std::string>& words, entry e) {
  int node = 0;
  for (const auto& w : words) {
    if (w == "*") {
      if (trie_[static_cast<std::size_t>(node)].gap < 0) {
        trie_[static_cast<std::size_t>(node)].gap = static_cast<int>(trie_.size());
        trie_.emplace_back();
      }
      node = trie_[static_cast<std::size_t>(node)].gap;
      continue;
    }
    auto [it, inserted] = word_ids_.emplace(w, static_cast<int>(words_.size()));
    if (inserted) words_.push_back(w);
    auto& next = trie_[static_cast<std::size_t>(node)].next;
    auto child = next.find(it->second);
    if (child == next.end()) {
      const int created = static_cast<int>(trie_.size());
      trie_[static_cast<std::size_t>(node)].next.emplace(it->second, created);
      trie_.emplace_back();
      node = created;
    } else {
      node = child->second;
    }
  }
  if (node == 0) return;
  // "eighty clicks" in digits is "80 clicks", which a slot may list as well: one entry per meaning.
  auto& entries = trie_[static_cast<std::size_t>(node)].entries;
  const bool known = std::any_of(entries.begin(), entries.end(), [&](const entry& x) { return x.kind == e.kind && x.concept_index == e.concept_index; });
  if (!known) entries.push_back(e);
}

int lexicon::word_id(std::string_view word) const {
  const auto it = word_ids_.find(word);
  return it == word_ids_.end() ? lexicon_word::none : it->second;
}

lexicon::resolution lexicon::resolve(std::string_view typed) const {
  if (const int id = word_id(typed); id != lexicon_word::none) return {id, {}, false};
  if (const auto it = data_.spellings.find(std::string(typed)); it != data_.spellings.end())
    if (const int id = word_id(it->second); id != lexicon_word::none) return {id, it->second, false};
  // "limpin", "throwin", "dribblin": the dropped g of casual typing; "swelin", "tinglin": spelt by sound,
  // with one consonant for two as well. Not for an everyday word ("cabin", "margin").
  if (typed.size() >= 5 && typed.substr(typed.size() - 2) == "in") {
    std::string with_g = std::string(typed) + "g";
    if (const int id = word_id(with_g); id != lexicon_word::none) return {id, std::move(with_g), false};
    if (!is_dictionary_word(typed))
      if (auto doubled = consonant_variant(with_g); doubled.first != lexicon_word::none) return {doubled.first, std::move(doubled.second), false};
  }
  // "leaking" when the lexicon says "leak": the same stem, before any spelling correction.
  if (typed.size() >= 4 && std::isalpha(static_cast<unsigned char>(typed[0])) != 0 && is_inflected(typed)) {
    const auto it = stems_.find(stem(typed));
    if (it != stems_.end() && links_by_stem(typed, words_[static_cast<std::size_t>(it->second)]))
      return {it->second, words_[static_cast<std::size_t>(it->second)], true};
  }
  if (is_dictionary_word(typed) || typed.empty() || std::isalpha(static_cast<unsigned char>(typed[0])) == 0) return {};
  // "hoovering" when the dictionary has "hoover": an everyday word with a regular ending is no typo.
  if (typed.size() >= 5 && is_inflected(typed)) {
    const auto base = stem(typed);
    if (is_dictionary_word(base) || is_dictionary_word(base + "e")) return {};
  }
  const auto meant = fuzzy_.nearest(typed);
  if (!meant) return {};
  // "clamy", "riping": one consonant typed for two, or two for one, is the commonest misspelling, so it
  // goes before the nearest word. A lexicon word so spelt is the word meant; an everyday word so spelt
  // ("ripping") means the typed word is no clinical word at all ("wiping" is as near). Only when there
  // is a nearest word to overrule: most unknown words have none.
  bool everyday_word_meant = false;
  if (auto doubled = consonant_variant(typed, &everyday_word_meant); doubled.first != lexicon_word::none)
    return {doubled.first, std::move(doubled.second), false};
  if (everyday_word_meant) return {};
  return {word_id(*meant), std::string(*meant), false};
}

std::pair<int, std::string> lexicon::consonant_variant(std::string_view typed, bool* everyday_word_meant) const {
  std::string variant;
  for (std::size_t k = 1; k < typed.size(); ++k) {
    const char c = typed[k];
    if (std::isalpha(static_cast<unsigned char>(c)) == 0 || std::string_view("aeiouy").find(c) != std::string_view::npos) continue;
    variant.assign(typed);
    if (typed[k - 1] == c) variant.erase(k, 1);
    else variant.insert(k, 1, c);
    if (const int id = word_id(variant); id != lexicon_word::none) return {id, std::move(variant)};
    if (everyday_word_meant != nullptr) *everyday_word_meant = *everyday_word_meant || is_dictionary_word(variant);
  }
  return {lexicon_word::none, {}};
}

bool lexicon::is_dictionary_word(std::string_view word) const { return dictionary_.contains(word); }

std::optional<std::string> lexicon::misspelt_number_word(std::string_view typed) const {
  // Every word of every message comes here: the short ones, which no typo tolerance reaches, go at once.
  // Only a word neither the lexicon nor the dictionary knows: "tree" is no "three".
  if (allowed_edits(typed.size()) == 0 || word_id(typed) != lexicon_word::none || is_dictionary_word(typed)) return std::nullopt;
  // A typo seldom changes the first letter: the few number words that share it are all compared.
  const int allowed = allowed_edits(typed.size());
  const std::string* best = nullptr;
  int best_distance = allowed + 1;
  for (const auto& word : number_words_by_initial_[static_cast<unsigned char>(typed[0])]) {
    const auto length_gap = word.size() > typed.size() ? word.size() - typed.size() : typed.size() - word.size();
    if (length_gap > static_cast<std::size_t>(allowed)) continue;
    if (const int d = damerau_levenshtein(typed, word, allowed); d < best_distance) {
      best_distance = d;
      best = &word;
    }
  }
  if (!best || data_.spellings.contains(std::string(typed))) return std::nullopt;
  return *best;
}

std::span<const std::size_t> lexicon::finding_groups_naming(std::string_view id) const {
  const auto it = finding_groups_.find(id);
  if (it == finding_groups_.end()) return {};
  return it->second;
}

int lexicon::concept_index(std::string_view id) const {
  const auto it = concept_ids_.find(id);
  return it == concept_ids_.end() ? -1 : it->second;
}

namespace {
// Whether one of the phrases ends right before `begin`, or up to two describing words before it:
// "as a *single* mum", "he's a *big* kid".
bool phrase_before(const std::vector<std::vector<std::string>>& phrases, const std::vector<token>& tokens, std::size_t begin) {
  return std::any_of(phrases.begin(), phrases.end(), [&](const std::vector<std::string>& words) {
    for (std::size_t between = 0; between <= 2; ++between) {
      if (words.empty() || words.size() + between > begin) return false;
      const std::size_t from = begin - between - words.size();
      bool same = true;
      for (std::size_t w = 0; w < words.size() && same; ++w) same = tokens[from + w].text == words[w];
      // The describing words are words: "I'm 52. Mum had cancer" is no "I'm a mum"; nor "of", which
      // names someone else ("I am mother of boy 12 years old").
      for (std::size_t k = from + words.size(); k < begin && same; ++k) same = tokens[k].kind == token_kind::word && tokens[k].text != "of";
      if (same) return true;
    }
    return false;
  });
}
}  // namespace

bool lexicon::names_the_writer(const std::vector<token>& tokens, std::size_t begin, std::size_t end) const {
  // "Other lady here had DVT": someone set apart from the patient is not the writer either.
  if (begin > 0 && marks_someone_else(tokens[begin - 1].text)) return false;
  if (end < tokens.size() && writer_after_.contains(tokens[end].text)) return true;
  return phrase_before(writer_before_, tokens, begin);
}

bool lexicon::only_describes(const std::vector<token>& tokens, std::size_t begin) const {
  return phrase_before(description_before_, tokens, begin);
}

namespace {
bool words_at(const std::vector<token>& tokens, std::size_t at, const std::vector<std::string>& words) {
  if (words.empty() || at + words.size() > tokens.size()) return false;
  for (std::size_t w = 0; w < words.size(); ++w)
    if (tokens[at + w].text != words[w]) return false;
  return true;
}
}  // namespace

bool lexicon::belongs_to_person_before(const std::vector<token>& tokens, std::size_t k) const {
  return k >= 2 && k < tokens.size() && tokens[k - 1].text == "of" && names_a_person(tokens[k - 2].text);
}

bool lexicon::addresses_the_reader(const std::vector<token>& tokens, std::size_t begin, std::size_t end) const {
  if (end != begin + 1 || !address_words_.contains(tokens[begin].text)) return false;
  const bool set_off_after = end >= tokens.size() || tokens[end].kind == token_kind::punct;
  const auto& before = begin > 0 ? tokens[begin - 1].text : std::string();
  const bool named_before = begin > 0 && (opens_a_relation(before) || marks_someone_else(before) || before == "a" || before == "an");
  return set_off_after && !named_before;
}

bool lexicon::set_apart_after(const std::vector<token>& tokens, std::size_t end) const {
  return std::any_of(someone_else_after_.begin(), someone_else_after_.end(),
                     [&](const std::vector<std::string>& words) { return words_at(tokens, end, words); });
}

bool lexicon::owner_verb_after(const std::vector<token>& tokens, std::size_t end) const {
  // "Mrs Kelly *next door* had": a name or a place may stand between the person and the verb.
  constexpr std::size_t kReach = 3;
  for (std::size_t k = end; k < tokens.size() && k <= end + kReach && tokens[k].kind == token_kind::word; ++k)
    if (owner_verbs_.any_at(tokens, k)) return true;
  return false;
}

bool lexicon::owns_name_before(const std::vector<token>& tokens, std::size_t begin) const {
  // "had a bad DVT", "my old clot", "diagnosed with another clot": up to a few words between.
  constexpr std::size_t kReach = 4;
  // "in case it's another clot but a clot doesn't go pop": a joining word starts another clause.
  for (std::size_t k = begin; k-- > 0 && begin - k <= kReach && tokens[k].kind != token_kind::punct && !joins_clauses(tokens[k].text);)
    if (owning_words_.any_at(tokens, k) || owner_verbs_.any_at(tokens, k) || is_possessive(tokens[k].text) || is_first_person(tokens[k].text))
      return true;
  return false;
}

bool lexicon::adds_after(const std::vector<token>& tokens, std::size_t from) const {
  if (from >= tokens.size()) return false;
  const int sentence = tokens[from].sentence;
  for (std::size_t k = from; k < tokens.size() && tokens[k].sentence == sentence; ++k)
    if (additions_.any_at(tokens, k)) return true;
  return false;
}

bool lexicon::tells_now_at(const std::vector<token>& tokens, std::size_t at) const {
  return now_words_.any_at(tokens, at);
}

bool lexicon::negates_knowing_at(const std::vector<token>& tokens, std::size_t at) const {
  return knowing_negations_.any_at(tokens, at);
}

std::optional<std::size_t> lexicon::opening_retraction(const std::vector<token>& tokens) const {
  constexpr std::size_t kLeadIn = 5;  // "well", "oh sorry", "sorry typo!!"
  for (std::size_t i = 0; i < tokens.size() && i <= kLeadIn; ++i) {
    for (const std::size_t p : retractions_.starting_with(tokens[i].text))
      if (retractions_.matches(tokens, i, p)) return i + retractions_.phrases()[p].size();
    if (tokens[i].kind != token_kind::punct && !is_filler(tokens[i].text) && !correction_words_.any_at(tokens, i)) return std::nullopt;
  }
  return std::nullopt;
}

bool lexicon::marks_correction(const std::vector<token>& tokens, int sentence) const {
  for (std::size_t i = 0; i < tokens.size(); ++i)
    if (tokens[i].sentence == sentence && correction_words_.any_at(tokens, i)) return true;
  return false;
}

const std::string* lexicon::possessive_before(std::string_view word, std::string_view next) const {
  // Nearly every word is no possessive spelling: settle that without building a string.
  if (!possessive_words_.contains(word) || !possessed_starts_.contains(next)) return nullptr;
  return &data_.possessive_spellings.at(std::string(word));
}

bool lexicon::differ_in_gender(std::string_view a, std::string_view b) const {
  const auto gender = [&](std::string_view word) {
    return female_words_.contains(word) ? 'f' : male_words_.contains(word) ? 'm' : '?';
  };
  const char ga = gender(a), gb = gender(b);
  return ga != '?' && gb != '?' && ga != gb;
}

bool lexicon::writer_phrase_in(const phrase_index& phrases, const std::vector<token>& tokens,
                               bool skip_after_back_reference) const {
  const auto back_reference = [&](std::size_t k) {
    return tokens[k].text == "thats" || tokens[k].text == "that" || tokens[k].text == "which";
  };
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    // "Coaching question, not about me": a negated phrase says the opposite.
    if (i > 0 && is_negation_word(tokens[i - 1].text)) continue;
    // "no temperature nothing like that": a "nothing" right after a denial goes on denying; it compares
    // nothing.
    const auto after_denial = [&] {
      for (std::size_t k = i, n = 0; k-- > 0 && n < 3 && (tokens[k].kind == token_kind::word || tokens[k].text == ","); ++n)
        if (is_negation_word(tokens[k].text)) return true;
      return false;
    };
    if (tokens[i].text == "nothing" && after_denial()) continue;
    // "I've got a sore knee but that's me not her": the phrase says whose the thing just told is.
    if (skip_after_back_reference && ((i > 0 && back_reference(i - 1)) || (i > 1 && back_reference(i - 2)))) continue;
    if (belongs_to_person_before(tokens, i)) continue;
    if (phrases.any_at(tokens, i) && !writer_helps_.any_at(tokens, i)) return true;
  }
  return false;
}

bool lexicon::says_writer_is_patient(const std::vector<token>& tokens) const {
  return writer_phrase_in(writer_is_patient_, tokens, true);
}

bool lexicon::hands_over(const std::vector<token>& tokens) const {
  for (std::size_t i = 0; i < tokens.size(); ++i)
    if (hands_over_.any_at(tokens, i)) return true;
  // "its derek now.": a sentence of "its", a name and "now".
  for (std::size_t i = 0; i + 2 < tokens.size(); ++i) {
    const bool starts = i == 0 || tokens[i - 1].sentence != tokens[i].sentence;
    const bool ends = i + 3 == tokens.size() || tokens[i + 3].sentence != tokens[i].sentence || tokens[i + 3].kind == token_kind::punct;
    if (starts && ends && tokens[i].text == "its" && tokens[i + 1].kind == token_kind::word && tokens[i + 2].text == "now" &&
        tokens[i + 1].sentence == tokens[i].sentence && tokens[i + 2].sentence == tokens[i].sentence &&
        word_id(tokens[i + 1].text) == lexicon_word::none && !is_relation(tokens[i + 1].text))
      return true;
  }
  return false;
}

std::optional<std::string> lexicon::writer_named_first(const std::vector<token>& tokens) const {
  for (std::size_t k = 0; k < tokens.size() && k < 4 && tokens[k].sentence == tokens.front().sentence; ++k)
    if (const auto named = relation_named_at(tokens, k); named && names_the_writer(tokens, k, k + named->length))
      return named->relation;
  return std::nullopt;
}

bool lexicon::writer_named_as_theirs(const std::vector<token>& tokens) const {
  for (std::size_t k = 1; k < tokens.size() && k < 5 && tokens[k].sentence == tokens.front().sentence; ++k) {
    const auto& before = tokens[k - 1].text;
    if (before != "his" && before != "her" && before != "their") continue;
    // "his" before the relation sets it apart from the patient (names_the_writer says no); here the
    // writer's words around it decide.
    const auto named = relation_named_at(tokens, k);
    if (!named) continue;
    const std::size_t end = k + named->length;
    if ((end < tokens.size() && writer_after_.contains(tokens[end].text)) || phrase_before(writer_before_, tokens, k)) return true;
  }
  return false;
}

bool lexicon::hands_back(const std::vector<token>& tokens) const {
  for (std::size_t i = 0; i < tokens.size(); ++i)
    if (hands_back_.any_at(tokens, i)) return true;
  return false;
}

bool lexicon::says_writer_has_pain(const std::vector<token>& tokens) const {
  return says_writer_is_patient(tokens) || marks_writer_own(tokens);
}

bool lexicon::marks_writer_own(const std::vector<token>& tokens) const {
  return writer_phrase_in(writer_owns_, tokens);
}

bool lexicon::writer_only_compares(const std::vector<token>& tokens) const {
  return writer_phrase_in(writer_compares_, tokens);
}

bool lexicon::writer_hurt_tending(const std::vector<token>& tokens) const {
  // "kneeling beside her", "lifting her up", "carrying him": "her" is the one tended only where no noun
  // of hers follows ("after having her baby" tends no one).
  const auto object_her = [&](std::size_t k) {
    return k + 1 >= tokens.size() || tokens[k + 1].kind != token_kind::word || clause_joins_.contains(tokens[k + 1].text) ||
           object_after_.contains(tokens[k + 1].text);
  };
  const auto tended = [&](std::size_t from) {
    for (std::size_t k = from; k < tokens.size() && k < from + 4 && tokens[k].kind != token_kind::punct; ++k)
      if (tokens[k].text == "him" || (tokens[k].text == "her" && object_her(k))) return true;
    return false;
  };
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    for (const std::size_t p : tending_leads_.starting_with(tokens[k].text)) {
      if (!tending_leads_.matches(tokens, k, p)) continue;
      const auto& lead = tending_leads_.phrases()[p];
      const std::size_t act = k + lead.size();
      if (act >= tokens.size() || tokens[act].kind != token_kind::word) continue;
      const bool acting = lead.back() == "to" || (tokens[act].text.size() > 4 && tokens[act].text.ends_with("ing"));
      if (acting && tended(act + 1)) return true;
    }
  }
  return false;
}

bool lexicon::relation_at(const std::vector<token>& tokens, std::size_t k) const {
  // "it's my wife who made me book": the relation is the subject of what follows, not who it is for.
  const auto then_who = [&](std::size_t after) {
    return after < tokens.size() && (tokens[after].text == "who" || tokens[after].text == "that" || tokens[after].text == "whos");
  };
  if (k >= tokens.size()) return false;
  if (is_relation(tokens[k].text)) return !then_who(k + 1);
  return k + 1 < tokens.size() && is_relation(tokens[k].text + " " + tokens[k + 1].text) && !then_who(k + 2);
}

std::optional<named_relation> lexicon::relation_named_at(const std::vector<token>& tokens, std::size_t k) const {
  if (k >= tokens.size()) return std::nullopt;
  // "mother in laws leg", "my girlfriends left calf": the possessive without its apostrophe.
  const auto without_possessive_s = [&](std::string_view words) -> std::optional<std::string> {
    if (words.size() > 3 && words.back() == 's' && is_relation(words.substr(0, words.size() - 1)))
      return std::string(words.substr(0, words.size() - 1));
    return std::nullopt;
  };
  // Most words open no relation of several words: one lookup, no string built.
  if (!opens_long_relation_.contains(tokens[k].text)) {
    const std::string& word = tokens[k].text;
    if (is_relation(word)) return named_relation{word, 1};
    if (auto relation = without_possessive_s(word)) return named_relation{std::move(*relation), 1};
    return std::nullopt;
  }
  if (old_after_an_age(tokens, k)) return std::nullopt;
  for (std::size_t length = 3; length >= 1; --length) {
    if (k + length > tokens.size()) continue;
    std::string words;
    for (std::size_t w = k; w < k + length; ++w) words += (w == k ? "" : " ") + tokens[w].text;
    if (is_relation(words)) return named_relation{words, length};
    if (length == 1) continue;
    if (auto relation = without_possessive_s(words)) return named_relation{std::move(*relation), length};
  }
  return std::nullopt;
}

bool lexicon::old_after_an_age(const std::vector<token>& tokens, std::size_t k) const {
  if (k >= tokens.size() || tokens[k].text != "old") return false;
  std::size_t b = k;
  while (b > 0 && tokens[b - 1].text == "-") --b;
  if (b == 0) return false;
  return is_years_word(tokens[b - 1].text);
}

bool lexicon::writer_is_subject(const std::vector<token>& tokens, std::size_t begin) const {
  static constexpr std::array<std::string_view, 4> subject{"i", "im", "ive", "id"};
  const auto is_subject = [&](std::size_t k) { return std::find(subject.begin(), subject.end(), tokens[k].text) != subject.end(); };
  // "she told me both legs feel heavy": "me" after a verb of telling is who was told.
  const bool me_told = begin >= 2 && only_reports(tokens, begin - 2);
  if (begin >= 1 && begin <= tokens.size() && (is_subject(begin - 1) || (tokens[begin - 1].text == "me" && !me_told))) return true;
  if (begin >= 2 && begin <= tokens.size() && is_subject(begin - 2)) {
    const auto& between = tokens[begin - 1];
    if (between.kind == token_kind::word && !names_a_person(between.text) && !only_reports(tokens, begin - 1)) return true;
  }
  // "I can't sneeze without leaking": what happens to the writer when they do something is theirs.
  if (begin >= 3 && begin <= tokens.size() && tokens[begin - 1].text == "without") {
    constexpr std::size_t kVerbReach = 4;
    for (std::size_t k = begin - 1; k-- > 0 && begin - 1 - k <= kVerbReach;) {
      if (tokens[k].kind != token_kind::word || names_a_person(tokens[k].text)) break;
      if (is_subject(k)) return true;
    }
  }
  // "I've got arthritis in both knees so I'm not much help": a clause the writer opens as one who has
  // something (reading.writer_has) tells the writer's own, with no one named before the sign ("I've had
  // sciatica on and off for years with a numb foot").
  constexpr std::size_t kReach = 12;
  for (std::size_t k = std::min(begin, tokens.size()); k-- > 0 && tokens[k].kind != token_kind::punct && begin - k <= kReach;) {
    if (names_a_person(tokens[k].text)) return false;
    // "i had a look and its gone white": a joining word that opens a subject of its own ends the clause
    // the writer opened.
    if (k + 1 < begin && clause_joins_.contains(tokens[k].text) && opens_subject(tokens[k + 1].text)) return false;
    const bool opens_clause = k == 0 || tokens[k - 1].kind == token_kind::punct || clause_joins_.contains(tokens[k - 1].text);
    if (opens_clause && std::any_of(writer_has_.begin(), writer_has_.end(), [&](const auto& w) { return words_at(tokens, k, w); }))
      return true;
  }
  return false;
}

bool lexicon::writer_owns_clause(const std::vector<token>& tokens, std::size_t begin, std::size_t end) const {
  const auto owns_at = [&](std::size_t k) {
    return !belongs_to_person_before(tokens, k) && writer_owns_.any_at(tokens, k);
  };
  // "my own back is sore from the move": the writer's word before the sign.
  for (std::size_t k = begin; k-- > 0 && tokens[k].kind != token_kind::punct;) {
    if (names_a_person(tokens[k].text)) return false;
    if (owns_at(k)) return true;
  }
  for (std::size_t k = end; k < tokens.size() && tokens[k].kind != token_kind::punct; ++k) {
    if (names_a_person(tokens[k].text)) return false;
    if (owns_at(k)) return true;
  }
  return false;
}

writes_for_reading lexicon::reads_writes_for(const std::vector<token>& tokens) const {
  writes_for_reading out;
  // "my back went lifting my mother (I'm her full time carer)": said in brackets, it is an aside.
  const bracket_index brackets(tokens);
  // "it's my partner, not me": a phrase that ends on a possessive ("it's my") says so only when a
  // relation word follows ("it's my back" does not); "not about me" stands on its own.
  // "For my dad. tight hamstring ...": a phrase that opens with a word before relations ("for",
  // "about") says so only where a clause starts, not in "lifting boxes for my son".
  for (std::size_t i = 0; i < tokens.size() && !(out.says && out.names_relation); ++i) {
    if (brackets.inside(i)) continue;
    // Only the phrases that start with this word can stand here; they are tried in list order.
    for (const std::size_t p : writes_for_.starting_with(tokens[i].text)) {
      if (!writes_for_.matches(tokens, i, p)) continue;
      const auto& words = writes_for_.phrases()[p];
      std::size_t k = i + words.size();
      // "for my da", "its for my da": some relations begin with their opener, which may end the phrase.
      bool relation_follows = relation_at(tokens, k) || (opens_a_relation(words.back()) && relation_at(tokens, k - 1));
      if (!opens_a_relation(words.back()) && k < tokens.size() && opens_a_relation(tokens[k].text)) ++k;
      // "it isn't me, it's Gary, my husband": the relation may come a few words on, in the same sentence.
      relation_follows = relation_follows || relation_at(tokens, k);
      // A phrase ending on "my" ("it's my") names only the relation right after it.
      const bool ends_on_possessive = words.back() == "my" || words.back() == "our";
      for (std::size_t q = k; !ends_on_possessive && !relation_follows && q < tokens.size() && q < k + 6 &&
                              tokens[q].sentence == tokens[i].sentence;
           ++q)
        relation_follows = (tokens[q].text == "my" || tokens[q].text == "our") && (relation_at(tokens, q) || relation_at(tokens, q + 1));
      // Any phrase followed by the relation it is for names it ("asking about our son").
      out.names_relation = out.names_relation || relation_follows;
      if (opens_a_relation(words.front()) && i > 0 && tokens[i - 1].kind != token_kind::punct) continue;
      if (words.back() == "my" && !relation_follows) continue;
      out.says = true;
    }
  }
  return out;
}

int lexicon::shared_modal_node(const std::vector<token>& tokens, std::size_t at) const {
  if (at < 2 || at >= tokens.size() || !modal_joins_.contains(tokens[at - 1].text)) return -1;
  // The modal stands a few words back in the same clause: "can't lift the leg off the ground or ...".
  constexpr std::size_t kReach = 10;
  for (std::size_t k = at - 1; k-- > 0 && at - k <= kReach && tokens[k].kind != token_kind::punct;) {
    for (const auto& words : shared_modals_) {
      if (!words_at(tokens, k, words)) continue;
      int node = 0;
      for (const auto& w : words) {
        const auto it = trie_[static_cast<std::size_t>(node)].next.find(word_id(w));
        if (it == trie_[static_cast<std::size_t>(node)].next.end()) return -1;
        node = it->second;
      }
      return node;
    }
  }
  return -1;
}

bool lexicon::only_reports(const std::vector<token>& tokens, std::size_t end) const {
  return end < tokens.size() && reporter_after_.contains(tokens[end].text);
}

bool lexicon::is_deceased(const std::vector<token>& tokens, std::size_t begin, std::size_t end) const {
  if (begin > 0 && deceased_.contains(tokens[begin - 1].text)) return true;
  for (std::size_t k = end; k < tokens.size() && k < end + 3; ++k)
    if (deceased_.contains(tokens[k].text)) return true;
  return false;
}

bool lexicon::names_no_patient(const std::vector<token>& tokens, std::size_t begin, std::size_t end) const {
  if (is_deceased(tokens, begin, end)) return true;
  // "my mother's side": the possessive "s" may stand between.
  std::size_t k = end;
  if (k < tokens.size() && tokens[k].text == "s") ++k;
  return k < tokens.size() && family_side_.contains(tokens[k].text);
}

}  // namespace triagebot::nlu
