#include "nlu/analyzer.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <span>

#include "nlu/bracket_index.hpp"
#include "nlu/event_dating.hpp"
#include "nlu/number_words.hpp"
#include "nlu/text_normalizer.hpp"

namespace triagebot::nlu {
namespace {

// Order of preference when a finding's parts disagree: the status that keeps it from counting.
int status_rank(mention_status s) {
  switch (s) {
    case mention_status::other_person: return 0;
    case mention_status::hypothetical: return 1;
    case mention_status::historical: return 2;
    case mention_status::negated: return 3;
    case mention_status::affirmed: return 4;
  }
  return 4;
}

void add_findings(const lexicon& lex, const std::vector<token>& tokens, std::vector<mention>& mentions, int sentences,
                  const std::optional<std::string>& place_before, const std::optional<std::string>& sign_before) {
  std::vector<mention> found;
  const auto is_place = [&](const std::string& id) { return lex.is_region(id); };
  // "it is cold and a bit blue, the other leg is warm normal": "the other" part is what the sign is
  // compared with, not where it is.
  const auto the_other = [&](const mention& m) {
    return is_place(m.concept_id) && m.begin > 0 && m.begin <= tokens.size() && tokens[m.begin - 1].text == "other";
  };
  // "Wife's left calf. Swollen since yesterday.": a sentence that names no body part goes on about the
  // part named in the sentence before, so a finding bound to a place may take the place from there.
  std::vector<bool> names_a_place(static_cast<std::size_t>(std::max(sentences, 0)), false);
  for (const auto& m : mentions)
    if (m.sentence >= 0 && m.sentence < sentences && is_place(m.concept_id) && !the_other(m))
      names_a_place[static_cast<std::size_t>(m.sentence)] = true;
  // "his left foot went dead. it's stone cold and blue up to the ankle": a sentence whose subject is
  // "it" goes on about the part of the sentence before, even when it names a place of its own.
  // A sentence that says "it" anywhere may take the sign of the sentence before (`sign_told_before`).
  std::vector<bool> opens_with_it(names_a_place.size(), false);
  std::vector<bool> says_it(names_a_place.size(), false);
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    const int s = tokens[k].sentence;
    if (s <= 0 || s >= sentences || (tokens[k].text != "it" && tokens[k].text != "its")) continue;
    says_it[static_cast<std::size_t>(s)] = true;
    if (k == 0 || tokens[k - 1].sentence != s) opens_with_it[static_cast<std::size_t>(s)] = true;
  }
  // "I haven't been taking the painkillers. I've been keeping them in a drawer": a sentence that refers
  // back to a thing ("them") may take a thing at hand (an `any_owner` concept) from the sentence before.
  std::vector<bool> refers_to_a_thing(names_a_place.size(), false);
  for (const auto& t : tokens)
    if (t.sentence >= 0 && t.sentence < sentences && lex.refers_to_a_thing(t.text)) refers_to_a_thing[static_cast<std::size_t>(t.sentence)] = true;
  const auto is_thing = [&](const std::string& id) {
    const int c = lex.concept_index(id);
    return c >= 0 && lex.data().concepts[static_cast<std::size_t>(c)].any_owner;
  };
  // "my left foot feels wrong" ... "it's gone pale and cold": a first sentence that names no body part
  // and refers back with "it" goes on about the part named last in an earlier message.
  // So does one that opens with the sign itself, its subject left out ("Pale as a candle and stone cold"),
  // or with a verb of change before it ("gone cold and white": reading.elided_subject_verbs).
  const auto opens_with_the_sign = [&](const mention& m) {
    if (m.sentence != 0 || m.end == 0) return false;
    for (std::size_t k = 0; k < m.begin; ++k)
      if (!lex.opens_without_subject(tokens[k].text)) return false;
    return true;
  };
  const bool first_refers_back =
      place_before && sentences > 0 && !names_a_place[0] &&
      (std::any_of(tokens.begin(), tokens.end(), [](const token& t) {
         return t.sentence == 0 && (t.text == "it" || t.text == "its" || t.text == "they" || t.text == "theyre" || t.text == "them");
       }) ||
       std::any_of(mentions.begin(), mentions.end(), opens_with_the_sign));
  // "pain from the bum down the leg, with pins and needles on the outside of the foot": a sign followed
  // by a place word of its own ("on the foot", "the numb patch that was just on my calf") is told of
  // that place, not of a place named before it.
  // A place of the finding ("bum down the leg") takes only a place word right after it.
  const auto marks_a_place = [&](std::size_t k) { return lex.marks_a_place(tokens[k].text) || tokens[k].text == "in"; };
  const auto place_right_after = [&](const mention& sign, bool sign_is_a_place) -> const mention* {
    const std::size_t marker_reach = sign_is_a_place ? 1 : 5;  // words between the sign and "on", "in" ...
    constexpr std::size_t kReach = 5;                          // ... and between that word and the place
    const std::size_t marker_end = std::min(tokens.size(), sign.end + marker_reach);
    std::size_t marker = sign.end;
    while (marker < marker_end && tokens[marker].kind != token_kind::punct && !marks_a_place(marker)) ++marker;
    if (marker >= marker_end || !marks_a_place(marker)) return nullptr;
    // Another sign or place between them is what the place word belongs to.
    if (std::any_of(mentions.begin(), mentions.end(), [&](const mention& m) { return m.begin >= sign.end && m.begin < marker; }))
      return nullptr;
    for (const auto& m : mentions)
      if (is_place(m.concept_id) && m.sentence == sign.sentence && m.begin > marker && m.begin <= marker + kReach &&
          std::none_of(tokens.begin() + static_cast<std::ptrdiff_t>(sign.end), tokens.begin() + static_cast<std::ptrdiff_t>(m.begin),
                       [](const token& t) { return t.kind == token_kind::punct; }))
        return &m;
    return nullptr;
  };
  // The mentions each finding group can take, in mention order, found once for every finding and
  // sentence rather than by comparing each mention with each group again and again. One short list of
  // (group, mention) in group order, not a list per group: a vector as long as all the groups is an
  // allocation big enough to make malloc tidy its free lists every message.
  std::vector<std::pair<std::size_t, const mention*>> fills;
  for (const auto& m : mentions)
    for (const std::size_t g : lex.finding_groups_naming(m.concept_id)) fills.emplace_back(g, &m);
  std::stable_sort(fills.begin(), fills.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  const auto of_group = [&](std::size_t g) {
    const auto from = std::lower_bound(fills.begin(), fills.end(), g, [](const auto& fill, std::size_t v) { return fill.first < v; });
    auto to = from;
    while (to != fills.end() && to->first == g) ++to;
    return std::span<const std::pair<std::size_t, const mention*>>(from, to);
  };
  const auto groups_naming_place_before =
      first_refers_back ? lex.finding_groups_naming(*place_before) : std::span<const std::size_t>();
  // A first sentence that says "it" may take the sign the previous message ended on (`sign_told_before`).
  const bool first_says_it = sign_before && std::any_of(tokens.begin(), tokens.end(), [](const token& t) {
    return t.sentence == 0 && (t.text == "it" || t.text == "its");
  });
  const auto groups_naming_sign_before = first_says_it ? lex.finding_groups_naming(*sign_before) : std::span<const std::size_t>();
  const auto& findings = lex.data().findings;
  for (std::size_t fi = 0; fi < findings.size(); ++fi) {
    const auto& f = findings[fi];
    const std::size_t first_group = lex.first_finding_group(fi);
    // A group that no mention fills leaves the finding incomplete in every sentence, unless the
    // place told before may stand in for it: a place group that names that place (below).
    const bool sign_from_before = f.sign_told_before && std::binary_search(groups_naming_sign_before.begin(), groups_naming_sign_before.end(), first_group);
    bool every_group_taken = true;
    for (std::size_t g = first_group; g < first_group + f.all_of.size() && every_group_taken; ++g)
      every_group_taken = !of_group(g).empty() || (g == first_group && sign_from_before) ||
                          (first_refers_back && lex.finding_group_names_a_place(g) &&
                           std::binary_search(groups_naming_place_before.begin(), groups_naming_place_before.end(), g));
    if (!every_group_taken) continue;
    const auto in_other_group = [&](const std::vector<std::string>& own_group, const std::string& id) {
      return std::any_of(f.all_of.begin(), f.all_of.end(), [&](const std::vector<std::string>& group) {
        return &group != &own_group && std::find(group.begin(), group.end(), id) != group.end();
      });
    };
    // The sign's own place is none of the finding's, and none of the finding's other parts is named after it.
    const auto told_of_another_place = [&](const mention& sign, const std::vector<std::string>& group, bool is_the_place) {
      if (!f.bound_to_place || sign.end <= sign.begin) return false;
      const mention* own = place_right_after(sign, is_the_place);
      if (own == nullptr || in_other_group(group, own->concept_id)) return false;
      // A place denied after it ("no numbness round my back passage") names nothing it could be told of.
      return std::none_of(mentions.begin(), mentions.end(), [&](const mention& m) {
        return m.sentence == sign.sentence && m.begin >= sign.end && m.status != mention_status::negated &&
               in_other_group(group, m.concept_id);
      });
    };
    // "The hip is a little swollen and hot ... when I move his leg", "swollen ankles ... leg cramps": a
    // sign told right with a place of its own (a place or list of places right after it, or its subject
    // before "is", "are", "looks" ...) that holds none of the finding's places is told of that place.
    bool has_place_group = false;
    for (std::size_t g = 0; g < f.all_of.size(); ++g) has_place_group = has_place_group || lex.finding_group_names_a_place(first_group + g);
    const auto told_with_another_place = [&](const mention& sign, const std::vector<std::string>& group) {
      if (!has_place_group || sign.end <= sign.begin || is_place(sign.concept_id)) return false;
      bool any_place = false, ours = false;
      const auto look = [&](std::size_t at, bool forwards) {
        bool found_here = false;
        for (std::size_t steps = 0; steps < 6 && at < tokens.size(); ++steps) {
          const mention* place = nullptr;
          for (const auto& m : mentions)
            if (is_place(m.concept_id) && m.sentence == sign.sentence && (forwards ? m.begin == at : m.end == at + 1)) place = &m;
          if (place != nullptr) {
            any_place = found_here = true;
            // "can't feel his butt cheeks": the place may be one of the finding's parts under another name.
            ours = ours || std::any_of(mentions.begin(), mentions.end(), [&](const mention& m) {
                     return m.sentence == place->sentence && m.begin == place->begin && in_other_group(group, m.concept_id);
                   });
            if (forwards) at = place->end;
            else if (place->begin == 0) return;
            else at = place->begin - 1;
            continue;
          }
          const auto& w = tokens[at].text;
          const bool side = std::any_of(mentions.begin(), mentions.end(), [&](const mention& m) {
            return lex.data().sides.contains(m.concept_id) && m.begin <= at && at < m.end;
          });
          // "swollen left ankle", "swollen ankles and feet": joining words only continue a list of places.
          const bool joins = w == "and" || w == "or" || w == "&" || w == "," || lex.is_place_preposition(w);
          if (!(side || (joins && found_here) || w == "both" || w == "the" || lex.is_possessive(w))) return;
          if (forwards) ++at;
          else if (at == 0) return;
          else --at;
        }
      };
      look(sign.end, true);
      // Its subject: a place, then a verb of state (reading.state_verbs) and a few fillers, then the sign.
      // "the hip is hot like oven, red and swelled": the sign may end a list of signs after the verb,
      // each maybe likened to something.
      const auto in_a_sign = [&](std::size_t at) {
        return std::any_of(mentions.begin(), mentions.end(), [&](const mention& m) {
          return m.sentence == sign.sentence && m.begin <= at && at < m.end && m.end > m.begin && !is_place(m.concept_id);
        });
      };
      const auto in_a_likeness = [&](std::size_t at) {
        return tokens[at].text == "like" || (at >= 1 && tokens[at - 1].text == "like") ||
               (at >= 2 && tokens[at - 2].text == "like" && (tokens[at - 1].text == "a" || tokens[at - 1].text == "an"));
      };
      std::size_t k = sign.begin;
      bool verb = false, list = false;
      while (k > 0 && sign.begin - k < (list ? 12u : 5u)) {
        const auto& w = tokens[k - 1].text;
        const bool joins = w == "," || w == "and" || w == "or";
        if (lex.is_filler(w) || lex.is_state_verb(w)) verb = verb || lex.is_state_verb(w);
        else if (!verb && (joins || in_a_sign(k - 1) || in_a_likeness(k - 1))) list = true;
        else break;
        --k;
      }
      if (verb && k > 0) look(k - 1, false);
      return any_place && !ours;
    };
    for (int s = 0; s < sentences; ++s) {
      bool complete = true;
      mention_status status = mention_status::affirmed;
      std::string words;
      for (std::size_t g = 0; g < f.all_of.size(); ++g) {
        const auto& group = f.all_of[g];
        const bool place_group = lex.finding_group_names_a_place(first_group + g);
        const bool borrows_place = place_group && s > 0 && (!names_a_place[static_cast<std::size_t>(s)] || opens_with_it[static_cast<std::size_t>(s)]);
        const bool borrows_thing = s > 0 && refers_to_a_thing[static_cast<std::size_t>(s)] && lex.finding_group_names_a_thing(first_group + g);
        const bool borrows_sign = g == 0 && f.sign_told_before && s > 0 && says_it[static_cast<std::size_t>(s)];
        const mention* best = nullptr;
        for (const auto& fill : of_group(first_group + g)) {
          const auto& m = *fill.second;
          const bool in_reach =
              m.sentence == s || ((borrows_place || borrows_sign || (borrows_thing && is_thing(m.concept_id))) && m.sentence == s - 1);
          if (!in_reach || the_other(m)) continue;
          // A bound finding names its sign first, then the places it may be told of.
          if (told_of_another_place(m, group, g > 0)) continue;
          if (!place_group && told_with_another_place(m, group)) continue;
          if (best == nullptr || status_rank(m.status) > status_rank(best->status)) best = &m;
        }
        if (best == nullptr && s == 0 && g == 0 && sign_from_before) {
          words += "it (" + *sign_before + ", told before)";
          continue;
        }
        if (best == nullptr && s == 0 && place_group && first_refers_back &&
            std::find(group.begin(), group.end(), *place_before) != group.end()) {
          if (!words.empty()) words += " + ";
          words += "it (" + *place_before + ", told before)";
          continue;
        }
        if (best == nullptr) {
          complete = false;
          break;
        }
        if (status_rank(best->status) < status_rank(status)) status = best->status;
        if (!words.empty()) words += " + ";
        words += best->words;
      }
      if (!complete) continue;
      // "pins and needles yesterday but id been sat cross legged ... it went within a minute": an
      // explanation told as past still explains.
      const bool excluded = std::any_of(mentions.begin(), mentions.end(), [&](const mention& m) {
        return m.sentence == s && (m.status == mention_status::affirmed || m.status == mention_status::historical) &&
               std::find(f.none_of.begin(), f.none_of.end(), m.concept_id) != f.none_of.end();
      });
      if (excluded) continue;
      found.push_back(mention{f.id, status, s, words, 0, 0, {}});
    }
  }
  mentions.insert(mentions.end(), found.begin(), found.end());
}

// "walking totally normally": a sign told by its opposite rules out what it `denies`, as a negation of
// that fact would, so a question about it is not asked again. "no swelling, not red, not hot": a sign
// denied rules out what needs it (`denied_with`: a swollen calf), unless the message tells that too.
void add_denials(const lexicon& lex, std::vector<mention>& mentions) {
  std::vector<mention> denied;
  const auto told = [&](const std::string& fact) {
    return std::any_of(mentions.begin(), mentions.end(), [&](const mention& m) { return m.concept_id == fact && m.status == mention_status::affirmed; });
  };
  for (const auto& m : mentions) {
    if (m.status != mention_status::affirmed && m.status != mention_status::negated) continue;
    const int c = lex.concept_index(m.concept_id);
    if (c < 0) continue;
    const auto& def = lex.data().concepts[static_cast<std::size_t>(c)];
    if (m.status == mention_status::affirmed) {
      for (const auto& fact : def.denies)
        denied.push_back(mention{fact, mention_status::negated, m.sentence, m.words, m.begin, m.end, "ruled out by \"" + m.words + "\""});
    } else if (!told(m.concept_id)) {
      for (const auto& fact : def.denied_with)
        if (!told(fact))
          denied.push_back(mention{fact, mention_status::negated, m.sentence, m.words, m.begin, m.end, "denied with \"" + m.words + "\""});
    }
  }
  mentions.insert(mentions.end(), denied.begin(), denied.end());
}

plain_answer read_plain_answer(const std::vector<token>& tokens, const std::vector<phrase_match>& matches,
                               std::size_t word_count) {
  if (matches.empty() || matches.front().begin != 0) return plain_answer::none;
  const auto& first = matches.front();
  plain_answer kind = plain_answer::none;
  if (has_role(first, match_kind::answer_yes)) kind = plain_answer::yes;
  else if (has_role(first, match_kind::answer_no)) kind = plain_answer::no;
  else if (has_role(first, match_kind::answer_unsure)) kind = plain_answer::unsure;
  else return plain_answer::none;
  // The answer words are the whole message, or stand alone before a comma or full stop, or the
  // message is too short to say anything else ("yes it is").
  std::size_t words_in_answer = 0;
  for (std::size_t i = first.begin; i < first.end; ++i) if (tokens[i].kind != token_kind::punct) ++words_in_answer;
  const bool whole = words_in_answer == word_count;
  // "no fever" negates a sign; it is not a plain "no" to whatever was asked.
  if (matches.size() > 1 && matches[1].kind == match_kind::concept_phrase && matches[1].begin == first.end) return plain_answer::none;
  const bool then_punct = first.end < tokens.size() && tokens[first.end].kind == token_kind::punct;
  if (whole || then_punct || word_count <= 4) return kind;
  return plain_answer::none;
}

}  // namespace

bool analysis::has(std::string_view concept_id, mention_status status) const {
  return std::any_of(mentions.begin(), mentions.end(),
                     [&](const mention& m) { return m.concept_id == concept_id && m.status == status; });
}

bool analysis::mentions_concept(std::string_view concept_id) const {
  return std::any_of(mentions.begin(), mentions.end(), [&](const mention& m) { return m.concept_id == concept_id; });
}

namespace {

// "my dad", "our son", "me little girl", or a message that starts with "his"/"she": someone the
// person may be asking for.
// `writes_for`: whether the message says it is written for someone (reading.writes_for).
// The relation named at token k that could be the patient, longest first ("me old man", "mother in
// law"): not the writer ("mum here"), not someone who cannot be ("my late dad"), not the reader ("mate,").
std::optional<named_relation> patient_relation_at(const lexicon& lex, const std::vector<token>& tokens, std::size_t k) {
  auto named = lex.relation_named_at(tokens, k);
  if (!named || lex.names_the_writer(tokens, k, k + named->length) || lex.names_no_patient(tokens, k, k + named->length) ||
      lex.addresses_the_reader(tokens, k, k + named->length))
    return std::nullopt;
  // "my husband's grandmother" (the possessive is dropped in normalising, "wifes mum" is spelt without
  // it): a relation's relation is the one meant.
  std::size_t after = k + named->length;
  if (after < tokens.size() && tokens[after].text == "s") ++after;
  if (auto theirs = after < tokens.size() ? patient_relation_at(lex, tokens, after) : std::nullopt) {
    theirs->length += after - k;
    return theirs;
  }
  return named;
}

// "gentleman of 78 with AF ... he says it's numb": the person named last before the first "he" or "she",
// whom the pronoun speaks of ("another girl" is someone else); with no pronoun, the person named last
// ("carer here, got a lady with leg pain").
std::optional<std::string> named_before_pronoun(const lexicon& lex, const std::vector<token>& tokens) {
  std::optional<std::string> last;
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    if (lex.is_pronoun(tokens[k].text)) return last;
    const auto named = lex.relation_named_at(tokens, k);
    if (!named) continue;
    if (!(k > 0 && lex.marks_someone_else(tokens[k - 1].text)) && patient_relation_at(lex, tokens, k)) last = named->relation;
    k += named->length - 1;
  }
  return last;
}

std::optional<std::string> mentioned_relation(const lexicon& lex, const std::vector<token>& tokens, bool writes_for) {
  const auto patient_named_at = [&](std::size_t k) -> std::optional<std::string> {
    const auto named = patient_relation_at(lex, tokens, k);
    return named ? std::optional<std::string>(named->relation) : std::nullopt;
  };
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (!lex.opens_a_relation(tokens[i].text)) continue;
    // "... a day for years. Ma had her hip replaced": the relation follows in the same clause.
    // The opener may begin the relation itself ("my da", "me da").
    for (std::size_t k = i; k < tokens.size() && k <= i + 3 && tokens[k].sentence == tokens[i].sentence; ++k)
      if (auto named = patient_named_at(k)) return named;
  }
  // Told without "my", the relation must agree with the first "he" or "she", who speaks of the patient:
  // "Asking on behalf of my da, he's 58 ... Ma had her hip replaced" is not about Ma.
  const auto first_pronoun = std::find_if(tokens.begin(), tokens.end(), [&](const token& t) { return lex.is_pronoun(t.text); });
  const auto agreeing_named_at = [&](std::size_t k) -> std::optional<std::string> {
    auto named = patient_named_at(k);
    if (named && first_pronoun != tokens.end() && lex.differ_in_gender(*named, first_pronoun->text)) return std::nullopt;
    return named;
  };
  // "Nan's 84, ...", "Husband, sixty-eight, ...": a relation word that opens the message, or a sentence
  // of it ("RN at care home. Resident F 88yo unwitnessed fall").
  for (std::size_t k = 0; k < tokens.size(); ++k)
    if (k == 0 || tokens[k - 1].sentence != tokens[k].sentence)
      if (auto named = agreeing_named_at(k)) return named;
  if (!tokens.empty() && lex.is_pronoun(tokens[0].text)) return std::string("someone");
  // "Found Mum on the kitchen floor ... I'm her daughter": writing for someone, the relation word told
  // without "my" is the patient's, unless it names the writer.
  if (writes_for) {
    for (std::size_t k = 0; k < tokens.size(); ++k)
      if (auto named = agreeing_named_at(k)) return named;
    // "writing about the little one", "asking for a friend": the writer names no relation word yet.
    return std::string("someone");
  }
  return std::nullopt;
}

}  // namespace

