#include "nlu/context_detector.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

#include "nlu/bracket_index.hpp"

namespace triagebot::nlu {
namespace {

// Whether `word` is one of a fixed list of grammar words.
template <typename Words>
bool listed(const Words& words, std::string_view word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

// Whether a concept match names a body part (a region's concept).
bool names_a_region(const lexicon& lex, const phrase_match& m) {
  return std::any_of(m.concepts.begin(), m.concepts.end(),
                     [&](int c) { return lex.is_region(lex.data().concepts[static_cast<std::size_t>(c)].id); });
}

std::string match_text(const std::vector<token>& tokens, const phrase_match& m) {
  std::string s;
  for (std::size_t i = m.begin; i < m.end; ++i) {
    if (!s.empty()) s += ' ';
    s += tokens[i].text;
  }
  return s;
}

// "no fever and my leg is numb", "no pain, it is swollen": a comma or "and" followed by a new
// subject starts a clause the negation does not reach.
// A comma also ends it unless it separates a list of what is negated ("no fever, chills or
// sweats"): a list has "or", "nor" or "and" after the comma, or goes on after the sign.
bool new_clause_between(const std::vector<token>& tokens, std::size_t from, std::size_t to, std::size_t mention_end) {
  // "not the calf, that's swollen": "that" opening a clause is its subject too.
  // "no running in months, and the two calves have been in bits": "the" opens a new subject too.
  static const std::array<std::string_view, 22> subjects{"i",  "im",  "ive", "my",     "it", "its", "me",  "now",    "there", "theres", "he",
                                                         "hes", "she", "shes", "they", "theyre", "we", "youre", "that", "thats", "which", "the"};
  auto is_list_word = [](const std::string& w) { return w == "or" || w == "nor" || w == "and"; };
  for (std::size_t k = from; k < to && k + 1 < tokens.size(); ++k) {
    // "this isn't hip related - my dad's face has dropped": a dash between words starts a new clause.
    if (tokens[k].text == "-" && k > 0 && tokens[k - 1].kind == token_kind::word) return true;
    // "(no car involved), helmet's cracked": a negation inside brackets stays inside them.
    if (tokens[k].text == ")") return true;
    if (tokens[k].text != "," && tokens[k].text != "and") continue;
    if (std::find(subjects.begin(), subjects.end(), tokens[k + 1].text) != subjects.end()) return true;
    if (tokens[k].text != ",") continue;
    bool list = mention_end < tokens.size() && (is_list_word(tokens[mention_end].text) || tokens[mention_end].text == ",");
    for (std::size_t j = k + 1; j < to && !list; ++j) list = is_list_word(tokens[j].text);
    if (!list) return true;
  }
  return false;
}

// Whether the clause holding the sign says it with a verb before it ("my leg *is* numb").
bool state_told_before(const std::vector<token>& tokens, std::size_t sign_begin) {
  static const std::array<std::string_view, 10> verbs{"is", "are", "was", "were", "feels", "looks", "seems", "im", "its", "been"};
  for (std::size_t k = sign_begin; k-- > 0;) {
    if (tokens[k].kind == token_kind::punct) return false;
    if (std::find(verbs.begin(), verbs.end(), tokens[k].text) != verbs.end()) return true;
  }
  return false;
}

// "slurry, she was fine at lunch": a comma and a new subject (or a complete clause before the comma)
// start a clause that a post-negation trigger after it does not reach back from.
bool new_subject_between(const lexicon& lex, const std::vector<token>& tokens, std::size_t sign_begin, std::size_t from,
                         std::size_t to) {
  static const std::array<std::string_view, 12> subjects{"i", "im", "ive", "it", "its", "we", "they", "theyre",
                                                         "left", "right", "other", "the"};
  // "his hip is sore, temperature is normal": a clause with its own verb before the comma is complete,
  // so the "is normal" of the next one answers only the temperature.
  static const std::array<std::string_view, 10> verbs{"is", "are", "was", "were", "feels", "looks", "seems", "hurts", "aches", "says"};
  bool verb_before = false;
  for (std::size_t k = from; k + 1 < to && k + 1 < tokens.size(); ++k) {
    if (std::find(verbs.begin(), verbs.end(), tokens[k].text) != verbs.end()) verb_before = true;
    if (tokens[k].text != ",") continue;
    // ", and I've had normal feeling since": a joining word may come before the new subject.
    const bool joins = (tokens[k + 1].text == "and" || tokens[k + 1].text == "but" || tokens[k + 1].text == "so") && k + 2 < to;
    const auto& next = tokens[joins ? k + 2 : k + 1].text;
    // "took his temperature twice, it's normal": "it" right before the answer refers back to the sign,
    // unless the sign was told as a state ("my leg is numb, it's fine when I sit").
    const bool refers_back = (next == "it" || next == "its") && to <= k + 3;
    if (refers_back && !verb_before && !state_told_before(tokens, sign_begin)) continue;
    if (verb_before || lex.is_pronoun(next) || std::find(subjects.begin(), subjects.end(), next) != subjects.end()) return true;
  }
  return false;
}

// Words that refer back to what the clause before told ("..., but that's long gone", "but it was after a
// fall"); the contracted ones ("thats", "its", "theyre", "theyve") carry their verb.
constexpr std::array<std::string_view, 9> kBackReference{"that", "thats", "it", "its", "which", "this", "they", "theyre", "theyve"};
constexpr std::array<std::string_view, 4> kBackReferenceWithVerb{"thats", "its", "theyre", "theyve"};

// The words that open a question someone asked ("asked if", "asked me all the usual questions").
constexpr std::array<std::string_view, 4> kAskingWords{"asked", "asks", "asking", "ask"};

bool is_subject_pronoun(std::string_view word) {
  static constexpr std::array<std::string_view, 5> subjects{"he", "she", "i", "they", "we"};
  return listed(subjects, word);
}

// Whether a negative word stands among the words before `at` in its clause: at most six before
// "without" ("cant bend it even a lil without screaming"), at most two words between for any other
// ("cant feel nothing", "cant really feel nothing"; but "cant get my breath no surgery" is a sign, then
// a new denial).
bool repeats_a_negation(const lexicon& lex, const std::vector<token>& tokens, std::size_t at) {
  const std::size_t reach = tokens[at].text == "without" ? 6 : 3;
  for (std::size_t k = at, n = 0; k-- > 0 && n < reach; ++n) {
    if (tokens[k].kind == token_kind::punct || tokens[k].text == "and" || tokens[k].text == "but") return false;
    // "lying there not himself he hasnt fallen": a subject between the two opens a clause of its own.
    if (is_subject_pronoun(tokens[k].text)) return false;
    // "no i dont have a fever": a "no" that opens its sentence answers; it does not deny the denial.
    const bool opens_sentence = k == 0 || tokens[k - 1].sentence != tokens[k].sentence;
    if (opens_sentence && lex.is_answer_no(tokens[k].text)) return false;
    // "i dont know no fever": a negative word spent on knowing repeats nothing.
    if (lex.is_negation_word(tokens[k].text)) return !lex.negates_knowing_at(tokens, k);
  }
  return false;
}

// "it's been normal", "it was fine": "it" (or "it" and a verb) right before an answer word.
bool refers_back_with_it(const std::vector<token>& tokens, std::size_t answer_begin) {
  static const std::array<std::string_view, 6> verbs{"been", "was", "is", "stayed", "stays", "s"};
  std::size_t k = answer_begin;
  if (k > 0 && std::find(verbs.begin(), verbs.end(), tokens[k - 1].text) != verbs.end()) --k;
  return k > 0 && (tokens[k - 1].text == "it" || tokens[k - 1].text == "its");
}

// A time in the past ("years ago") or a resolution ("went away", "all clear").
bool tells_past(const phrase_match& t) { return has_role(t, match_kind::past) || has_role(t, match_kind::resolved); }

// ":" and "-" set an answer off from the sign it answers ("fever: no", "numbness - none").
bool set_off(const token& t) { return t.kind == token_kind::punct && (t.text == ":" || t.text == "-"); }

// "a disc bulge at L5 (MRI last year) and it's flared up - sciatica for 3 weeks now": what is said in
// brackets is an aside; its dates and worries stay inside it. A sign in brackets after a trigger ("the
// checklist (numbness, leaks)") spells out what the trigger is about, and the trigger reaches it
// (bracket_index::aside).

// Whether the sign at `begin` sits in brackets that open with the writer speaking ("(I had a kidney
// infection last month ...", "(my own back's been bad too ...") and name no one else before it.
// "my mums back ... mum had breast cancer": a relation word and its possessive or plural name one person.
bool same_relation_word(std::string_view a, std::string_view b) {
  const auto plus_s = [](std::string_view word, std::string_view with_s) {
    return with_s.size() == word.size() + 1 && with_s.starts_with(word) && with_s.back() == 's';
  };
  return a == b || plus_s(a, b) || plus_s(b, a);
}

bool writer_aside(const lexicon& lex, const std::vector<token>& tokens, const bracket_index& brackets, std::size_t begin) {
  const auto open = brackets.opening(begin);
  if (!open || *open + 1 >= tokens.size() || !lex.is_first_person(tokens[*open + 1].text)) return false;
  // "(my back is now very sore from this)": the first-person word may open the sign itself.
  for (std::size_t k = *open + 1; k < begin; ++k)
    if (lex.names_a_person(tokens[k].text)) return false;
  return true;
}

// "numb bits: nil": the words between the sign and the ":" or "-" before the answer are one field
// name, and the answer negates every sign in it.
bool set_off_answer(const std::vector<token>& tokens, std::size_t sign_end, std::size_t answer_begin) {
  if (answer_begin == 0 || answer_begin <= sign_end || !set_off(tokens[answer_begin - 1])) return false;
  for (std::size_t k = sign_end; k + 1 < answer_begin; ++k)
    if (tokens[k].kind == token_kind::punct && tokens[k].text != "/") return false;
  return answer_begin - sign_end <= 4;
}

// "Do I need to worry about chest pain? I don't have any.", "watch out for numbness down below. I
// don't have either": a short denial whose own clause names nothing answers the sentence before it,
// and denies what that sentence told or asked about (not someone else's signs). When the person writes
// for someone, the patient may be the one denying ("she doesn't have any").
void deny_back(const lexicon& lex, const std::vector<token>& tokens, const std::vector<phrase_match>& matches,
               const context_options& options, std::vector<mention_status>& out, std::vector<std::string>* why) {
  const auto names_the_patient = [&](std::string_view word) {
    return lex.is_first_person(word) ||
           (options.patient_relation && (lex.is_pronoun(word) || same_relation_word(word, *options.patient_relation)));
  };
  for (std::size_t j = 0; j < matches.size(); ++j) {
    const auto& t = matches[j];
    if (t.kind == match_kind::concept_phrase || !has_role(t, match_kind::pre_negation) || t.sentence == 0) continue;
    // At most two words before the trigger in its sentence ("I", "but I"), and the person or the patient
    // speaks ("I dont have any", "she hasnt"): "Probably nothing?" is a hedge, not a denial.
    std::size_t before = 0;
    bool patient_speaks = false;
    for (std::size_t k = t.begin; k-- > 0 && tokens[k].sentence == t.sentence;) {
      before += tokens[k].kind == token_kind::word;
      patient_speaks = patient_speaks || names_the_patient(tokens[k].text);
    }
    for (std::size_t k = t.begin; k < t.end; ++k) patient_speaks = patient_speaks || names_the_patient(tokens[k].text);
    // "Bumps or falls? None that any of us saw.": the writer asks themself a short question and answers it.
    std::size_t question_words = 0;
    bool short_question = t.begin > 0 && tokens[t.begin - 1].text == "?" && before == 0;
    for (std::size_t k = t.begin - 1; short_question && k-- > 0 && tokens[k].sentence == t.sentence - 1;)
      question_words += tokens[k].kind == token_kind::word;
    short_question = short_question && question_words <= 4;
    // "My friend asked me straight out whether I'd want to end it all. God no, nothing like that": a
    // denial opening the sentence after someone's question answers it, whoever is said to speak.
    const bool answers_a_question = before <= 2 && std::any_of(matches.begin(), matches.begin() + static_cast<std::ptrdiff_t>(j), [&](const phrase_match& h) {
      return h.sentence == t.sentence - 1 && h.kind != match_kind::concept_phrase && has_role(h, match_kind::hypothetical) &&
             listed(kAskingWords, tokens[h.begin].text);
    });
    if (!short_question && !answers_a_question && (before > 2 || !patient_speaks)) continue;
    // Nothing named in the trigger's clause, and at most four words in it after the trigger.
    std::size_t after = 0;
    bool names_something = false;
    bool only_back_words = true;
    for (std::size_t k = t.end; k < tokens.size() && tokens[k].sentence == t.sentence && tokens[k].kind != token_kind::punct; ++k) {
      ++after;
      only_back_words = only_back_words && lex.is_denial_back_word(tokens[k].text);
    }
    const std::size_t clause_end = t.end + after;
    for (std::size_t m = j + 1; m < matches.size() && matches[m].begin < clause_end; ++m)
      names_something = names_something || matches[m].kind == match_kind::concept_phrase;
    // A bare "No." is an answer to the bot, not to the sentence before it.
    if (names_something || (!short_question && (!only_back_words || after > 4)) || (before == 0 && after == 0 && t.end - t.begin == 1 && !short_question))
      continue;
    for (std::size_t m = 0; m < j; ++m) {
      if (matches[m].kind != match_kind::concept_phrase || matches[m].sentence != t.sentence - 1) continue;
      if (out[m] != mention_status::affirmed && out[m] != mention_status::hypothetical) continue;
      // Where it hurts, and that it hurts, are not what the denial answers ("chest pain with a bad back?
      // I don't have any").
      const bool place_or_pain = names_a_region(lex, matches[m]) || std::any_of(matches[m].concepts.begin(), matches[m].concepts.end(), [&](int c) {
        return lex.is_pain_word(lex.data().concepts[static_cast<std::size_t>(c)].id);
      });
      if (place_or_pain) continue;
      out[m] = mention_status::negated;
      if (why) (*why)[m] = "negated by \"" + match_text(tokens, t) + "\" in the next sentence, answering this one";
    }
  }
}

// "coach asked if he took a hard hit, he didnt", "the nurse asked him about thoughts of harming himself:
// he said no", "the nurse asked had I fallen I haven't": a question someone asked, answered by the patient
// or the writer with a bare denial later in the same sentence, denies what it asked about.
void deny_asked(const lexicon& lex, const std::vector<token>& tokens, const std::vector<phrase_match>& matches,
                std::vector<mention_status>& out, std::vector<std::string>* why) {
  static constexpr std::array<std::string_view, 6> answering{"said", "says", "answered", "replied", "told", "goes"};
  constexpr std::size_t kAnswerWords = 4;  // "he said no", "i havent", "she said no nothing like that"
  for (std::size_t j = 0; j < matches.size(); ++j) {
    const auto& t = matches[j];
    if (t.kind == match_kind::concept_phrase || !has_role(t, match_kind::hypothetical) || !listed(kAskingWords, tokens[t.begin].text)) continue;
    // The answer: a subject, perhaps a verb of saying, then a denial, within the sentence after what was asked.
    std::size_t answer = tokens.size();
    for (std::size_t q = t.end + 1; q + 1 < tokens.size() && tokens[q].sentence == t.sentence; ++q) {
      if (!is_subject_pronoun(tokens[q].text)) continue;
      std::size_t d = q + 1;
      if (listed(answering, tokens[d].text)) ++d;
      if (d < tokens.size() && tokens[d].sentence == t.sentence && lex.is_negation_word(tokens[d].text)) {
        answer = q;
        break;
      }
    }
    if (answer == tokens.size()) continue;
    // The denial's clause names nothing of its own: "he said no, nothing like that", "i havent and ...",
    // not "she said no pain but ..." or "he said he doesnt feel his feet".
    std::size_t clause_end = answer;
    while (clause_end < tokens.size() && tokens[clause_end].sentence == t.sentence && tokens[clause_end].kind != token_kind::punct &&
           tokens[clause_end].text != "and" && tokens[clause_end].text != "but")
      ++clause_end;
    const bool names_something = std::any_of(matches.begin(), matches.end(), [&](const phrase_match& m) {
      return m.kind == match_kind::concept_phrase && m.begin >= answer && m.begin < clause_end;
    });
    // "... and I said no to the lot": after the denial, words that only refer back to what was asked.
    std::size_t denial = answer + 1;
    while (denial < clause_end && !lex.is_negation_word(tokens[denial].text)) ++denial;
    bool only_back_words = true;
    for (std::size_t q = denial + 1; q < clause_end; ++q) only_back_words = only_back_words && lex.is_denial_back_word(tokens[q].text);
    if (names_something || (clause_end - answer > kAnswerWords && !only_back_words)) continue;
    for (std::size_t m = j + 1; m < matches.size() && matches[m].begin < answer; ++m) {
      if (matches[m].kind != match_kind::concept_phrase || out[m] == mention_status::other_person) continue;
      // Where it hurts is not what the answer denies ("asked if her hip hurt on the stairs, she said no").
      if (names_a_region(lex, matches[m])) continue;
      out[m] = mention_status::negated;
      if (why) (*why)[m] = "negated: asked about, then denied by \"" + token_text(tokens, answer, clause_end) + "\"";
    }
  }
}

// "Yesterday both thighs felt heavy and wobbly on the stairs; that has passed today": a sentence that
// opens by referring back ("that", "it", "which") and says it is over, naming nothing before saying so,
// tells that the signs of the sentence before are past. Where it hurts, and that it hurts, stay told.
void resolve_back(const lexicon& lex, const std::vector<token>& tokens, const std::vector<phrase_match>& matches,
                  std::vector<mention_status>& out, std::vector<std::string>* why) {
  static const std::array<std::string_view, 10> refers_back{"that", "thats", "it", "its", "this", "which", "they", "theyve", "both", "but"};
  const auto is_back_word = [&](std::size_t k) { return std::find(refers_back.begin(), refers_back.end(), tokens[k].text) != refers_back.end(); };
  for (std::size_t j = 0; j < matches.size(); ++j) {
    const auto& t = matches[j];
    if (!has_role(t, match_kind::resolved) || t.sentence == 0) continue;
    // The words before the trigger in its sentence, or the trigger's own first word ("that has passed").
    std::size_t before = 0;
    bool only_back_words = true;
    for (std::size_t k = t.begin; k-- > 0 && tokens[k].sentence == t.sentence;) {
      ++before;
      only_back_words = only_back_words && is_back_word(k);
    }
    if (before > 2 || !only_back_words || (before == 0 && !is_back_word(t.begin))) continue;
    for (std::size_t m = 0; m < j; ++m) {
      if (matches[m].kind != match_kind::concept_phrase || matches[m].sentence != t.sentence - 1 || out[m] != mention_status::affirmed)
        continue;
      const bool stays = std::any_of(matches[m].concepts.begin(), matches[m].concepts.end(), [&](int c) {
        const auto& def = lex.data().concepts[static_cast<std::size_t>(c)];
        return def.history || lex.is_region(def.id) || lex.is_pain_word(def.id);
      });
      if (stays) continue;
      out[m] = mention_status::historical;
      if (why) (*why)[m] = "past: \"" + match_text(tokens, t) + "\" in the next sentence, referring back";
    }
  }
}

// "he had a bug with a fever last week but no temp now": a sign denied and dated now (reading.now_words
// right after the denial) makes an earlier telling of the same sign in the message past.
void deny_now(const lexicon& lex, const std::vector<token>& tokens, const std::vector<phrase_match>& matches,
              std::vector<mention_status>& out, std::vector<std::string>* why) {
  constexpr std::size_t kReach = 2;  // "no temp now", "no temp at all now"
  for (std::size_t k = 0; k < matches.size(); ++k) {
    const auto& denial = matches[k];
    if (denial.kind != match_kind::concept_phrase || out[k] != mention_status::negated) continue;
    bool dated_now = false;
    for (std::size_t q = denial.end; q < tokens.size() && q <= denial.end + kReach && tokens[q].sentence == denial.sentence && !dated_now; ++q)
      dated_now = lex.tells_now_at(tokens, q);
    if (!dated_now) continue;
    for (std::size_t m = 0; m < k; ++m) {
      if (matches[m].kind != match_kind::concept_phrase || out[m] != mention_status::affirmed) continue;
      const bool same_sign = std::any_of(matches[m].concepts.begin(), matches[m].concepts.end(), [&](int c) {
        return std::find(denial.concepts.begin(), denial.concepts.end(), c) != denial.concepts.end();
      });
      if (!same_sign) continue;
      // "a fever last night and no fever today": a telling dated recently still counts.
      const bool dated_recently = std::any_of(matches.begin() + static_cast<std::ptrdiff_t>(m + 1), matches.begin() + static_cast<std::ptrdiff_t>(k),
                                              [&](const phrase_match& t) { return has_role(t, match_kind::current); });
      if (dated_recently) continue;
      out[m] = mention_status::historical;
      if (why) (*why)[m] = "past: denied now by \"" + match_text(tokens, denial) + "\" after it";
    }
  }
}

// "She did not hit her head. Well. I cannot be sure.": a short sentence of doubt (reading.doubt_back)
// that names nothing, right after a denial (a sentence of a word or two, "Well.", may stand between),
// takes the denial back: what was denied is uncertain, as a feared sign is, so its confirming question
// is asked.
void doubt_back(const lexicon& lex, const std::vector<token>& tokens, const std::vector<phrase_match>& matches,
                std::vector<mention_status>& out, std::vector<std::string>* why) {
  constexpr std::size_t kLead = 3;       // "but honestly I cannot be sure"
  constexpr std::size_t kMaxWords = 8;   // a sentence of doubt, not a new story
  // Nearly every message has no sentence opening with doubt: settle that before counting anything.
  const auto opens_with_doubt = [&] {
    for (std::size_t k = 0, n = 0; k < tokens.size(); ++k) {
      n = (k > 0 && tokens[k].sentence == tokens[k - 1].sentence) ? n + 1 : 0;
      if (tokens[k].sentence > 0 && n < kLead && lex.doubts_at(tokens, k)) return true;
    }
    return false;
  };
  if (tokens.empty() || !opens_with_doubt()) return;
  const int sentences = tokens.back().sentence + 1;
  std::vector<std::size_t> words(static_cast<std::size_t>(sentences), 0), first(static_cast<std::size_t>(sentences), tokens.size());
  std::vector<bool> names(static_cast<std::size_t>(sentences), false);
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    const auto s = static_cast<std::size_t>(tokens[k].sentence);
    if (tokens[k].kind == token_kind::word) ++words[s];
    first[s] = std::min(first[s], k);
  }
  for (const auto& m : matches)
    if (m.kind == match_kind::concept_phrase) names[static_cast<std::size_t>(m.sentence)] = true;
  for (int s = 1; s < sentences; ++s) {
    const auto at = static_cast<std::size_t>(s);
    if (names[at] || words[at] == 0 || words[at] > kMaxWords) continue;
    bool doubts = false;
    for (std::size_t k = first[at], n = 0; k < tokens.size() && tokens[k].sentence == s && n < kLead && !doubts; ++k, ++n)
      doubts = lex.doubts_at(tokens, k);
    if (!doubts) continue;
    int denied = s - 1;
    if (denied > 0 && words[static_cast<std::size_t>(denied)] <= 2 && !names[static_cast<std::size_t>(denied)]) --denied;
    for (std::size_t m = 0; m < matches.size(); ++m) {
      if (matches[m].kind != match_kind::concept_phrase || matches[m].sentence != denied || out[m] != mention_status::negated) continue;
      out[m] = mention_status::hypothetical;
      if (why) (*why)[m] = "uncertain: the denial is doubted in a sentence after it";
    }
  }
}

}  // namespace

std::string_view to_string(mention_status status) {
  switch (status) {
    case mention_status::affirmed: return "affirmed";
    case mention_status::negated: return "negated";
    case mention_status::other_person: return "other_person";
    case mention_status::historical: return "historical";
    case mention_status::hypothetical: return "hypothetical";
  }
  return "?";
}

std::vector<mention_status> detect_context(const lexicon& lex, const std::vector<token>& tokens,
                                           const std::vector<phrase_match>& matches,
                                           const context_options& options, std::vector<std::string>* why,
                                           std::vector<match_notes>* notes) {
  std::vector<mention_status> out(matches.size(), mention_status::affirmed);
  if (why) why->assign(matches.size(), std::string());
  if (notes) notes->assign(matches.size(), match_notes{});
  const bracket_index brackets(tokens);
  // Only `chat --explain` reads these sentences: without it no string is built on the turn's hot path.
  auto quoted = [&](const phrase_match& t) { return why ? "\"" + match_text(tokens, t) + "\"" : std::string(); };
  // "he", "she" or the patient's relation word, once someone else is the patient ("our little lad"
  // names the patient told as "lad", or the other way round).
  auto names_the_patient = [&](const phrase_match& t) {
    if (!options.patient_relation) return false;
    const auto text = match_text(tokens, t);
    const auto& patient = *options.patient_relation;
    const auto ends_with = [](std::string_view whole, std::string_view tail) {
      return whole.size() > tail.size() && whole.ends_with(tail) && whole[whole.size() - tail.size() - 1] == ' ';
    };
    // "writing about my father ... my mom just had her hip replaced": "her" is not the father.
    if (lex.is_pronoun(text)) return !lex.differ_in_gender(text, patient);
    // "asking for my dad ... his own dad died of prostate cancer", "another girl on the team has
    // glandular fever": someone else who shares the patient's relation word.
    std::size_t before = t.begin;
    if (before > 0 && tokens[before - 1].text == "own") --before;
    if (before > 0 && lex.marks_someone_else(tokens[before - 1].text)) return false;
    if (lex.set_apart_after(tokens, t.end)) return false;
    const auto is_patient_word = [&](std::string_view word) {
      return same_relation_word(word, patient) || ends_with(word, patient) || ends_with(patient, word);
    };
    if (is_patient_word(text)) return true;
    // "my pai (dad)": a relation word in brackets right after the patient's glosses it.
    if (t.begin >= 2 && tokens[t.begin - 1].text == "(" && is_patient_word(tokens[t.begin - 2].text)) return true;
    // "One of our residents, a lady of eighty-eight, ...": a person set beside the patient's word
    // after a comma, with at most two words between ("a", "an old"), is the patient again; an age
    // between counts as no word ("one of my players, a seven year old boy").
    for (std::size_t k = t.begin, words = 0; k-- > 0 && words <= 2;) {
      if (tokens[k].text == "-") continue;
      if (tokens[k].kind == token_kind::punct)
        return tokens[k].text == "," && k > 0 && is_patient_word(tokens[k - 1].text);
      if (tokens[k].kind == token_kind::number || lex.is_years_word(tokens[k].text) || tokens[k].text == "old") continue;
      ++words;
    }
    return false;
  };
  // A relation word that names the writer ("mum here"), only reports ("his teacher says") or only
  // describes the patient ("he's a big kid") names no one else.
  auto names_someone_else = [&](const phrase_match& t) {
    return !(lex.names_the_writer(tokens, t.begin, t.end) || lex.only_reports(tokens, t.end) || lex.only_describes(tokens, t.begin) ||
             lex.addresses_the_reader(tokens, t.begin, t.end) || lex.old_after_an_age(tokens, t.begin));
  };
  // "clashed heads with someone in the same contest, feel a bit foggy": someone met only as the object
  // of "with" or "into" ("with my brother") owns nothing past the comma after them.
  // "the paper feels like it's on someone else's skin", "walks like her nan": a person named in a
  // comparison ("like", "as if", "as though" a few words before, in the clause) is no owner of the sign.
  const auto named_in_a_comparison = [&](const phrase_match& t) {
    constexpr std::size_t kReach = 4;
    for (std::size_t q = t.begin; q-- > 0 && t.begin - q <= kReach && tokens[q].kind != token_kind::punct;) {
      // The comparison starts here, or one word back ("as if").
      for (std::size_t at = q + 1; at-- > 0 && q - at <= 1;)
        if (lex.compares_at(tokens, at)) return !(at > 0 && lex.wishes_before(tokens[at - 1].text));
      if (!lex.may_stand_in_comparison(tokens[q].text)) return false;
    }
    return false;
  };
  // "back aches from carrying the baby on one hip": someone the writer handles (reading.handled_before)
  // owns nothing after them in the clause; the hip is the writer's.
  auto met_only_as_object = [&](const phrase_match& t, const phrase_match& sign) {
    std::size_t before = t.begin;
    // "with my son", "with the little one": the word that opens the person's name comes first.
    if (before > 0 && (lex.is_first_person(tokens[before - 1].text) || lex.opens_a_relation(tokens[before - 1].text))) --before;
    if (before == 0) return false;
    const auto between = [&](auto stops) {
      return std::any_of(tokens.begin() + static_cast<std::ptrdiff_t>(t.end), tokens.begin() + static_cast<std::ptrdiff_t>(sign.begin), stops);
    };
    if (lex.marks_handled(tokens[before - 1].text) && t.end <= sign.begin)
      return !between([](const token& x) { return x.kind == token_kind::punct; });
    return lex.marks_an_object(tokens[before - 1].text) && between([](const token& x) { return x.kind == token_kind::punct && x.text == ","; });
  };
  // "Writing from my mother's flat ... My lower back is agony": with someone else the patient, a sign
  // in a clause about "my" and a body part ("my lower back", "my left leg") is the writer's own; "my
  // mum's back" names the person first.
  std::vector<bool> body_part_at(tokens.size() + 2, false);
  // Where a body part ends, of the regions covered or not: the subject of an event after it, a few words
  // of tense or manner between ("mouth has dropped", "arm keeps flopping down").
  std::vector<bool> body_part_ends_at(tokens.size() + 2, false);
  for (const auto& t : matches) {
    if (t.kind != match_kind::concept_phrase) continue;
    if (names_a_region(lex, t)) {
      body_part_at[t.begin] = true;
      body_part_ends_at[t.end] = true;
    } else if (std::any_of(t.concepts.begin(), t.concepts.end(), [&](int c) {
                 return listed(lex.data().out_of_scope_parts, lex.data().concepts[static_cast<std::size_t>(c)].id);
               })) {
      body_part_ends_at[t.end] = true;
    }
  }
  // At least one such word: "hurt my back fell off a ladder" runs two clauses together.
  const auto body_part_is_subject = [&](std::size_t begin) {
    // "low back been wrecked since": the tense may be told by "been" alone.
    static constexpr std::array<std::string_view, 16> between{"has", "had", "have", "is", "was", "s", "been", "got", "keeps", "kept", "keep", "just", "suddenly", "sort", "kind", "kinda"};
    for (std::size_t q = begin, steps = 0; steps <= 2; --q, ++steps) {
      if (steps > 0 && body_part_ends_at[q]) return true;
      if (q == 0 || !listed(between, tokens[q - 1].text)) return false;
    }
    return false;
  };
  // Whether the body part starting at `part` is told as the writer's: "*my* back", "*my* lower back",
  // "*my* poor back", or a phrase that starts with "my".
  std::vector<bool> writers_part_at(tokens.size() + 2, false);
  for (std::size_t q = 0; q < tokens.size(); ++q)
    writers_part_at[q] = body_part_at[q] && (tokens[q].text == "my" || (q > 0 && tokens[q - 1].text == "my") ||
                                             (q > 1 && tokens[q - 2].text == "my" && tokens[q - 1].kind == token_kind::word));
  const auto writer_body_before = [&](std::size_t begin) {
    for (std::size_t k = std::min(begin + 1, tokens.size()); k-- > 0 && tokens[k].kind != token_kind::punct;) {
      if (lex.names_a_person(tokens[k].text)) return false;
      if (tokens[k].text == "my" && (writers_part_at[k + 1] || writers_part_at[k + 2])) return true;
    }
    return false;
  };
  // "I hurt my back moving my daughter's wardrobe, and it's been sore since": "it" opening the sign's
  // clause refers back to the body part named last; told as "my back", the sign is the writer's,
  // whoever was named in between (as an owner of things, not of the body part).
  const auto it_names_writers_part = [&](std::size_t begin) {
    // The "it" may open an earlier clause of the sentence that no person word follows ("and it's been
    // sore since, with a shooting pain down the leg").
    constexpr std::size_t kReach = 24;
    std::optional<std::size_t> start;
    for (std::size_t q = begin; q-- > 0 && begin - q <= kReach && tokens[q].sentence == tokens[begin].sentence;) {
      if (tokens[q].kind == token_kind::word && lex.names_a_person(tokens[q].text)) return false;
      if ((tokens[q].text == "it" || tokens[q].text == "its") &&
          (q == 0 || tokens[q - 1].kind == token_kind::punct || lex.joins_clauses(tokens[q - 1].text))) {
        start = q;
        break;
      }
    }
    if (!start) return false;
    for (std::size_t q = *start; q-- > 0;)
      if (body_part_at[q]) return static_cast<bool>(writers_part_at[q]);
    return false;
  };
  // "scared it's something serious like a clot": a worry concept gives what follows a trigger's reach.
  std::vector<bool> fears_what_follows(matches.size(), false);
  for (std::size_t j = 0; j < matches.size(); ++j)
    fears_what_follows[j] = std::any_of(matches[j].concepts.begin(), matches[j].concepts.end(), [&](int c) {
      return lex.data().concepts[static_cast<std::size_t>(c)].fears_what_follows;
    });
  for (std::size_t k = 0; k < matches.size(); ++k) {
    const auto& m = matches[k];
    if (m.kind != match_kind::concept_phrase) continue;
    bool history_counts = false;
    bool hypothetical_counts = false;
    bool any_owner = false;
    bool writer_own_counts = false;
    // "It's getting better every day, walking normally now": a resolution after a trend goes on with it.
    bool tells_a_trend = false;
    // "got hit by a car ten min ago its ok": after an event, "it's ok" reassures; it does not deny it.
    bool tells_an_event = false;
    bool not_in_comparison = false;
    bool needs_owner = false;
    for (int c : m.concepts) {
      const auto& def = lex.data().concepts[static_cast<std::size_t>(c)];
      not_in_comparison = not_in_comparison || def.not_in_comparison;
      needs_owner = needs_owner || def.needs_owner;
      tells_a_trend = tells_a_trend || lex.trend_of(def.id);
      tells_an_event = tells_an_event || def.event;
      history_counts = history_counts || def.history;
      hypothetical_counts = hypothetical_counts || def.ignore_hypothetical;
      any_owner = any_owner || def.any_owner;
      writer_own_counts = writer_own_counts || def.writer_too;
    }
    bool other = false, hypothetical = false, past = false, negated = false, double_negated = false;
    std::optional<std::size_t> negation_at;  // where the pre-negation that denies the sign begins
    // What decided the status, or nearly did: for `chat --explain` only.
    std::string by_other, by_hypothetical, by_past, by_negation, by_double, near_miss;
    // Words between the sign and the trigger that decided it, before or after.
    std::size_t hypothetical_distance = 0, negation_distance = 0;
    const phrase_match* scope_end = nullptr;  // the terminator or clause start the backward scan stopped at
    // Backwards to the start of the sentence or the nearest terminator.
    // "I look after my dad, and lifting him has done my back in": a sign told in the writer's own words
    // ("my back", "when I wipe") is the writer's, whoever was named before it.
    bool other_scope_open = !std::any_of(tokens.begin() + static_cast<std::ptrdiff_t>(m.begin), tokens.begin() + static_cast<std::ptrdiff_t>(m.end),
                                         [&](const token& x) { return lex.is_first_person(x.text); });
    bool negation_scope_open = true;
    bool context_scope_open = true;  // hypothetical and past
    // "fifteen years back, I had numbness down both legs": a time set before the clause and closed by
    // its comma still dates the clause the comma opens.
    std::optional<std::size_t> fronted_time_comma;
    // "she fell last year, and since this morning she can't stand": a nearer time that dates the
    // clause now ends the reach of an earlier past one.
    bool past_scope_open = true;
    bool only_past_reaches = false;  // past a reading.past_through terminator: only a time reaches the sign
    bool past_after_open = true;  // likewise forwards: "calf swollen since yesterday, had a clot years ago"
    for (std::size_t j = k; j-- > 0;) {
      const auto& t = matches[j];
      if (t.sentence != m.sentence) break;
      if (has_role(t, match_kind::terminator)) {
        // "his brother just had a heart attack": a one-word terminator right after the person the
        // clause is about is an adverb of theirs; it ends a negation or a worry before it, not whose
        // clause it is.
        // "a mate of mine just got hit": the person's name may end in "of mine".
        // "me old man just come over all clammy": the person's name may be several words.
        const auto relation_ends_before = [&](std::size_t end) {
          for (std::size_t length = 1; length <= 3 && length <= end; ++length) {
            const auto named = lex.relation_named_at(tokens, end - length);
            if (named && named->length == length) return true;
          }
          return false;
        };
        const bool after_subject = t.end - t.begin == 1 && t.begin > 0 &&
                                   (relation_ends_before(t.begin) || lex.is_pronoun(tokens[t.begin - 1].text) ||
                                    lex.belongs_to_person_before(tokens, t.begin - 1));
        // "make it look like I'd just crashed", "what if he just collapses": an adverb after the subject
        // of a hypothetical clause is part of that clause; the condition or worry reaches on.
        const bool adverb_in_condition =
            t.end - t.begin == 1 && t.begin >= 2 &&
            (lex.is_first_person(tokens[t.begin - 1].text) || lex.is_pronoun(tokens[t.begin - 1].text)) &&
            std::any_of(matches.begin(), matches.begin() + static_cast<std::ptrdiff_t>(j),
                        [&](const phrase_match& h) { return (h.end == t.begin - 1 || h.end == t.begin) && has_role(h, match_kind::hypothetical); });
        if (adverb_in_condition) continue;
        // "My mother broke her hip at eighty, but that was after a fall on ice": a clause after the
        // terminator that refers back ("that was", "it was", "thats") goes on about whoever the clause
        // before it was about; only a negation or a worry ends there.
        const bool refers_back =
            t.end + 1 < tokens.size() && listed(kBackReference, tokens[t.end].text) &&
            (listed(kBackReferenceWithVerb, tokens[t.end].text) || lex.is_state_verb(tokens[t.end + 1].text) ||
             tokens[t.end + 1].text == "happened");
        if (!after_subject && refers_back && t.end < m.begin) {
          negation_scope_open = false;
          context_scope_open = false;
          continue;
        }
        // "Years ago (2017) I had a discectomy because of numbness": the time reaches on, nothing else does.
        if (!after_subject && t.end - t.begin == 1 && lex.past_reaches_through(tokens[t.begin].text)) {
          scope_end = &t;
          negation_scope_open = false;
          other_scope_open = false;
          only_past_reaches = true;
          continue;
        }
        if (!after_subject) {
          scope_end = &t;
          break;
        }
        negation_scope_open = false;
        context_scope_open = false;
        continue;
      }
      // A concept phrase can carry the past role too ("back in 2015").
      const bool aside = brackets.aside(t.begin, t.end, m.begin, m.end);
      // The time must be set off before it too ("..., fifteen years back, I had"), not end a clause of
      // its own ("he broke his hip last winter, I just have a niggle").
      const auto set_off_before = [&] {
        std::size_t q = t.begin;
        while (q > 0 && (tokens[q - 1].kind == token_kind::number || lex.is_quantifier(tokens[q - 1].text))) --q;
        return q == 0 || tokens[q - 1].kind == token_kind::punct || tokens[q - 1].sentence != tokens[t.begin].sentence;
      };
      const bool dates_the_next_clause = fronted_time_comma && t.end == *fronted_time_comma && set_off_before();
      if (t.kind == match_kind::concept_phrase) {
        if (tells_past(t) && (context_scope_open || dates_the_next_clause) && past_scope_open && !past && !aside) {
          past = true;
          by_past = quoted(t);
        }
        if (fears_what_follows[j] && context_scope_open && !hypothetical && !aside && !(t.end < tokens.size() && tokens[t.end].kind == token_kind::punct)) {
          hypothetical = true;
          hypothetical_distance = m.begin - t.end;
          by_hypothetical = quoted(t);
        }
        continue;
      }
      if (only_past_reaches) {
        if (has_role(t, match_kind::current)) past_scope_open = false;
        if (tells_past(t) && past_scope_open && !past && !aside) {
          past = true;
          by_past = quoted(t);
        }
        continue;
      }
      // ", and his behind ...": a joining word may follow the comma.
      const bool after_comma =
          (t.begin > 0 && tokens[t.begin - 1].text == ",") ||
          (t.begin > 1 && tokens[t.begin - 2].text == "," && (tokens[t.begin - 1].text == "and" || tokens[t.begin - 1].text == "but"));
      // "she'd be better off if I went to sleep": a trigger that speaks as the writer ("if i") ends
      // someone else's scope as a bare "I" does.
      if (!has_role(t, match_kind::other_person) && !has_role(t, match_kind::first_person) &&
          std::any_of(tokens.begin() + static_cast<std::ptrdiff_t>(t.begin), tokens.begin() + static_cast<std::ptrdiff_t>(t.end),
                      [&](const token& x) { return lex.is_first_person(x.text); }))
        other_scope_open = false;
      // "a mate of mine got hit by a car": "of mine" after a person belongs to that person's name.
      // "my friend in my country had a clot", "a friend from my antenatal class": "my" owning a place or thing, not a body part, after a
      // word of place qualifies the place; the clause is still about the person named before it.
      const bool my_qualifies_a_place = t.end - t.begin == 1 && t.begin > 0 && lex.is_place_preposition(tokens[t.begin - 1].text) &&
                                        !body_part_at[t.end] && !body_part_at[t.end + 1];
      // "the gentleman I look after has sciatica in both his legs": "I" right after a person opens a
      // clause that describes that person; the clause is still about them.
      // ("mate i got hit" calls the reader: only a person named with "the", "a" ... opens such a clause.)
      const bool describes_the_person = t.end - t.begin == 1 && tokens[t.begin].text == "i" && t.begin > 1 &&
                                        tokens[t.begin - 1].kind == token_kind::word && lex.names_a_person(tokens[t.begin - 1].text) &&
                                        !lex.is_pronoun(tokens[t.begin - 1].text) && lex.is_describing_determiner(tokens[t.begin - 2].text);
      if (has_role(t, match_kind::first_person) && !lex.belongs_to_person_before(tokens, t.begin) && !my_qualifies_a_place &&
          !describes_the_person) {
        other_scope_open = false;
        // "no fever, my legs are numb", "I'm worried, my back aches": a new clause about the person
        // ends the negation and the hypothetical before it (but not a negation it starts itself).
        if (after_comma && !has_role(t, match_kind::pre_negation)) negation_scope_open = false;
        if (after_comma && context_scope_open) {
          context_scope_open = false;
          fronted_time_comma = t.begin - 1;
        }
      }
      // "says he might have had a temperature, and he's been shaking", "I asked him about numbness and he
      // said he can't feel his bum": a new clause about the patient (after a comma, or "and" or "but"
      // then "he", "she" or "they") ends the worry or question before it, as one about the writer does.
      const auto word_is = [&](std::size_t at, std::initializer_list<std::string_view> words) {
        return std::find(words.begin(), words.end(), tokens[at].text) != words.end();
      };
      const bool subject_after_join =
          t.end - t.begin == 1 && t.begin > 0 && word_is(t.begin - 1, {"and", "but"}) && word_is(t.begin, {"he", "she", "they"});
      if (has_role(t, match_kind::other_person) && (after_comma || subject_after_join) && context_scope_open && names_the_patient(t)) {
        context_scope_open = false;
        fronted_time_comma = t.begin - 1;
      }
      // "a friend of hers had a blood clot": "hers" after "of" belongs to the friend's name; the friend owns.
      if (has_role(t, match_kind::other_person) && !other && t.end - t.begin == 1 && lex.is_pronoun(tokens[t.begin].text) &&
          lex.belongs_to_person_before(tokens, t.begin))
        continue;
      if (has_role(t, match_kind::other_person) && !other) {
        // "since Mum died, and last night he said ... if he just didn't wake up": the person named
        // nearest before the sign owns it; when that is the patient, someone named further back does not.
        // "another girl on *her* team is off with glandular fever": a pronoun after a word of place
        // (reading.place_before) qualifies the place; the clause is about whoever was named before it.
        const bool qualifies_a_place = t.end - t.begin == 1 && lex.is_pronoun(tokens[t.begin].text) && t.begin > 0 &&
                                       lex.marks_a_place(tokens[t.begin - 1].text);
        if (!qualifies_a_place && names_the_patient(t)) {
          other_scope_open = false;
          // "nothing is coming, and his behind ... is sleeping": a new clause about the patient ends
          // the negation before it, as one about the writer does; so does one where a few words (a time)
          // stand between the joining word and the subject ("we dont have a thermometer, and last night he
          // was shaking"). "of her calves" owns: only a subject pronoun opens the clause.
          const auto opens_after_joining_words = [&] {
            if (!is_subject_pronoun(tokens[t.begin].text)) return false;
            constexpr std::size_t kMostWordsBetween = 3;  // the joining word and up to two more
            for (std::size_t q = t.begin, words = 0; q-- > 0 && words <= kMostWordsBetween; ++words) {
              if (tokens[q].text == ",") return words >= 2 && lex.joins_clauses(tokens[q + 1].text);
              if (tokens[q].kind != token_kind::word) return false;
            }
            return false;
          };
          if ((after_comma || opens_after_joining_words()) && !has_role(t, match_kind::pre_negation)) negation_scope_open = false;
        } else if (!qualifies_a_place && other_scope_open && names_someone_else(t) && !met_only_as_object(t, m) &&
                   !(t.end <= m.begin && it_names_writers_part(m.begin)) && !named_in_a_comparison(t) &&
                   // "i bike to campus (grad student, long story) and an suv clipped my back wheel": a
                   // person named in an aside names no one outside it; a gloss ("my 阿姨 (auntie) had a
                   // clot") still does.
                   !(brackets.aside(t.begin, t.end, m.begin, m.end) && !brackets.holds_only(t.begin, t.end))) {
          other = true;
          by_other = quoted(t);
        }
      }
      // "if I was on a bike, the patch I'd sit on has gone dead": a condition ends at its comma, and
      // what follows it is told as real.
      auto condition_closed = [&] {
        return tokens[t.begin].text == "if" &&
               std::any_of(tokens.begin() + static_cast<std::ptrdiff_t>(t.end), tokens.begin() + static_cast<std::ptrdiff_t>(m.begin),
                           [](const token& x) { return x.kind == token_kind::punct && x.text == ","; });
      };
      // "if i move his toes he yells": a condition that examines the body tells what happens when it is
      // done; it is no worry or plan.
      auto examining_condition = [&] {
        if (tokens[t.begin].text != "if" && tokens[t.begin].text != "when") return false;
        for (std::size_t q = j + 1; q <= k; ++q) {
          const auto& c = matches[q];
          if (c.kind != match_kind::concept_phrase) continue;
          for (int id : c.concepts)
            if (lex.data().concepts[static_cast<std::size_t>(id)].examines) return true;
        }
        return false;
      };
      // "the chair wasn't where I thought it was, landed on my backside": a worry or belief that a comma
      // closes at once has nothing in its reach; what follows is told as real.
      // "asked me all the usual questions, any numbness, any trouble peeing": a question someone asked,
      // then what it asked about after the comma, is not closed by it.
      static constexpr std::array<std::string_view, 4> opens_what_was_asked{"any", "like", "if", "whether"};
      const bool lists_what_was_asked = listed(kAskingWords, tokens[t.begin].text) && t.end + 1 < tokens.size() &&
                                        listed(opens_what_was_asked, tokens[t.end + 1].text);
      const bool closed_at_once = t.end < tokens.size() && tokens[t.end].text == "," && !lists_what_was_asked;
      // "What's bugging me: my right foot won't lift": a question or worry that a colon ends is a lead-in;
      // what follows the colon is told as real.
      // So is one that is the subject of "is" and then of someone's doing: "the bit that's freaking me out
      // is he's chucked up twice" ("what worries me is it could be a clot" stays a worry).
      const auto lead_in = [&] {
        static constexpr std::array<std::string_view, 5> relative{"thats", "whats", "that", "what", "which"};
        static constexpr std::array<std::string_view, 11> someone_does{"hes", "shes", "he", "she", "i", "im", "ive", "theyre", "they", "theyve", "weve"};
        static constexpr std::array<std::string_view, 5> owner{"my", "his", "her", "their", "our"};
        // "what *actually* freaked me out is im out of breath", "what *I actually wanted* to ask about is my
        // right calf": a few words may stand between; what follows "is" is told.
        constexpr std::size_t kBetween = 4;
        std::size_t lead = t.begin;
        while (lead > 0 && t.begin - lead < kBetween && tokens[lead - 1].kind == token_kind::word && !listed(relative, tokens[lead - 1].text)) --lead;
        if (lead > 0 && t.end + 1 < m.begin && listed(relative, tokens[lead - 1].text) &&
            (tokens[t.end].text == "is" || tokens[t.end].text == "was") &&
            (listed(someone_does, tokens[t.end + 1].text) || listed(owner, tokens[t.end + 1].text)))
          return true;
        // "whats worrying me is he cant lift the front of his foot": the relative word is the trigger.
        if (t.end - t.begin == 1 && listed(relative, tokens[t.begin].text)) {
          constexpr std::size_t kReach = 3;
          for (std::size_t q = t.end; q + 1 < m.begin && q <= t.end + kReach && tokens[q].kind == token_kind::word; ++q)
            if ((tokens[q].text == "is" || tokens[q].text == "was") && listed(someone_does, tokens[q + 1].text)) return true;
        }
        // "could it be serious that I can't feel my legs", "is it a bad sign that ive wet myself": a
        // question that judges what its that-clause tells asks about the judgement, not the fact.
        bool judged = false;
        for (std::size_t q = t.end; q + 1 < m.begin; ++q) {
          if (tokens[q].kind == token_kind::punct && tokens[q].text != ",") break;
          judged = judged || lex.judges_a_fact(tokens[q].text);
          if (judged && tokens[q].text == "that" &&
              (listed(someone_does, tokens[q + 1].text) || lex.is_first_person(tokens[q + 1].text) || lex.is_pronoun(tokens[q + 1].text)))
            return true;
        }
        return std::any_of(tokens.begin() + static_cast<std::ptrdiff_t>(t.end), tokens.begin() + static_cast<std::ptrdiff_t>(m.begin),
                           [](const token& x) { return x.kind == token_kind::punct && x.text == ":"; });
      };
      // "feel like they've been at the dentist, sort of numb": a likeness ends at its punctuation; the
      // sign after it is told.
      const bool likeness_closed =
          lex.compares_at(tokens, t.begin) &&
          std::any_of(tokens.begin() + static_cast<std::ptrdiff_t>(t.end), tokens.begin() + static_cast<std::ptrdiff_t>(m.begin),
                      [](const token& x) { return x.kind == token_kind::punct; });
      if (has_role(t, match_kind::hypothetical) && context_scope_open && !hypothetical && !condition_closed() && !aside &&
          !closed_at_once && !lead_in() && !examining_condition() && !likeness_closed) {
        hypothetical = true;
        hypothetical_distance = m.begin - t.end;
        by_hypothetical = quoted(t);
      }
      if (has_role(t, match_kind::current) && !past) {
        past_scope_open = false;
        // "he's on the waiting list for a new hip, but just now his mouth went down": a new clause
        // dated now is told as real, not as the plan or worry before it.
        if (after_comma) context_scope_open = false;
        if (why && near_miss.empty()) near_miss = "not past: " + quoted(t) + " dates it now";
      }
      // "legs felt heavy but that was gone by morning, not swollen": a denial in a clause of its own
      // after the past one is told now.
      const auto denied_in_later_clause = [&] {
        return negated && negation_at &&
               std::any_of(tokens.begin() + static_cast<std::ptrdiff_t>(t.end), tokens.begin() + static_cast<std::ptrdiff_t>(*negation_at),
                           [](const token& x) { return x.text == ","; });
      };
      // "with the rope sorted, thinking they'd be better off without me": a resolution ends what it
      // follows; it does not reach over a comma into the clause after it, as a time set before one does.
      const bool resolution_before_comma =
          !has_role(t, match_kind::past) && has_role(t, match_kind::resolved) &&
          std::any_of(tokens.begin() + static_cast<std::ptrdiff_t>(t.end), tokens.begin() + static_cast<std::ptrdiff_t>(m.begin),
                      [](const token& x) { return x.kind == token_kind::punct; });
      if (tells_past(t) && (context_scope_open || dates_the_next_clause) && past_scope_open && !past && !aside && !denied_in_later_clause() &&
          !resolution_before_comma) {
        past = true;
        by_past = quoted(t);
      }
      if (has_role(t, match_kind::double_negation) && negation_scope_open && !double_negated) {
        double_negated = true;
        by_double = quoted(t);
      }
      // "cant feel nothin down there": a negative word right after another one repeats it (negative
      // concord) and negates nothing of its own.
      if (has_role(t, match_kind::pre_negation) && repeats_a_negation(lex, tokens, t.begin)) {
        // ... but "cant bend it without screaming" is two negations: the screaming happens.
        if (tokens[t.begin].text == "without") {
          negation_scope_open = false;
          if (why && near_miss.empty()) near_miss = "not negated: " + quoted(t) + " after a negation (double negation)";
        } else if (why && near_miss.empty()) {
          near_miss = "not negated: " + quoted(t) + " repeats the negation before it";
        }
        continue;
      }
      // "no i cant stand on it", "he wont eat and cant stand on it": a sign whose own words open with a
      // negation ("cant stand on") carries it; a bare "no" before it, or a negation in a clause of its own,
      // is not a second one ("is not that I cannot walk" is).
      const auto own_clause_between = [&] {
        return std::any_of(tokens.begin() + static_cast<std::ptrdiff_t>(t.end), tokens.begin() + static_cast<std::ptrdiff_t>(m.begin),
                           [](const token& x) { return x.text == "and" || x.text == "but" || x.text == "," || x.text == "so"; });
      };
      if (has_role(t, match_kind::pre_negation) && lex.is_negation_word(tokens[m.begin].text) && t.end <= m.begin &&
          (lex.is_answer_no(tokens[t.begin].text) || own_clause_between())) {
        if (why && near_miss.empty()) near_miss = "not negated: the sign carries its own negation";
        continue;
      }
      if (has_role(t, match_kind::pre_negation)) {
        const bool followed_by_punct = t.end < tokens.size() && tokens[t.end].kind == token_kind::punct;
        if (negation_scope_open && !followed_by_punct && m.begin - t.end <= options.pre_negation_window &&
            !new_clause_between(tokens, t.end, m.begin, m.end)) {
          if (!negated) {
            by_negation = quoted(t);
            negation_distance = m.begin - t.end;
            negation_at = t.begin;
          }
          negated = true;
        } else if (why && near_miss.empty() && !negated) {
          near_miss = "not negated: " + quoted(t) + (m.begin - t.end > options.pre_negation_window ? " is too far before it"
                                                                                                 : " does not reach past the clause break");
        }
      }
    }
    // Forwards to the end of the sentence or the nearest terminator; "..., but that's long gone"
    // still marks what came before as over and done with.
    bool only_past = false;
    bool sign_between = false;  // another sign told between this one and a trigger after it
    bool asked_after = false;   // a question or worry opened after the sign
    std::size_t terminator_end = 0;  // "but only for a day": terminators side by side are one
    // A clause after a comma between `from` and `to` that opens with a subject of its own ("..., she was
    // a bit snuffly"); unpunctuated, as dictation writes, also a subject pronoun right after a word that
    // joins no clause to it ("... his foots gone numb he didnt fall he had a clot on his lung years ago",
    // not "a clot after she had me, thirty-four years ago").
    static constexpr std::array<std::string_view, 17> joins_a_clause{"after", "before", "when", "while", "since", "because", "as",
                                                                     "that", "if", "until", "till", "so", "and", "but", "or",
                                                                     "where", "once"};
    const auto clause_with_subject_between = [&](std::size_t from, std::size_t to) {
      // "... when he tried to stand up hes got high blood pressure": a subject with its verb run in;
      // "the pain is worse in bed at night he used to smoke": or the subject of the time word itself.
      static constexpr std::array<std::string_view, 6> subject_and_verb{"hes", "shes", "im", "ive", "theyre", "theyve"};
      for (std::size_t q = from; q < to; ++q) {
        if (q > from && q + 1 <= to && q + 1 < tokens.size() && (is_subject_pronoun(tokens[q].text) || listed(subject_and_verb, tokens[q].text)) &&
            tokens[q - 1].kind == token_kind::word &&
            tokens[q + 1].kind == token_kind::word &&
            !listed(joins_a_clause, tokens[q - 1].text))
          return true;
        if (tokens[q].text != ",") continue;
        std::size_t subject = q + 1;
        while (subject < to && (tokens[subject].text == "and" || tokens[subject].text == "but" || tokens[subject].text == "so")) ++subject;
        if (subject < to && lex.opens_subject(tokens[subject].text)) return true;
      }
      return false;
    };
    // "the same clot my sister had" compares: the sign is the patient's too; "no swelling in my leg the
    // wife had ...": a sign already owned ("my leg") is no one else's thing.
    const bool compared = (m.begin > 0 && tokens[m.begin - 1].text == "same") || (m.begin > 1 && tokens[m.begin - 2].text == "same");
    const bool owned_before = m.begin > 0 && (lex.is_first_person(tokens[m.begin - 1].text) || lex.is_pronoun(tokens[m.begin - 1].text));
    const bool may_be_owned_after = !compared && !owned_before;
    for (std::size_t j = k + 1; j < matches.size(); ++j) {
      const auto& t = matches[j];
      if (t.sentence != m.sentence) break;
      if (has_role(t, match_kind::terminator) && only_past && t.begin == terminator_end) {
        terminator_end = t.end;
        continue;
      }
      if (has_role(t, match_kind::terminator)) {
        terminator_end = t.end;
        // "..., but that's long gone", "..., but I got over that weeks ago": the next clause refers back.
        bool refers_back = false;
        for (std::size_t q = t.end; q < tokens.size() && q < t.end + 4 && tokens[q].kind == token_kind::word; ++q)
          refers_back = refers_back || listed(kBackReference, tokens[q].text);
        // "... felt dead after the rehearsal but were fine by Sunday": a clause with no subject of its own
        // goes on about the same thing.
        static const std::array<std::string_view, 11> elided_subject{"was", "were", "is", "are", "went", "got", "has", "had", "cleared", "settled", "only"};
        refers_back = refers_back || (t.end < tokens.size() && std::find(elided_subject.begin(), elided_subject.end(), tokens[t.end].text) != elided_subject.end());
        // "... felt weak but back to normal since": a resolution right after the terminator is about it.
        refers_back = refers_back || (j + 1 < matches.size() && matches[j + 1].begin <= t.end + 1 && has_role(matches[j + 1], match_kind::resolved));
        // "... fell off the monkey bars last week but he was totally fine after", "but he was running round
        // fine straight after": so is one told of the person it happened to, a few words on.
        constexpr std::size_t kSubjectReach = 4;
        if (t.end < tokens.size() && is_subject_pronoun(tokens[t.end].text))
          for (std::size_t q = j + 1; q < matches.size() && matches[q].begin <= t.end + kSubjectReach; ++q)
            refers_back = refers_back || (has_role(matches[q], match_kind::resolved) &&
                                          std::none_of(tokens.begin() + static_cast<std::ptrdiff_t>(t.end),
                                                       tokens.begin() + static_cast<std::ptrdiff_t>(matches[q].begin),
                                                       [](const token& x) { return x.kind == token_kind::punct; }));
        // "pins and needles in my feet while I'm sitting in the ute, gone as soon as I hop out": a time
        // reaches through a reading.past_through terminator forwards as it does backwards.
        refers_back = refers_back || (t.end - t.begin == 1 && lex.past_reaches_through(tokens[t.begin].text));
        // "limping since yesterday, ..., she was a bit snuffly last week but that had passed": what the
        // next clause refers back to is the clause just before the terminator, where a clause of its own
        // with its own time stands between ("the calf looked puffier, we were worried about a clot, but
        // that has healed now" still refers to the calf).
        const bool dated_between = std::any_of(matches.begin() + static_cast<std::ptrdiff_t>(k + 1), matches.begin() + static_cast<std::ptrdiff_t>(j),
                                               [](const phrase_match& x) { return has_role(x, match_kind::current) || has_role(x, match_kind::past); });
        if (!refers_back || only_past || (dated_between && clause_with_subject_between(m.end, t.begin))) break;
        only_past = true;
        asked_after = false;  // "..., I'm a bit paranoid, but that was sorted years ago": told again
        continue;
      }
      // "..., I'm just not sure if that's part of healing?": a date or a resolution inside a question
      // or a worry after the sign asks; it does not tell that the sign is over. Nor does one in brackets.
      // "a clot in my calf after my second baby (eight years ago, ...)": a bracket that opens with a date,
      // in the sign's own clause, dates the sign.
      // Only a number or a word of measure may stand between: "(about 8 years ago", not "(MRI last year".
      const auto open = brackets.opening(t.begin);
      const bool dates_the_clause =
          open && *open >= m.end && t.begin - *open <= 3 &&
          std::all_of(tokens.begin() + static_cast<std::ptrdiff_t>(*open + 1), tokens.begin() + static_cast<std::ptrdiff_t>(t.begin),
                      [&](const token& x) { return x.kind == token_kind::number || lex.is_quantifier(x.text) || lex.is_filler(x.text); }) &&
          std::none_of(tokens.begin() + static_cast<std::ptrdiff_t>(m.end), tokens.begin() + static_cast<std::ptrdiff_t>(*open),
                       [](const token& x) { return x.kind == token_kind::punct; });
      const bool dates_nothing = (brackets.aside(t.begin, t.end, m.begin, m.end) && !dates_the_clause) || asked_after;
      if (has_role(t, match_kind::hypothetical)) asked_after = true;
      // "clots are on my mind": a worry right after the sign, in its clause, fears it. The worry may be a
      // concept of its own (`pain_worry`).
      if (has_role(t, match_kind::hypothetical_after) && !hypothetical && !only_past && t.begin - m.end <= options.post_negation_window &&
          !new_subject_between(lex, tokens, m.begin, m.end, t.begin) &&
          std::none_of(tokens.begin() + static_cast<std::ptrdiff_t>(m.end), tokens.begin() + static_cast<std::ptrdiff_t>(t.begin),
                       [](const token& x) { return x.kind == token_kind::punct; })) {
        hypothetical = true;
        by_hypothetical = quoted(t) + " after it";
        hypothetical_distance = t.begin - m.end;
      }
      if (t.kind == match_kind::concept_phrase) {
        if (!dates_nothing && !past && ((has_role(t, match_kind::resolved) && !tells_a_trend) || (has_role(t, match_kind::past) && past_after_open))) {
          past = true;
          by_past = quoted(t) + " after it";
        }
        sign_between = true;
        continue;
      }
      if (t.begin > 0 && tokens[t.begin - 1].text == "," && has_role(t, match_kind::first_person)) break;
      // "a temperature over the weekend, it's gone": a resolution after the sign still ends it.
      if (has_role(t, match_kind::current)) past_after_open = false;
      // "two hours ago his foot went cold, ..., worse than the kidney stone he passed last year": a sign
      // dated now keeps that date; a past time in a later clause dates that clause only.
      if (!past_scope_open && std::any_of(tokens.begin() + static_cast<std::ptrdiff_t>(m.end), tokens.begin() + static_cast<std::ptrdiff_t>(t.begin),
                                          [](const token& x) { return x.kind == token_kind::punct && x.text == ","; }))
        past_after_open = false;
      // "i landed heavily in a chair that day, and the doctor told me last year my bones are thin": so
      // does one in a later clause that opens with a subject of its own.
      if (past_after_open && clause_with_subject_between(m.end, t.begin)) past_after_open = false;
      // "no swelling in my leg the wife had a d v t last year": unpunctuated, someone named between the
      // sign and the time, then what they had (reading.owner_verbs), opens a clause about them; the time
      // dates that clause only ("a DVT after our second baby, eight years ago" stays dated).
      // "... nearly passed out ... his brother had one of those triple a things fixed years ago": a
      // resolution in that clause ends only what the person had.
      const bool someone_elses_clause_between =
          (has_role(t, match_kind::past) || has_role(t, match_kind::resolved)) &&
          std::any_of(matches.begin() + static_cast<std::ptrdiff_t>(k + 1), matches.begin() + static_cast<std::ptrdiff_t>(j),
                      [&](const phrase_match& x) {
                        return has_role(x, match_kind::other_person) && lex.is_relation(match_text(tokens, x)) &&
                               lex.owner_verb_after(tokens, x.end);
                      });
      if (past_after_open && has_role(t, match_kind::past) && someone_elses_clause_between) past_after_open = false;
      // "a deep, constant pain in my lower back, not like when I've strained it in the past": a time
      // after a likeness to another time ("like when", "than the time", "than before") dates what the
      // sign is likened to, not the sign ("weak and heavy like jelly but today they're fine" still ends).
      const auto likens_a_time = [&](std::size_t q) {
        if (tokens[q].text != "than" && !lex.compares_at(tokens, q)) return false;
        static constexpr std::array<std::string_view, 5> time_words{"when", "before", "last", "previously", "back"};
        if (q + 1 < tokens.size() && listed(time_words, tokens[q + 1].text)) return true;
        return q + 2 < tokens.size() && (tokens[q + 1].text == "the" || tokens[q + 1].text == "that") && tokens[q + 2].text == "time";
      };
      bool likened_between = false;
      if ((has_role(t, match_kind::past) || has_role(t, match_kind::resolved)) && m.end < t.begin)
        for (std::size_t q = m.end; q < t.begin && !likened_between; ++q) likened_between = likens_a_time(q);
      // "in the shed with the rope sorted": a thing at hand is not over when "sorted", "gone" or "done"
      // follows it; it is got ready or used up.
      if (((has_role(t, match_kind::resolved) && !tells_a_trend && !someone_elses_clause_between && !any_owner) ||
           (has_role(t, match_kind::past) && past_after_open)) &&
          !past && !dates_nothing && !likened_between) {
        past = true;
        by_past = quoted(t) + " after it";
      }
      if (only_past) continue;
      if (has_role(t, match_kind::other_person_after) && !other) {
        other = true;
        by_other = quoted(t) + " after it";
      }
      // "the tumour Mrs Kelly next door had", "the clot my sister had": someone named right after the
      // sign, then what they had (reading.owner_verbs), owns it: a relative clause without "that".
      const auto named_right_after = [&] {
        return t.begin == m.end || (t.begin == m.end + 1 && (lex.opens_a_relation(tokens[m.end].text) ||
                                                             tokens[m.end].text == "the" || tokens[m.end].text == "a"));
      };
      if (has_role(t, match_kind::other_person) && !other && may_be_owned_after && named_right_after() && !names_the_patient(t) &&
          names_someone_else(t) && lex.owner_verb_after(tokens, t.end)) {
        other = true;
        by_other = quoted(t) + " after it, then what they had";
      }
      // "osteoporosis, normally walks with a frame": after a comma, an adverb that leads the next word
      // opens a clause of its own and answers nothing before it.
      const bool leads_next_clause =
          t.end - t.begin == 1 && tokens[t.begin].text.ends_with("ly") && t.end < tokens.size() &&
          tokens[t.end].kind == token_kind::word &&
          std::any_of(tokens.begin() + static_cast<std::ptrdiff_t>(m.end), tokens.begin() + static_cast<std::ptrdiff_t>(t.begin),
                      [](const token& x) { return x.text == ","; });
      // "Fever I don't have.": a denial with its own subject, which also denies what follows it ("I don't
      // have any tingling"), answers the sign before it only when it ends its clause.
      // "Fever I didn't have at all, not one day": words that only strengthen the denial end it too.
      std::size_t denial_end = t.end;
      if (denial_end + 1 < tokens.size() && tokens[denial_end].text == "at" && tokens[denial_end + 1].text == "all") denial_end += 2;
      if (denial_end < tokens.size() && (tokens[denial_end].text == "either" || tokens[denial_end].text == "really")) ++denial_end;
      const bool own_subject_goes_on = has_role(t, match_kind::pre_negation) && is_subject_pronoun(tokens[t.begin].text) &&
                                       denial_end < tokens.size() && tokens[denial_end].kind != token_kind::punct;
      const bool reassures = tells_an_event && refers_back_with_it(tokens, t.begin);
      if (has_role(t, match_kind::post_negation) && t.begin - m.end <= options.post_negation_window && !leads_next_clause &&
          !own_subject_goes_on && !reassures && !new_subject_between(lex, tokens, m.begin, m.end, t.begin) && !negated) {
        negated = true;
        by_negation = quoted(t) + " after it";
        negation_distance = t.begin - m.end;
      }
      // "I've taken her temperature morning and night and it's been normal every time": further off, an
      // answer that refers back with "it" answers the sign, when no other sign stands between them.
      if (has_role(t, match_kind::post_negation) && !negated && !sign_between && !reassures && t.begin - m.end <= options.refer_back_window &&
          refers_back_with_it(tokens, t.begin) && !new_subject_between(lex, tokens, m.begin, m.end, t.begin)) {
        negated = true;
        by_negation = quoted(t) + " after it, referring back";
        negation_distance = t.begin - m.end;
      }
      // "fever: no", "swelling - none": an answer word set off after the sign negates it.
      if (has_role(t, match_kind::answer_no) && !negated && set_off_answer(tokens, m.end, t.begin)) {
        negated = true;
        by_negation = quoted(t) + " set off after it";
        negation_distance = t.begin - m.end;
      }
    }
    // "Weight loss no.", "fever no, sweats yes", "cancer no (her sister yes)": a "no" right after the
    // sign that ends its clause, or opens an aside, answers it.
    // "he cannot put the foot on the floor NOTHING": after a sign told with a negative word of its own,
    // a "no" or "nothing" says "at all" (negative concord); it answers nothing.
    static constexpr std::array<std::string_view, 12> negative_words{"cannot", "cant", "wont", "not", "no", "never",
                                                                     "unable", "couldnt", "dont", "doesnt", "didnt", "isnt"};
    const bool sign_says_no = std::any_of(tokens.begin() + static_cast<std::ptrdiff_t>(m.begin), tokens.begin() + static_cast<std::ptrdiff_t>(m.end),
                                          [&](const token& x) { return listed(negative_words, x.text); });
    if (!negated && !sign_says_no && k + 1 < matches.size()) {
      const auto& t = matches[k + 1];
      const bool ends_sentence = t.end >= tokens.size() || is_sentence_end(tokens[t.end]) || tokens[t.end].text == "," ||
                                 tokens[t.end].text == "(";
      if (t.begin == m.end && has_role(t, match_kind::answer_no) && ends_sentence && t.end - t.begin == 1) {
        negated = true;
        by_negation = quoted(t) + " answering it";
      }
    }
    // "temperature? nah", "numb in the groin or butt? nope": the signs of a question the writer asks
    // themself, then a short "no" as the next sentence.
    std::size_t question_mark = m.end;
    while (question_mark < tokens.size() && tokens[question_mark].sentence == m.sentence && !is_sentence_end(tokens[question_mark]))
      ++question_mark;
    if (!negated && question_mark < tokens.size() && tokens[question_mark].text == "?") {
      const auto answer = std::find_if(matches.begin() + static_cast<std::ptrdiff_t>(k + 1), matches.end(),
                                       [&](const phrase_match& t) { return t.begin > question_mark; });
      // "both legs? no just the right": the "no" may go on to say what is so instead.
      const bool short_answer =
          answer != matches.end() && (answer->end >= tokens.size() || tokens[answer->end].kind == token_kind::punct ||
                                      tokens[answer->end].text == "just" || tokens[answer->end].text == "only");
      if (short_answer && answer->begin == question_mark + 1 && has_role(*answer, match_kind::answer_no)) {
        negated = true;
        by_negation = quoted(*answer) + " answering it";
      }
    }
    // "goes down both legs, no sorry thats wrong, only the right leg": a retraction after the sign in its
    // sentence, or opening the next one, takes the sign back: it is left untold (neither had nor denied:
    // "numb in both legs. no wait, only the left" still has the numbness).
    bool retracted = false;
    const auto place_or_side = [&](int c) {
      const auto& id = lex.data().concepts[static_cast<std::size_t>(c)].id;
      return lex.is_region(id) || lex.data().sides.contains(id);
    };
    const auto is_place_or_side = [&](const phrase_match& x) { return std::all_of(x.concepts.begin(), x.concepts.end(), place_or_side); };
    // The correction after the retraction at matches[r], to the end of its sentence: does it tell a
    // time (a duration unit) and name no body part or side?
    const auto corrects_only_a_time = [&](std::size_t r) {
      const auto& retraction = matches[r];
      bool tells_time = false;
      for (std::size_t q = retraction.end; q < tokens.size() && tokens[q].sentence == retraction.sentence; ++q)
        tells_time = tells_time || lex.is_duration_unit(tokens[q].text);
      if (!tells_time) return false;
      for (std::size_t q = r + 1; q < matches.size() && matches[q].sentence == retraction.sentence; ++q)
        if (matches[q].kind == match_kind::concept_phrase && std::any_of(matches[q].concepts.begin(), matches[q].concepts.end(), place_or_side))
          return false;
      return true;
    };
    // The correction's own clause: from the retraction to the next punctuation or apology ("sorry").
    const auto in_correction = [&](std::size_t r, const phrase_match& x) {
      const auto& retraction = matches[r];
      if (x.begin < retraction.end || x.sentence != retraction.sentence) return false;
      for (std::size_t q = retraction.end; q < x.begin; ++q)
        if (tokens[q].kind == token_kind::punct || tokens[q].text == "sorry") return false;
      return true;
    };
    const auto corrects_only_a_place = [&](std::size_t r) {
      bool place = false;
      for (std::size_t q = r + 1; q < matches.size() && in_correction(r, matches[q]); ++q) {
        if (matches[q].kind != match_kind::concept_phrase) continue;
        if (!is_place_or_side(matches[q])) return false;
        place = true;
      }
      return place;
    };
    // "i want to kms lol jk": a crisis is never taken back; joking or not, it is asked about.
    for (std::size_t j = k + 1; j < matches.size() && !negated && !hypothetical_counts; ++j) {
      const auto& t = matches[j];
      if (t.sentence > m.sentence + 1) break;
      if (!has_role(t, match_kind::retraction)) continue;
      std::size_t words_before = 0;
      for (std::size_t q = t.begin; q-- > 0 && tokens[q].sentence == t.sentence;) words_before += tokens[q].kind == token_kind::word;
      // "both legs tingly - actually no sorry, the calves as well now": a correction that adds
      // (reading.additions) takes nothing back; nor does one that corrects only a time ("a mild ache
      // in my hip for a week - actually no, it's been five days"), naming no body part and no side.
      // "his right leg went pale - no wait its his LEFT leg sorry": one that names only a place or a side
      // takes back only the places and sides told before it.
      // "Ah no, the xixi is normal": a "no" that goes on to say something else is normal or fine answers
      // a question the writer expects; it takes nothing back ("no wait, it's fine" still does).
      // "scratch that, breathing is fine": a retraction that names what it takes back ("that") is no
      // answer to an expected question, whatever follows it.
      const auto denies_something_else = [&] {
        if (std::any_of(tokens.begin() + static_cast<std::ptrdiff_t>(t.begin), tokens.begin() + static_cast<std::ptrdiff_t>(t.end),
                        [](const token& x) { return listed(kBackReference, x.text); }))
          return false;
        std::size_t q = t.end;
        while (q < tokens.size() && tokens[q].kind == token_kind::punct && tokens[q].text == ",") ++q;
        if (q >= tokens.size() || tokens[q].sentence != t.sentence || listed(kBackReference, tokens[q].text)) return false;
        for (std::size_t n = j + 1; n < matches.size() && matches[n].sentence == t.sentence; ++n) {
          if (std::any_of(tokens.begin() + static_cast<std::ptrdiff_t>(q), tokens.begin() + static_cast<std::ptrdiff_t>(matches[n].begin),
                          [](const token& x) { return x.kind == token_kind::punct; }))
            return false;
          if (has_role(matches[n], match_kind::post_negation)) return true;
          // "no wait, the tingling is fine": the same sign named again is corrected.
          if (matches[n].kind == match_kind::concept_phrase &&
              std::any_of(matches[n].concepts.begin(), matches[n].concepts.end(),
                          [&](int c) { return std::find(m.concepts.begin(), m.concepts.end(), c) != m.concepts.end(); }))
            return false;
        }
        return false;
      };
      const bool keeps_the_sign = (corrects_only_a_place(j) && !is_place_or_side(m)) || denies_something_else();
      if ((t.sentence == m.sentence || words_before <= 1) && !lex.adds_after(tokens, t.end) && !corrects_only_a_time(j) && !keeps_the_sign) {
        retracted = true;
        by_hypothetical = quoted(t) + " taking it back";
      }
      break;
    }
    // "the kids would be better off without me": a phrase that names the writer inside it is theirs.
    if (other && std::any_of(tokens.begin() + static_cast<std::ptrdiff_t>(m.begin), tokens.begin() + static_cast<std::ptrdiff_t>(m.end),
                             [](const token& x) { return x.text == "me" || x.text == "myself" || x.text == "i" || x.text == "im"; }))
      other = false;
    // "I've read about the scary stuff: nothing's numb down there, peeing is normal": a negation nearer
    // the sign than a worry or a plan settles it; the worry was about something else.
    if (hypothetical && negated && !double_negated && negation_distance < hypothetical_distance) hypothetical = false;
    // "Mum tweaked her back ... I've had a bad back for six months myself": with someone else the
    // patient, a sign the writer calls their own is not the patient's; nor is one told in a bracketed
    // aside that the writer opens about themself ("(I'm the one limping in this house, new boots!)").
    // A crisis counts for the writer as for the patient ("honestly i want to die, caring for him is
    // too much"): a `writer_too` concept is never set aside as the writer's own.
    // "i leak a bit when i sneeze but thats me not him": the writer as the subject of the sign, right
    // before it or one word before ("i get pins and needles"), tells the writer's own.
    // "if i move his toes he yells": a sign whose own words name the patient is theirs.
    const auto names_someone_inside = [&] {
      return std::any_of(tokens.begin() + static_cast<std::ptrdiff_t>(m.begin), tokens.begin() + static_cast<std::ptrdiff_t>(m.end),
                         [&](const token& x) { return lex.names_a_person(x.text); });
    };
    // "so clots are on my mind": a phrase that holds the writer's "my" is the writer's ("she can't feel
    // me touching it" is hers: "me" there is who examines).
    const auto names_writer_inside = [&] {
      return std::any_of(tokens.begin() + static_cast<std::ptrdiff_t>(m.begin), tokens.begin() + static_cast<std::ptrdiff_t>(m.end),
                         [&](const token& x) { return x.text == "my" || x.text == "mine"; });
    };
    if (!other && options.patient_relation) {
      const char* writers = names_writer_inside()                                                  ? "the writer's own: named in it"
                            : lex.writer_owns_clause(tokens, m.begin, m.end)                       ? "the writer's own"
                            : writer_body_before(m.begin)                                          ? "the writer's own body"
                            : writer_aside(lex, tokens, brackets, m.begin)                         ? "the writer's aside in brackets"
                            : lex.writer_is_subject(tokens, m.begin) && !names_someone_inside() ? "the writer's own: told with \"I\""
                                                                                                   : nullptr;
      if (writers && writer_own_counts) {
        if (notes) (*notes)[k].writers_own = true;
      } else if (writers) {
        other = true;
        if (why) by_other = writers;
      }
    }
    // "the pain hit me like a truck": a comparison names no event.
    if (notes && not_in_comparison && named_in_a_comparison(m)) (*notes)[k].in_comparison = true;
    // "a clot in my calf": a body part after the name, with a word of place between, tells whose it is.
    const auto body_part_after = [&] {
      constexpr std::size_t kReach = 4;
      if (m.end >= tokens.size() || !(tokens[m.end].text == "in" || lex.marks_a_place(tokens[m.end].text))) return false;
      for (std::size_t q = m.end + 1; q <= m.end + kReach && q < tokens.size(); ++q)
        if (body_part_at[q]) return true;
      return false;
    };
    // "DVT confirmed on the scan": or a word that tells it found, right after it.
    if (notes && needs_owner && !lex.owns_name_before(tokens, m.begin) && !lex.owns_name_after(tokens, m.end) && !body_part_after())
      (*notes)[k].unowned = true;
    // "his mouth has dropped", "her arm keeps flopping down": a body part as the subject of a word of
    // falling tells how the part moves, not that anyone fell; "my knee gave way under me", a phrase
    // that names who went down, is a fall.
    const auto names_who = [&] {
      return std::any_of(tokens.begin() + static_cast<std::ptrdiff_t>(m.begin), tokens.begin() + static_cast<std::ptrdiff_t>(m.end),
                         [&](const token& x) { return x.text == "me" || lex.is_pronoun(x.text); });
    };
    if (notes && tells_an_event && body_part_is_subject(m.begin) && !names_who()) (*notes)[k].no_event = true;
    const bool owned_by_other = other && any_owner;
    if (owned_by_other) other = false;
    if (other) out[k] = mention_status::other_person;
    else if (retracted || (hypothetical && !hypothetical_counts)) out[k] = mention_status::hypothetical;
    else if (past && !history_counts) out[k] = mention_status::historical;
    else if (negated && !double_negated) out[k] = mention_status::negated;
    if (notes && past && history_counts && out[k] == mention_status::affirmed) (*notes)[k].dated_long_ago = true;
    if (!why) continue;
    auto& w = (*why)[k];
    switch (out[k]) {
      case mention_status::other_person: w = "someone else's: " + by_other; break;
      case mention_status::hypothetical: w = "hypothetical: " + by_hypothetical; break;
      case mention_status::historical: w = "past: " + by_past; break;
      case mention_status::negated: w = "negated by " + by_negation; break;
      case mention_status::affirmed:
        if (owned_by_other) w = "counts whoever owns it (" + by_other + ")";
        else if (negated && double_negated) w = "not negated: double negation " + by_double;
        else if (hypothetical) w = "counts even though hypothetical (" + by_hypothetical + ")";
        else if (past) w = "counts even though past (" + by_past + "): history";
        else if (!near_miss.empty()) w = near_miss;
        else if (scope_end != nullptr) {
          // A trigger before the terminator would have reached it: say where its scope ended.
          for (std::size_t j = 0; j < k; ++j) {
            const auto& t = matches[j];
            if (t.sentence == m.sentence && t.end <= scope_end->begin && has_role(t, match_kind::pre_negation) &&
                t.kind != match_kind::concept_phrase)
              w = "not negated: " + quoted(t) + " stops at " + quoted(*scope_end);
          }
        }
        break;
    }
  }
  deny_back(lex, tokens, matches, options, out, why);
  deny_asked(lex, tokens, matches, out, why);
  resolve_back(lex, tokens, matches, out, why);
  deny_now(lex, tokens, matches, out, why);
  doubt_back(lex, tokens, matches, out, why);
  return out;
}

}  // namespace triagebot::nlu