analysis analyze(const lexicon& lex, std::string_view text, const analysis_options& options) {
  return analyze(lex, tokenize(normalize_text(text)), options);
}

analysis analyze(const lexicon& lex, const std::vector<token>& raw_tokens, const analysis_options& options) {
  auto first = analyze_once(lex, raw_tokens, options);
  if (options.patient_relation || first.patient_relation) return first;
  // A message that starts with "he"/"she" is about the patient, whoever the person typing is; so is one
  // that starts with a joining or filler word and then "he" ("now he cant lift his foot", "and she ...").
  const auto& t0 = first.tokens;
  const bool starts_with_pronoun =
      (!t0.empty() && lex.is_pronoun(t0[0].text)) ||
      (t0.size() > 1 && (lex.is_filler(t0[0].text) || lex.joins_clauses(t0[0].text)) && lex.is_pronoun(t0[1].text) &&
       t0[1].sentence == t0[0].sentence);
  const bool others = std::any_of(first.mentions.begin(), first.mentions.end(),
                                  [](const mention& m) { return m.status == mention_status::other_person; });
  // "Not for me, for my husband", "Hello is this the back pain one ... its for my husband": saying so
  // names the patient however the conversation began. Mid-conversation, with no one else's signs
  // told, the phrase must name the relation it is for ("asking about my back" names the writer's).
  const auto writes_for_phrase = lex.reads_writes_for(first.tokens);
  // "low back pain, my wife, going on 5 weeks": a relation set off on its own labels whom the message
  // is about.
  const auto set_off = [&](std::size_t k) {
    const auto& t = first.tokens;
    return k >= t.size() || (t[k].kind == token_kind::punct && t[k].text != "'");
  };
  bool labelled = false;
  for (std::size_t k = 1; k + 1 < first.tokens.size() && !labelled; ++k) {
    if (lex.is_first_person(first.tokens[k - 1].text)) break;  // "my back is sore, my wife, ...": the writer's
    if (first.tokens[k].text != "my" && first.tokens[k].text != "our") continue;
    const auto named = lex.relation_named_at(first.tokens, k + 1);
    labelled = named && first.tokens[k - 1].text == "," && set_off(k + 1 + named->length);
  }
  // "my little girl", "our eldest.", "the grandson": a message that is only a relation named with "my",
  // "our" or "the" (and up to two describing words) labels whom the conversation is about.
  const auto only_names_someone = [&] {
    const auto& t = first.tokens;
    std::size_t end = t.size();
    while (end > 0 && t[end - 1].kind == token_kind::punct) --end;
    if (end < 2 || end > 4 || (t[0].text != "my" && t[0].text != "our" && t[0].text != "the")) return false;
    for (std::size_t k = 1; k < end; ++k)
      if (const auto named = patient_relation_at(lex, t, k)) return k + named->length == end;
    return false;
  };
  labelled = labelled || only_names_someone();
  const bool writes_for = (writes_for_phrase.says &&
                           (options.infer_patient || starts_with_pronoun || others || writes_for_phrase.names_relation)) ||
                          (labelled && options.infer_patient);
  // "... if I move her toes she screams. She's 19": someone else's age told with their signs.
  const bool has_pronoun = std::any_of(first.tokens.begin(), first.tokens.end(), [&](const token& t) { return lex.is_pronoun(t.text); });
  const auto age_of_a_pronoun = [&] {
    const auto& t = first.tokens;
    const auto is_age = [&](std::size_t k) {
      return k < t.size() && t[k].kind == token_kind::number && static_cast<int>(t[k].value) == first.age->years;
    };
    for (std::size_t k = 0; k + 1 < t.size(); ++k)
      if (lex.is_pronoun(t[k].text) && (is_age(k + 1) || ((t[k + 1].text == "is" || t[k + 1].text == "s") && is_age(k + 2))))
        return true;
    return false;
  };
  const bool their_age = others && first.age && !first.age->relation && !first.age->implied && age_of_a_pronoun();
  // "6yo wont walk, cries when we touch her right hip": a young child's age told beside "her" or "him",
  // early on, is the age of the child the message is about; a child that young does not write.
  // "is it normal for a kid to scream if u just touch her leg" ... "shes 4": a message that is only a
  // pronoun and a young child's age names the patient even after a body part was told.
  const auto only_a_pronouns_age = [&] {
    const auto& t = first.tokens;
    std::size_t end = t.size();
    while (end > 0 && t[end - 1].kind == token_kind::punct) --end;
    return end >= 2 && end <= 3 && lex.is_pronoun(t[0].text) && t[end - 1].kind == token_kind::number &&
           (end == 2 || t[1].text == "is" || t[1].text == "s");
  };
  const bool young_child_told_of = (options.infer_patient || (!options.patient_relation && only_a_pronouns_age())) && first.age &&
                                   !first.age->relation && !first.age->implied && first.age->years < 12 && has_pronoun &&
                                   !lex.says_writer_is_patient(first.tokens);
  if (!options.infer_patient && !starts_with_pronoun && !their_age && !writes_for && !young_child_told_of) return first;
  // Only someone else's signs and nothing about the person's own pain: they are asking for that person.
  // The writer's own pain: a body region told in a sentence that speaks in the first person ("my hip
  // aches"), not one left without an owner ("does he still come in for the hip?").
  // A bare "I" beside "her" or "him" acting on their body ("I measured the calf and it's 2 cm more than
  // her left") or the "my" of "my wife's leg" is no pain of the writer's; "my back", "me", "I'm" are.
  auto first_person_sentence = [&](int sentence) {
    const auto& tokens = first.tokens;
    const bool about_them = std::any_of(tokens.begin(), tokens.end(),
                                        [&](const token& t) { return t.sentence == sentence && lex.is_pronoun(t.text); });
    for (std::size_t k = 0; k < tokens.size(); ++k) {
      if (tokens[k].sentence != sentence || (tokens[k].text == "i" && about_them) || !lex.is_first_person(tokens[k].text)) continue;
      if (k + 1 < tokens.size() && lex.is_relation(tokens[k + 1].text)) continue;
      return true;
    }
    return false;
  };
  // "Rower here (21). Lower back's been stiff ... my housemate's the one with fevers": where it hurts,
  // told before anyone else is named and with no one else's word in the sentence, is the writer's.
  int first_other_sentence = std::numeric_limits<int>::max();
  for (std::size_t k = 0; k < first.tokens.size(); ++k) {
    const auto& t = first.tokens[k];
    const bool two_word = k + 1 < first.tokens.size() && lex.is_relation(t.text + " " + first.tokens[k + 1].text);
    if (lex.is_pronoun(t.text) || lex.is_relation(t.text) || two_word) {
      first_other_sentence = t.sentence;
      break;
    }
  }
  // "(I've a grumpy back myself from years in the boat.)": pain told in brackets is an aside.
  const bracket_index brackets(first.tokens);
  // "my brother crashed his car last week and I have had back pain for 3 weeks": the writer's "I" a
  // few words before the body part, with no one else and no "the" between, tells the writer's own.
  const auto writer_tells_part = [&](std::size_t begin) {
    const auto& tokens = first.tokens;
    for (std::size_t k = begin, words = 0; k-- > 0 && words < 5; ++words) {
      const auto& w = tokens[k].text;
      if (tokens[k].kind == token_kind::punct || w == "the" || lex.names_a_person(w)) return false;
      if (lex.is_first_person(w)) return true;
    }
    return false;
  };
  bool own = std::any_of(first.mentions.begin(), first.mentions.end(), [&](const mention& m) {
    return m.status == mention_status::affirmed && lex.is_region(m.concept_id) &&
           m.begin < first.tokens.size() && !brackets.inside(m.begin) &&
           (first_person_sentence(m.sentence) || m.sentence < first_other_sentence || writer_tells_part(m.begin));
  });
  // Whoever writes "I'm messaging for my partner" is not the patient, whatever else they say of themselves,
  // unless they say the pain is their own: "My brother crashed his motorbike ... mine's just aching".
  // "I'm writing for my husband ... my own back's been rotten but that's not the point": only plain
  // words ("it's me I'm asking about") make them the patient then.
  // "I'm 45. no bone problems, it's my mum who's got osteoporosis": the writer who gives their own
  // age, and writes for no one, speaks of themself; the other person is family history.
  const auto writer_tells_age = [&] {
    const auto& t = first.tokens;
    if (!first.age || first.age->relation) return false;
    for (std::size_t k = 0; k < t.size(); ++k) {
      std::size_t q = t[k].text == "im" ? k + 1 : (t[k].text == "i" && k + 1 < t.size() && t[k + 1].text == "am") ? k + 2 : t.size();
      if (q < t.size() && t[q].kind == token_kind::number && static_cast<int>(t[q].value) == first.age->years) return true;
    }
    return false;
  };
  // "i cant breathe good ... i cough": a sign told with the writer as its subject, in a clause that
  // names no one else ("I had to carry her" does), is the writer's.
  const auto clause_names_someone = [&](std::size_t from) {
    for (std::size_t k = from; k < first.tokens.size() && first.tokens[k].kind != token_kind::punct; ++k)
      if (lex.names_a_person(first.tokens[k].text)) return true;
    return false;
  };
  const auto says_nothing = [&](const std::string& id) {
    const int c = lex.concept_index(id);
    return c >= 0 && lex.data().concepts[static_cast<std::size_t>(c)].says_nothing;
  };
  const bool writer_tells_sign = std::any_of(first.mentions.begin(), first.mentions.end(), [&](const mention& m) {
    return m.status == mention_status::affirmed && m.end > m.begin && !says_nothing(m.concept_id) &&
           lex.writer_is_subject(first.tokens, m.begin) && !clause_names_someone(m.begin);
  });
  const bool gives_own_age = writer_tells_age();
  if (writes_for || young_child_told_of) own = lex.says_writer_is_patient(first.tokens);
  else own = own || lex.says_writer_has_pain(first.tokens) || gives_own_age || writer_tells_sign;
  // "he's got this ripping pain ... I've a sore back myself but nothing like this": beside someone
  // else's signs, the writer's own pain told as a comparison leaves them the patient.
  // "I'm 55 ... a mate of mine lost control of his bladder ... but I've had nothing like that": the
  // writer who gives their own age compares someone else's signs with theirs; they stay the patient.
  if (own && others && lex.writer_only_compares(first.tokens) && !gives_own_age) own = false;
  // "she's roaring with the pain ... my own knee is killing me from kneeling beside her": an ache got
  // from tending someone whose signs are told is an aside.
  if (own && others && lex.writer_hurt_tending(first.tokens) && !lex.says_writer_is_patient(first.tokens)) own = false;
  // "Mum (she's 84) ... can't take any weight on that leg ... I've wrenched my own back trying to lift
  // her": the writer's own ache, marked as theirs ("my own", "myself"), beside a story told mostly of
  // someone else is an aside; saying so ("it's my own hip I'm asking about") keeps them the patient.
  // "my wife's sciatica ... her right foot has started slapping ... she's 47. i've got gout in my big
  // toe": someone else's age told with their story makes the story theirs when it is told more of them
  // than of the writer.
  const bool their_age_told = their_age && !gives_own_age;
  const bool marked_own = lex.marks_writer_own(first.tokens);
  if (own && others && (marked_own || their_age_told) && !lex.says_writer_is_patient(first.tokens)) {
    const auto told = [&](mention_status status) {
      return std::count_if(first.mentions.begin(), first.mentions.end(), [&](const mention& m) { return m.status == status; });
    };
    const auto weight = marked_own ? 2 : 1;
    if (told(mention_status::other_person) > weight * told(mention_status::affirmed)) own = false;
  }
  auto relation = mentioned_relation(lex, first.tokens, writes_for);
  if (!relation && starts_with_pronoun) relation = std::string("someone");
  // "his arm's just hanging there and his face has gone crooked": signs told only of "him", early on,
  // with nothing of the writer's own, are the patient's.
  // "gentleman of 78 with AF ... he says it's numb": "he" speaks of the person named before it.
  // "night carer here, got a lady with leg pain": so are signs told only of someone named, with no pronoun.
  if (!relation && (options.infer_patient || their_age) && others) {
    relation = named_before_pronoun(lex, first.tokens);
    if (!relation && has_pronoun) relation = std::string("someone");
  }
  if (!relation && young_child_told_of) relation = std::string("child");
  // "asking for my dad, he's 71. lower back pain about 3 weeks": writing for a named person makes
  // them the patient even before any sign is told as theirs.
  if (own || !relation || (!others && !young_child_told_of && !(relation != "someone" && writes_for))) return first;
  auto again = options;
  again.patient_relation = relation;
  auto second = analyze_once(lex, raw_tokens, again);
  // "My sister's clot last year was a different animal": someone named only with signs that are past,
  // denied or feared is family history, not the patient; saying one writes for them is enough.
  // "my old mans bein treated for myeloma n now im paranoid": so is someone named only with history
  // (an illness or a risk that counts even when past) while the writer speaks of themself; "My husband
  // had prostate cancer ... This back pain started a month back" tells of the husband.
  const bool writer_speaks = [&] {
    if (first.tokens.empty()) return false;
    for (int sentence = 0; sentence <= first.tokens.back().sentence; ++sentence)
      if (first_person_sentence(sentence)) return true;
    return false;
  }();
  const auto is_history = [&](const std::string& id) {
    const int c = lex.concept_index(id);
    return writer_speaks && c >= 0 && lex.data().concepts[static_cast<std::size_t>(c)].history;
  };
  const bool told_as_theirs_now = std::any_of(second.mentions.begin(), second.mentions.end(), [&](const mention& m) {
    return m.status == mention_status::affirmed && !is_history(m.concept_id) &&
           std::any_of(first.mentions.begin(), first.mentions.end(), [&](const mention& f) {
             return f.status == mention_status::other_person && f.concept_id == m.concept_id && f.begin == m.begin;
           });
  });
  if (!told_as_theirs_now && !writes_for && !young_child_told_of && !their_age && !starts_with_pronoun) return first;
  second.patient_relation = relation;
  return second;
}

analysis analyze_once(const lexicon& lex, std::string_view text, const analysis_options& options) {
  return analyze_once(lex, tokenize(normalize_text(text)), options);
}

analysis analyze_once(const lexicon& lex, const std::vector<token>& raw_tokens, const analysis_options& options) {
  analysis out;
  out.tokens = compose_numbers(lex, raw_tokens);
  // "my husbnd right calf": a typo is read as the word it stands for everywhere, in the grammar's
  // word lists (relations, pronouns, subjects) as in the phrases.
  const auto words = resolve_words(lex, out.tokens);
  out.corrections = words.corrections;
  const auto& tokens = out.tokens;
  for (const auto& t : tokens) if (t.kind != token_kind::punct) ++out.word_count;
  // A whole message that is an answer phrase ("that's right", "not really") is only that.
  {
    std::string joined;
    for (const auto& t : tokens) if (t.kind != token_kind::punct) joined += (joined.empty() ? "" : " ") + t.text;
    for (const auto& [kind, answer] : {std::pair{match_kind::answer_yes, plain_answer::yes},
                                       std::pair{match_kind::answer_no, plain_answer::no},
                                       std::pair{match_kind::answer_unsure, plain_answer::unsure}}) {
      const auto it = lex.data().triggers.find(kind);
      if (it != lex.data().triggers.end() && std::find(it->second.begin(), it->second.end(), joined) != it->second.end()) {
        out.answer = answer;
        return out;
      }
    }
  }
  out.age = find_age(lex, tokens, !options.patient_relation);
  // "I'm limping after carrying my toddler": an age implied by a word for a person counts only when
  // that person is the patient.
  if (out.age && out.age->implied && out.age->relation && out.age->relation != options.patient_relation) out.age.reset();

  context_options ctx;
  ctx.patient_relation = options.patient_relation;
  if (out.age && out.age->relation) {
    ctx.patient_relation = out.age->relation;
    out.patient_relation = out.age->relation;
  }

  auto matched = match_phrases(lex, tokens, words);
  std::vector<std::string> why;
  std::vector<match_notes> notes;
  const auto statuses = detect_context(lex, tokens, matched.matches, ctx, options.explain ? &why : nullptr, &notes);
  int sentences = tokens.empty() ? 0 : tokens.back().sentence + 1;
  for (std::size_t i = 0; i < matched.matches.size(); ++i) {
    const auto& m = matched.matches[i];
    if (m.kind != match_kind::concept_phrase) continue;
    for (int c : m.concepts) {
      const auto& def = lex.data().concepts[static_cast<std::size_t>(c)];
      // "I'm anxious" writing for someone: the writer's crisis word counts, their worry is no worry of the patient's.
      const bool writers_only = notes[i].writers_own && !def.writer_too;
      // "his mouth has dropped", "hit me like a truck": what only the event concepts of the match told.
      const char* untold_because = notes[i].no_event && def.event                        ? "no event: a body part is its subject"
                                   : notes[i].in_comparison && def.not_in_comparison ? "a comparison, not an event"
                                   : notes[i].unowned && def.needs_owner              ? "a name told of no one: a topic"
                                                                                     : nullptr;
      if (statuses[i] != mention_status::affirmed) untold_because = nullptr;
      const auto status = untold_because ? mention_status::hypothetical : statuses[i];
      out.mentions.push_back(mention{def.id, writers_only ? mention_status::other_person : status, m.sentence,
                                     token_text(tokens, m.begin, m.end), m.begin, m.end,
                                     why.empty()      ? std::string()
                                     : writers_only   ? "someone else's: the writer's own"
                                     : untold_because ? untold_because
                                                      : why[i]});
      // "a hernia op years ago": the operation counts, and is told as long ago.
      if (notes[i].dated_long_ago && !writers_only && !def.long_ago.empty())
        out.mentions.push_back(mention{def.long_ago, mention_status::affirmed, m.sentence, token_text(tokens, m.begin, m.end),
                                       m.begin, m.end, why.empty() ? std::string() : "dated long ago: " + def.id});
    }
  }
  out.temperature_c = find_temperature(lex, tokens);
  const auto reading_words = [&] { return std::to_string(*out.temperature_c).substr(0, 4) + " degrees"; };
  if (out.temperature_c && *out.temperature_c >= lex.data().fever_threshold_c && !lex.data().fever_concept.empty()) {
    out.mentions.push_back(mention{lex.data().fever_concept, mention_status::affirmed, 0, reading_words(), 0, 0, {}});
  }
  if (out.temperature_c && *out.temperature_c < lex.data().fever_threshold_c && !lex.data().fever_concept.empty()) {
    // "temp 36.8": the word "temperature" here reports a normal reading, not a fever; a normal reading
    // with no fever word ("checked with the thermometer and it's 36.7") denies one.
    bool told = false;
    for (auto& m : out.mentions)
      if (m.concept_id == lex.data().fever_concept) {
        told = true;
        if (m.status == mention_status::affirmed) m.status = mention_status::negated;
      }
    if (!told) out.mentions.push_back(mention{lex.data().fever_concept, mention_status::negated, 0, reading_words(), 0, 0, {}});
  }
  // "I catch a cold with fever, but it finish before the gardening, no fever since": a sign denied
  // since then was over before; where the same message told it as had, that was the past.
  for (const auto& denied : out.mentions) {
    if (denied.status != mention_status::negated || denied.end == 0 || denied.end >= tokens.size() || tokens[denied.end].text != "since")
      continue;
    for (auto& m : out.mentions)
      if (m.concept_id == denied.concept_id && m.status == mention_status::affirmed && m.end <= denied.begin)
        m.status = mention_status::historical;
  }
  out.duration = find_duration(lex, tokens, matched, statuses, options.today_weekday, options.today_month);
  date_events(lex, tokens, out.mentions, options.today_month,
              out.duration ? std::optional<int>(out.duration->days) : std::nullopt, options.explain);
  add_findings(lex, tokens, out.mentions, sentences, options.place_before, options.sign_before);
  add_denials(lex, out.mentions);

  const auto told_scores = told_pain_scores(lex, tokens, matched);
  out.pain_score = find_pain_score(lex, tokens, told_scores, options.expecting_pain_score);

  const auto& data = lex.data();
  bool in_scope_part = false;
  bool out_of_scope_part = false;
  // Where it hurts: the first body part named next to a pain word ("my legs felt heavy ..., but my
  // lower back is sore" -> lower back), else the first body part named at all.
  // Each affirmed mention's trend and whether it is a pain word, looked up once rather than for every
  // pair of a part and a mention below.
  const auto& mentions = out.mentions;
  std::vector<const std::string*> trend_told(mentions.size(), nullptr);
  std::vector<bool> pain_told(mentions.size(), false);
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    if (mentions[i].status != mention_status::affirmed) continue;
    trend_told[i] = lex.trend_of(mentions[i].concept_id);
    pain_told[i] = lex.is_pain_word(mentions[i].concept_id);
  }
  // "my low back has become much more painful": getting worse tells of pain too.
  const auto is_trend = [&](std::size_t i, std::string_view trend) { return trend_told[i] && *trend_told[i] == trend; };
  const mention* any_part = nullptr;
  const mention* first_part = nullptr;  // the first part not told as easing
  const mention* painful_part = nullptr;
  std::vector<const mention*> eased;  // trend words that tell of a part that is not where it hurts now
  for (const auto& m : mentions) {
    if (m.status != mention_status::affirmed || !lex.is_region(m.concept_id)) continue;
    if (!any_part) any_part = &m;
    auto near = [&](const mention& p) {
      if (p.sentence != m.sentence || p.end == 0) return false;
      const std::size_t gap = p.begin >= m.end ? p.begin - m.end : (m.begin >= p.end ? m.begin - p.end : 0);
      return gap <= 5;
    };
    // "The leg pain has eased off, but her low back has become much more painful": a part whose pain
    // is told as easing is not where it hurts now.
    bool easing = false;
    for (std::size_t i = 0; i < mentions.size(); ++i) {
      const auto& p = mentions[i];
      if (!is_trend(i, "better") || !near(p)) continue;
      const std::size_t from = std::min(p.end, m.end), to = std::max(p.begin, m.begin);
      if (std::any_of(tokens.begin() + static_cast<std::ptrdiff_t>(from), tokens.begin() + static_cast<std::ptrdiff_t>(to),
                      [](const token& x) { return x.text == "," || x.text == "but"; }))
        continue;
      easing = true;
      eased.push_back(&p);
    }
    if (!first_part && !easing) first_part = &m;
    bool near_pain = false;
    for (std::size_t i = 0; i < mentions.size() && !easing && !near_pain; ++i)
      near_pain = (pain_told[i] || is_trend(i, "worse")) && near(mentions[i]);
    if (near_pain && !painful_part) painful_part = &m;
  }
  if (const auto* part = painful_part ? painful_part : first_part ? first_part : any_part) {
    out.region = *lex.region_of(part->concept_id);
    // Or the only part of its sentence, told in it with a pain word ("a deep pain bang in the middle
    // of my low back").
    const auto same_sentence = [&](const mention& m) { return m.sentence == part->sentence; };
    const bool only_part = std::none_of(mentions.begin(), mentions.end(), [&](const mention& m) {
      return &m != part && same_sentence(m) && m.status == mention_status::affirmed && lex.is_region(m.concept_id) &&
             *lex.region_of(m.concept_id) != out.region;
    });
    bool pain_in_sentence = false, travelling = false;
    for (const auto& m : mentions) {
      if (m.status != mention_status::affirmed || !same_sentence(m)) continue;
      pain_in_sentence = pain_in_sentence || lex.is_pain_word(m.concept_id);
      travelling = travelling || lex.is_travelling_pain_word(m.concept_id);
    }
    // Pain that "shoots down my left leg" may start elsewhere: it says where it reaches, not where it is.
    out.region_by_pain = !travelling && (part == painful_part || (only_part && pain_in_sentence));
  }
  for (const auto& m : out.mentions) {
    // "it hasn't eased at all": a better trend denied is no change.
    if (m.status == mention_status::negated)
      if (const auto* t = lex.trend_of(m.concept_id); t && *t == "better") out.trend = "same";
    if (m.status != mention_status::affirmed) continue;
    if (lex.is_region(m.concept_id)) {
      in_scope_part = true;
      out.last_place = m.concept_id;
    }
    if (std::find(data.out_of_scope_parts.begin(), data.out_of_scope_parts.end(), m.concept_id) != data.out_of_scope_parts.end())
      out_of_scope_part = true;
    if (auto sd = data.sides.find(m.concept_id); sd != data.sides.end() && !out.side) out.side = sd->second;
    // The trend of where it hurts, not of a part told as easing beside it.
    const bool of_another_part = painful_part && std::find(eased.begin(), eased.end(), &m) != eased.end();
    if (const auto* t = lex.trend_of(m.concept_id); t && !of_another_part) out.trend = *t;
  }
  out.out_of_scope_only = out_of_scope_part && !in_scope_part;
  if (!out.trend) out.trend = trend_from_scores(told_scores);
  // The sign the last sentence told that the next message may go on about ("... numbness in my leg" then
  // "now it's spread up my shin"). "Numb patch on my thigh a few weeks back. Didn't bother me.": a last
  // sentence that tells nothing (no sign, no place) leaves the sentence before it the last told.
  int last_told = -1;
  for (const auto& m : out.mentions)
    if (m.status == mention_status::affirmed && m.end > 0 && m.sentence > last_told) last_told = m.sentence;
  for (const auto& m : out.mentions)
    if (m.status == mention_status::affirmed && m.sentence == last_told && m.end > 0 && lex.is_lendable_sign(m.concept_id))
      out.last_sign = m.concept_id;
  out.answer = read_plain_answer(tokens, matched.matches, out.word_count);
  if (tokens.size() == 1 && tokens[0].kind == token_kind::number) out.bare_number = tokens[0].value;
  return out;
}

}  // namespace triagebot::nlu
