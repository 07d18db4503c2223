#pragma once
// The compiled vocabulary of a rule set: concepts and their phrases, the NegEx/ConText trigger
// phrases, answer words and the number and time words, indexed for matching typed text.
#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "nlu/fuzzy_index.hpp"
#include "nlu/phrase_index.hpp"
#include "nlu/tokenizer.hpp"
#include "nlu/word_hash.hpp"

namespace triagebot::nlu {

enum class match_kind : std::uint8_t {
  concept_phrase,
  pre_negation,   // "no", "without", "denies": negates what follows
  post_negation,  // "is fine", "normal": negates what precedes
  pseudo_trigger, // "not only", "no change": looks like negation, is not
  terminator,     // "but", "however": ends every scope
  other_person,   // "my dad", "she": the sign belongs to someone else
  other_person_after,  // "... runs in the family": the sign before it belongs to someone else
  first_person,   // "i", "my": ends an other-person scope
  past,           // "years ago", "all clear": over and done with
  resolved,       // "all clear", "went away", "she's fine now": over and done with, whenever it was
  current,        // "since this morning", "today": dates its clause now, so an earlier "last year" stops
  hypothetical,   // "what if", "in case", "could it be": not a current sign
  hypothetical_after,  // "... are on my mind": a worry after the sign, in its clause, fears it
  double_negation, // "id be lying if i said", "not that i dont": the negation after it affirms
  retraction,     // "no sorry, that's wrong": takes back what its sentence (or the one before) said
  answer_yes,
  answer_no,
  answer_unsure,
};

std::string_view to_string(match_kind kind);

// What reading.writes_for finds in a message (lexicon::reads_writes_for).
struct writes_for_reading {
  bool says = false;            // the writer says they write for someone else
  bool names_relation = false;  // a writes_for phrase is followed by the relation word it is for
};

// A relation named in a message: the lexicon's word for it and how many tokens it takes.
struct named_relation {
  std::string relation;
  std::size_t length = 0;
};

struct concept_def {
  std::string id;
  std::vector<std::string> phrases;
  bool history = false;             // a past mention still counts ("had cancer 7 years ago")
  bool ignore_hypothetical = false; // counts even in a hypothetical ("thinking about ending it all")
  bool any_owner = false;           // a thing at hand whoever owns it ("my mum's old sleeping tablets")
  bool examines = false;            // an act of examining ("move his toes"): "if I do it, he yells" tells what happens
  bool writer_too = false;          // counts for the writer too when they write for someone (a crisis)
  std::vector<std::string> denies;  // facts its affirmation rules out ("walking fine": not non-weight-bearing)
  std::vector<std::string> denied_with;  // facts its negation rules out too ("no swelling": no swollen calf)
  // With `history`, the fact a mention dated long ago also gives ("a hernia op years ago": the operation
  // counts for physio, and is no recent operation for a clot).
  std::string long_ago;
  // A thing that happens once (a fall, a crash): dated weeks or months back in its clause ("since her
  // fall in the spring", "replaced in September after a fall"), it is past (lexicon_data::dates).
  bool event = false;
  // A worry that names no sign of its own ("it's something serious"): a sign after it in its clause is
  // what is feared ("scared it's something serious like a clot"), as after a hypothetical trigger.
  bool fears_what_follows = false;
  // Kept only so that its words are not read as a sign ("hot flush", "the heating", "dead weight"): what
  // it tells is nobody's sign, so it makes no one the writer of their own story.
  bool says_nothing = false;
  // An event or a thing of one that a comparison only likens the pain to ("hit me like a truck", "like
  // I'd been shot"): told after "like", "as if" or "as though" in its clause, it tells nothing.
  bool not_in_comparison = false;
  // The name of a condition ("clot", "DVT") that counts only when told of someone: after a word that
  // owns it or tells it had (reading.owning_words, reading.owner_verbs, a possessive: "I *had* a clot",
  // "*my* DVT", "*it's* a clot"), or with a body part after it ("a clot *in my leg*"). Told of no one
  // ("they drilled into us about clots", "clot chat") it is a topic, not told.
  bool needs_owner = false;
};

// A finding fires when one concept of each `all_of` group appears in the same sentence and none of
// `none_of` does ("numb" + "privates" -> saddle_numbness).
// `bound_to_place`: the sign (the first group) must be told of the finding's place (the other groups);
// one told of a body part of its own ("pins and needles on the outside of the foot", "the numb patch that
// was just on my calf") does not pair with the place named before it.
// `sign_told_before`: the sign (the first group) may be told in the sentence before one that refers
// back to it with "it" ("It started as a numb patch on my shin. Now it's the whole foot, creeping up").
struct finding_def {
  std::string id;
  std::vector<std::vector<std::string>> all_of;
  std::vector<std::string> none_of;
  bool bound_to_place = false;
  bool sign_told_before = false;
};

struct lexicon_data {
  std::vector<concept_def> concepts;
  std::vector<finding_def> findings;
  std::map<match_kind, std::vector<std::string>> triggers;
  std::vector<std::string> relations;      // "son", "mum": who a person may be asking for
  std::vector<std::string> pronouns;       // "she", "his": refer to the patient when asking for someone
  std::vector<std::string> dictionary;     // correctly spelt words that are never "corrected"
  std::map<std::string, double> number_words;      // "three" -> 3, "a" -> 1, "couple" -> 2
  std::map<std::string, int> duration_units;       // "week" -> 7 (days)
  std::map<std::string, int> relative_days;        // "yesterday" -> 1, "last week" -> 7
  std::map<std::string, int> weekdays;             // "monday" -> 1 ... "sunday" -> 7
  std::map<std::string, int> short_weekdays;       // "wed", "sat", "sun": days only after "since", "on", "last"
  std::map<std::string, std::string> regions;      // concept id -> region ("part_knee" -> "leg")
  std::vector<std::string> out_of_scope_parts;     // concept ids of body parts the bot does not cover
  std::map<std::string, std::string> sides;        // concept id -> "left" | "right" | "both"
  // How far back an event is dated: month names ("june" -> 6), seasons by the month they end in
  // ("spring" -> 5), and from how many days back an event is past (0: events are never dated).
  struct date_words {
    std::map<std::string, int, std::less<>> months;
    std::map<std::string, int, std::less<>> season_ends;
    int event_past_days = 0;
  } dates;
  std::map<std::string, std::string> trends;       // concept id -> "better" | "same" | "worse"
  std::vector<std::string> pain_words;             // concept ids that make a sentence about the pain
  std::vector<std::string> travelling_pain_words;  // concept ids of pain told as going from one place to another
  std::map<std::string, int> pain_words_score;     // "mild" -> 2 when a pain score is asked
  std::map<std::string, std::string> spellings;    // short misspellings and slang -> the word ("carnt" -> "cant")
  std::map<std::string, std::string> possessive_spellings;  // "ma" -> "my" before a body part, side or person
  std::string fever_concept;                       // concept a stated temperature at/over the threshold adds
  double fever_threshold_c = 38.0;
  std::vector<std::string> temperature_words;      // "*temp* 38.4", "the *thermometer* say thirty nine": a
                                                   // number a few words after one is a temperature
  // How the reader reads (lexicon.json "reading", optional):
  std::vector<std::string> fillers;                // words a phrase may have inside it ("cant *really* feel")
  std::vector<std::string> quantifiers;            // number words that never stand alone as a number ("a", "few")
  std::map<std::string, double> age_words;         // "toddler" -> 2: words that imply an age band
  std::map<std::string, double> age_decades;       // "eighties" -> 80, in "in her eighties"
  std::vector<std::string> writer_after;           // "young lad *here*": the relation word is the writer
  std::vector<std::string> writer_before;          // "*as a* mum", "*im a* carer": likewise
  std::vector<std::string> description_before;     // "*he's a* big kid": the relation word describes the
                                                   // person already spoken of, it names no one else
  std::vector<std::string> reporter_after;         // "his teacher *says* he limps": the relation only reports
  std::vector<std::string> deceased;               // "my father *died*", "my *late* mum": never the patient
  std::vector<std::string> family_side;            // "on my mother's *side*": a side of the family, not a person
  std::vector<std::string> someone_else_before;    // "*another* girl on the team": not the patient's relation word
  std::vector<std::string> someone_else_after;     // "the lady *in the next room*": likewise, told after the word
  std::vector<std::string> place_before;           // "another girl *on* her team": "her" qualifies a place
  std::vector<std::string> owner_verbs;            // "the tumour Mrs Kelly next door *had*": the person named
                                                   // right after a sign, then one of these, owns the sign
  std::vector<std::string> additions;              // "actually no, the calves *as well*": a correction that adds
  std::vector<std::string> now_words;              // "no temp *now*": a denial dated now
  std::vector<std::string> doubt_back;             // "She did not hit her head. Well. *I cannot be sure*."
  std::vector<std::string> age_places;             // "at *the reception*": age words that also name a place
  std::vector<std::string> knowing_negations;      // "i *dont know*, no fever": a negation of knowing, closed
  std::vector<std::string> correction_words;       // "not down the leg, *sorry*": corrects the message before
  std::vector<std::string> elided_subject_verbs;   // "*gone* cold and white": opens a sentence without its subject
  std::vector<std::string> past_through;           // "years ago I had surgery *because* of numbness": the past reaches on
  std::vector<std::string> thing_back_reference;   // "keeping *them* in a drawer": a thing named in the sentence before
  std::vector<std::string> denial_back;            // "I don't have *any*", "no *sign of it*": the only words a
                                                   // denial may have when it answers the sentence before it
  std::vector<std::string> writer_is_patient;      // "*it's me* I'm asking about", "*about me*, not the kids"
  std::vector<std::string> hands_over;             // "*its him now*", "*passed him the phone*": the patient types now
  std::vector<std::string> hands_back;             // "*his wife again*", "*me again*": the first writer types again
  std::vector<std::string> writer_owns;            // "*mine*'s just aching", "*my own* back": the writer has
                                                   // pain too (the patient, unless someone else is named)
  std::vector<std::string> writer_helps;           // "*myself and* the neighbour got her up": not the patient
  std::vector<std::string> writer_compares;        // "a sore back myself but *nothing like this*": the writer's
                                                   // own pain is an aside beside someone else's
  std::vector<std::string> tending_leads;          // "my knee is killing me *from* kneeling beside her": what
                                                   // leads to tending someone, that hurt the writer
  std::vector<std::string> subject_openers;        // "and *the* foot", ", *she* was": a subject of its own
  std::vector<std::string> years_words;            // "44 *years* old", "6 *yo*": years after an age
  std::vector<std::string> possessives;            // "*his* back": words that own what follows
  std::vector<std::string> state_verbs;            // "the hip *is* swollen": a verb between a place and its sign
  std::vector<std::string> comparison_words;       // "feels *like* it's on someone else's skin": a comparison
  std::vector<std::string> comparison_between;     // "like *it's on* someone else's": words between it and the person
  std::vector<std::string> wish_before;            // "*would* like": "like" as a wish, no comparison
  std::vector<std::string> owning_words;           // "*diagnosed* with a clot", "*hx* DVT": a name told of someone
  std::vector<std::string> describing_determiners; // "*the* gentleman I look after": a person a clause describes
  std::vector<std::string> name_before_words;      // "*wee* Isla's 6": words that may stand before a child's name
  std::vector<std::string> place_prepositions;     // "a friend *from* my class", "leg *under* the knee"
  std::vector<std::string> owned_body_words;       // "his *back*": after a possessive, always the body part
  std::vector<std::string> object_after;           // "lifting her *up*": words after "her" that show it
                                                   // names the person, not something of hers
  std::vector<std::string> writes_for;             // "*writing for* my partner", "*asking about* the little one"
  std::vector<std::string> relation_before;        // "*my* dad", "*our* son", "*after* me mam": a relation follows
  std::vector<std::string> object_before;          // "clashed heads *with* someone": that person is met, not told of
  std::vector<std::string> handled_before;         // "from *carrying* the baby on one hip": that person is handled, not told of
  std::vector<std::string> factive_before_that;    // "is it *serious* that I can't feel my legs": the that-clause is told as real
  std::vector<std::string> shared_modals;          // "*can't* lift the leg or stand on it": a modal whose reach
  std::vector<std::string> modal_joins;            // goes on past a join ("*or*") to the next verb
  std::vector<std::string> writer_has;             // "*I've got* arthritis in both knees": the writer has it
  std::vector<std::string> clause_joins;           // "... *so* I'm not much help": words that open a clause
  std::vector<std::string> measure_units;          // "he is 13 *kilos*": a number before one is no age
  std::vector<std::string> address_words;          // "hurts like nothing else *mate*, can't stand": said to the reader
  std::vector<std::string> female_words;           // "she", "mum", "mother in law": who is a woman or a girl
  std::vector<std::string> male_words;             // "he", "dad", "old man": who is a man or a boy
};

struct lexicon_word {
  static constexpr int none = -1;
};

using string_set = std::unordered_set<std::string, word_hash, std::equal_to<>>;
template <typename V>
using string_map = std::unordered_map<std::string, V, word_hash, std::equal_to<>>;

class lexicon {
 public:
  struct entry {
    match_kind kind;
    int concept_index;  // for concept_phrase; -1 otherwise
    int order;          // definition order, for ties
  };
  struct trie_node {
    std::unordered_map<int, int> next;  // word id -> node
    int gap = -1;                       // node after a "*" gap (0 to 3 tokens)
    std::vector<entry> entries;
  };

  lexicon() = default;
  explicit lexicon(lexicon_data data);

  const lexicon_data& data() const { return data_; }
  int word_id(std::string_view word) const;
  // The lexicon word of the same stem as lexicon word `id` ("worry" for "worries", which "no worries"
  // made a word of its own), or lexicon_word::none: phrases written with either match both.
  int stem_sibling(int id) const {
    return id >= 0 && static_cast<std::size_t>(id) < stem_siblings_.size() ? stem_siblings_[static_cast<std::size_t>(id)] : -1;
  }
  // What a typed word stands for: `id` is the lexicon word (itself, a listed spelling, a dropped g
  // ("limpin"), a word of the same stem ("leaking" for `leak`: `by_stem`) or the nearest word by edit
  // distance; lexicon_word::none when nothing fits), `meant` that word when it is not the one typed.
  struct resolution {
    int id = lexicon_word::none;
    std::string meant;
    bool by_stem = false;
  };
  resolution resolve(std::string_view typed) const;
  bool is_dictionary_word(std::string_view word) const;
  // The number word a typed word misspells ("twelv": "twelve"), when it is no word the lexicon or the
  // dictionary knows; nearest by the same edit distances as every other typo.
  std::optional<std::string> misspelt_number_word(std::string_view typed) const;
  const fuzzy_index& fuzzy() const { return fuzzy_; }
  const std::vector<trie_node>& trie() const { return trie_; }
  int concept_index(std::string_view id) const;
  // The `all_of` groups of the findings, numbered across all findings in order: finding f's groups
  // are first_finding_group(f), first_finding_group(f) + 1, ...; finding_group_count() in all.
  std::size_t finding_group_count() const { return finding_group_count_; }
  std::size_t first_finding_group(std::size_t f) const { return first_finding_group_[f]; }
  // The groups (in that numbering, ascending) that name this id: a mention can fill only these, so
  // the finding reader need not compare every mention with every group.
  std::span<const std::size_t> finding_groups_naming(std::string_view id) const;
  // Whether finding group g names a body part (a region's concept) or a thing at hand (an
  // `any_owner` concept).
  bool finding_group_names_a_place(std::size_t g) const { return finding_group_names_a_place_[g]; }
  bool finding_group_names_a_thing(std::size_t g) const { return finding_group_names_a_thing_[g]; }
  const std::vector<std::string>& words() const { return words_; }
  bool is_relation(std::string_view word) const { return relations_.contains(word); }
  bool is_pronoun(std::string_view word) const { return pronouns_.contains(word); }
  bool is_filler(std::string_view word) const { return fillers_.contains(word); }
  // "*his* back": reading.possessives.
  bool is_possessive(std::string_view word) const { return possessives_.contains(word); }
  // "the hip *is* swollen", "ankles *have gone* puffy": reading.state_verbs, between a place and its sign.
  bool is_state_verb(std::string_view word) const { return state_verbs_.contains(word); }
  // Whether a comparison (reading.comparison_words: "like", "as if") starts at token `at`, and whether
  // `word` may stand between it and a person it names ("like *it's on* someone else's skin":
  // reading.comparison_between), or before "like" making it a wish ("would like": reading.wish_before).
  bool compares_at(const std::vector<token>& tokens, std::size_t at) const { return comparison_words_.any_at(tokens, at); }
  bool may_stand_in_comparison(std::string_view word) const { return comparison_between_.contains(word); }
  bool wishes_before(std::string_view word) const { return wish_before_.contains(word); }
  // Whether a `needs_owner` name is told of someone by the words before it (reading.owning_words,
  // reading.owner_verbs, a possessive) within its clause.
  bool owns_name_before(const std::vector<token>& tokens, std::size_t begin) const;
  bool owns_name_after(const std::vector<token>& tokens, std::size_t end) const { return owning_words_.any_at(tokens, end); }
  // "*the* gentleman I look after": reading.describing_determiners.
  bool is_describing_determiner(std::string_view word) const { return describing_determiners_.contains(word); }
  // "*wee* Isla's 6", "*little* Aoife's four": reading.name_before_words.
  bool may_stand_before_a_name(std::string_view word) const { return name_before_words_.contains(word); }
  // "from", "under", "of" ... and the words of reading.place_before: reading.place_prepositions.
  bool is_place_preposition(std::string_view word) const { return place_prepositions_.contains(word) || place_before_.contains(word); }
  // Whether the word joins two clauses ("and", "but", "so": reading.clause_joins).
  bool joins_clauses(std::string_view word) const { return clause_joins_.contains(word); }
  // Number words that never stand alone as a number ("a", "few"): reading.quantifiers.
  bool is_quantifier(std::string_view word) const { return quantifiers_.contains(word); }
  // The whole number a word names when it stands alone as one ("four", not "a", "few" or "half").
  std::optional<double> cardinal_value(std::string_view word) const;
  // The readers look these up for most words and mentions of a message: lexicon_data's number_words,
  // duration_units, regions and trends, each found by one hash lookup rather than a walk down a tree
  // of string comparisons; nullptr when the word or concept is not there.
  const double* number_word(std::string_view word) const { return find_in(number_words_, word); }
  const int* duration_unit_days(std::string_view word) const { return find_in(duration_units_, word); }
  bool is_duration_unit(std::string_view word) const { return duration_units_.contains(word); }
  const std::string* region_of(std::string_view concept_id) const { return find_in(regions_, concept_id); }
  bool is_region(std::string_view concept_id) const { return regions_.contains(concept_id); }
  const std::string* trend_of(std::string_view concept_id) const { return find_in(trends_, concept_id); }
  const int* weekday_number(std::string_view word) const { return find_in(weekdays_, word); }
  const int* short_weekday_number(std::string_view word) const { return find_in(short_weekdays_, word); }
  // Whether a word opens a subject of its own after a joining word or a comma ("and *the* foot turns
  // out", ", *she* was a bit snuffly"): reading.subject_openers.
  bool opens_subject(std::string_view word) const { return subject_openers_.contains(word); }
  // Whether a word says "years" after a number ("44-year-old", "6 yo"): reading.years_words.
  bool is_years_word(std::string_view word) const { return years_words_.contains(word); }
  // Whether a possessive (reading.possessives) before `next` makes it a body part that no phrase steps
  // over the possessive to reach ("40 years his back went" is no "years back"): reading.owned_body_words.
  bool possessive_before_body_word(std::string_view filler, std::string_view next) const {
    return possessives_.contains(filler) && owned_body_words_.contains(next);
  }
  // Whether a word names a temperature a number may follow ("temp", "thermometer"): temperature.words.
  bool is_temperature_word(std::string_view word) const { return temperature_words_.contains(word); }
  // Units of weight, length and the like (reading.measure_units): "13 kilos" is no age.
  bool is_measure_unit(std::string_view word) const { return measure_units_.contains(word); }
  // One-word first-person triggers of context.first_person ("i", "my", "me"): the writer speaking.
  bool is_first_person(std::string_view word) const { return first_person_words_.contains(word); }
  // One-word pre-negation triggers ("no", "cant", "never"), wherever they stand, even inside a phrase.
  bool is_negation_word(std::string_view word) const { return negation_words_.contains(word); }
  // One-word answers.no phrases ("no", "nope", "nah").
  bool is_answer_no(std::string_view word) const { return answer_no_words_.contains(word); }
  // Words a short denial may have when it answers the sentence before it (reading.denial_back).
  bool is_denial_back_word(std::string_view word) const { return denial_back_.contains(word); }
  // Whether the concept is one of pain_words: a mention that makes a sentence about the pain.
  bool is_pain_word(std::string_view concept_id) const { return pain_words_.contains(concept_id); }
  // Whether the concept tells pain going from one place to another ("shoots down my leg"): the place
  // it reaches need not be where the pain starts.
  bool is_travelling_pain_word(std::string_view concept_id) const { return travelling_pain_words_.contains(concept_id); }
  // Whether the concept is a sign of a `sign_told_before` finding (its first group): told at the end of
  // a message, the next message may go on about it with "it".
  bool is_lendable_sign(std::string_view concept_id) const { return lendable_signs_.contains(concept_id); }
  // Whether the relation word at tokens [begin, end) describes the person writing ("young lad here",
  // "as a mum"), not someone they write about.
  bool names_the_writer(const std::vector<token>& tokens, std::size_t begin, std::size_t end) const;
  // Whether the relation word at tokens [begin, end) only reports the signs ("his teacher says he's
  // been limping", "my wife noticed I limp"): the signs are not theirs.
  bool only_reports(const std::vector<token>& tokens, std::size_t end) const;
  // Whether the relation word at `begin` only describes someone already spoken of ("he's a big kid",
  // "she's a teenager"), not a new person.
  bool only_describes(const std::vector<token>& tokens, std::size_t begin) const;
  // Whether the relation word at tokens [begin, end) is someone who has died ("my father died of
  // cancer", "my late mum"): told of for history, never the patient.
  bool is_deceased(const std::vector<token>& tokens, std::size_t begin, std::size_t end) const;
  // Whether the relation word at tokens [begin, end) names no one who could be the patient: someone who
  // has died, or a side of the family ("cancer on my mother's side"): reading.deceased, reading.family_side.
  bool names_no_patient(const std::vector<token>& tokens, std::size_t begin, std::size_t end) const;
  // Whether the word before a relation word makes it someone other than the patient who shares the
  // word ("*another* girl", "*his* own dad"): reading.someone_else_before, or a pronoun.
  bool marks_someone_else(std::string_view word) const { return someone_else_before_.contains(word) || is_pronoun(word); }
  // "the lady *in the next room* has flu": words after a relation word that set that person apart from
  // the patient who shares the word (reading.someone_else_after), starting at token `end`.
  bool set_apart_after(const std::vector<token>& tokens, std::size_t end) const;
  // "the tumour Mrs Kelly next door *had*", "the clot my sister *died of*": whether one of
  // reading.owner_verbs follows a person's name ending at token `end`, a few words on in the same clause.
  bool owner_verb_after(const std::vector<token>& tokens, std::size_t end) const;
  // "actually no sorry, it's the calves *as well* now": whether the rest of the sentence from token
  // `from` adds to what was said (reading.additions) rather than replacing it.
  bool adds_after(const std::vector<token>& tokens, std::size_t from) const;
  // Whether words dating a statement now (reading.now_words: "now", "at the moment") start at token `at`.
  bool tells_now_at(const std::vector<token>& tokens, std::size_t at) const;
  // Whether words of doubt (reading.doubt_back: "I cannot be sure", "not sure") start at token `at`.
  bool doubts_at(const std::vector<token>& tokens, std::size_t at) const { return doubt_back_.any_at(tokens, at); }
  // Whether a negation of knowing or thinking starts at token `at` ("dont know", "not sure"): its
  // negative word is spent on that verb (reading.knowing_negations).
  bool negates_knowing_at(const std::vector<token>& tokens, std::size_t at) const;
  // Whether a sentence of a message marks itself as correcting the message before ("sorry", "I mean":
  // reading.correction_words).
  bool marks_correction(const std::vector<token>& tokens, int sentence) const;
  // Where the retraction ends when a message opens by taking back what the one before said ("no wait
  // ...", "wait no, only the left", "sorry typo!! not both"): negation.retractions, after at most a few
  // filler words, words of correction and punctuation.
  std::optional<std::size_t> opening_retraction(const std::vector<token>& tokens) const;
  // Whether the word may open a sentence whose subject is left out, before its sign ("*gone* cold and
  // white"): reading.elided_subject_verbs.
  bool opens_without_subject(std::string_view word) const { return elided_subject_verbs_.contains(word); }
  // "*ma* left leg", "*ma* pal's sister": the possessive a word stands for (possessive_spellings) when the
  // next word opens a body part, a side or a person's name, else nullptr ("Ma had her hip done").
  const std::string* possessive_before(std::string_view word, std::string_view next) const;
  // Whether the word refers back to a thing named before ("them" in "keeping them in a drawer").
  bool refers_to_a_thing(std::string_view word) const { return thing_back_reference_.contains(word); }
  // Whether the word names a person other than the writer: a pronoun ("she", "his") or a relation word.
  bool names_a_person(std::string_view word) const { return is_pronoun(word) || is_relation(word); }
  // "a mate *of* mine": the word at k ends a person's name ("of mine", "of ours"); it does not speak
  // of the writer.
  bool belongs_to_person_before(const std::vector<token>& tokens, std::size_t k) const;
  // "hurts like nothing else *mate*, can't stand on it", "cheers *pal*": a word of address
  // (reading.address_words) set off by punctuation, with no "my" or "a" before it, speaks to the
  // reader; it names no one.
  bool addresses_the_reader(const std::vector<token>& tokens, std::size_t begin, std::size_t end) const;
  // "writing about my father ... my mom just had her hip replaced": words for a woman and a man
  // (reading.female_words, reading.male_words) name different people; false when either is unknown.
  bool differ_in_gender(std::string_view a, std::string_view b) const;
  // "can't lift the leg or stand on it": at a word right after a modal join, the trie node that the
  // clause's shared modal ("can't") leads to, so the phrase "can't stand on" reads from there; -1 when none.
  int shared_modal_node(const std::vector<token>& tokens, std::size_t at) const;
  // Whether the message says the writer is the patient ("it's me I'm asking about"):
  // reading.writer_is_patient, unless reading.writer_helps starts there.
  bool says_writer_is_patient(const std::vector<token>& tokens) const;
  // Whether the phone passes to the patient ("its him now", "its derek now": a sentence of "its", one
  // word that no phrase of the lexicon holds, and "now"; reading.hands_over) or back to the first writer
  // (reading.hands_back).
  bool hands_over(const std::vector<token>& tokens) const;
  // "wife here: it's like my pelvis ...", "its his son here": the relation word by which a message's
  // first words name its writer (reading.writer_after, reading.writer_before), if any.
  std::optional<std::string> writer_named_first(const std::vector<token>& tokens) const;
  // The same, named as someone's ("this is *his* wife", "her daughter here"): the writer is a
  // relation of the person "he" or "she" names.
  bool writer_named_as_theirs(const std::vector<token>& tokens) const;
  bool hands_back(const std::vector<token>& tokens) const;
  // Whether it says the writer has pain of their own ("mine's just aching", "my own back"): that, or
  // reading.writer_owns.
  bool says_writer_has_pain(const std::vector<token>& tokens) const;
  // Whether the writer marks something as their own ("my own back", "myself"): reading.writer_owns.
  bool marks_writer_own(const std::vector<token>& tokens) const;
  // Whether the writer sets their own pain aside beside someone else's ("I've a sore back myself but
  // nothing like this"): reading.writer_compares.
  bool writer_only_compares(const std::vector<token>& tokens) const;
  // Whether the writer tells an ache got from tending someone ("my own knee is killing me from
  // kneeling beside her", "wrenched my back trying to lift him"): a lead of reading.tending_leads, an
  // "-ing" word after it (or any word after one ending in "to"), then "her" or "him" within three
  // words of the same clause ("her" only before no word, a clause join or reading.object_after). An ache
  // got so is an aside: the one tended is the patient.
  bool writer_hurt_tending(const std::vector<token>& tokens) const;
  // Whether the writer says they write for someone else ("messaging for my partner", "asking for a
  // friend"): reading.writes_for; and whether such a phrase is followed by the relation word it is for
  // ("it's for my husband", "asking about our son"), not by the writer's own body ("asking about my
  // back"). One pass over the message for both.
  writes_for_reading reads_writes_for(const std::vector<token>& tokens) const;
  // Whether a relation word (one or two words) stands at token k, naming who it is for.
  bool relation_at(const std::vector<token>& tokens, std::size_t k) const;
  // The relation named at token k, longest first ("mother in law" before "mother"); a plural or
  // possessive "s" typed without an apostrophe ("mother in laws leg") names the same relation.
  std::optional<named_relation> relation_named_at(const std::vector<token>& tokens, std::size_t k) const;
  // Whether the clause of the sign at tokens [begin, end) says it is the writer's own ("I've had a bad
  // back for six months myself", "my own back is sore"): reading.writer_owns in the clause, with no
  // "he", "she" or relation word between it and the sign.
  bool writer_owns_clause(const std::vector<token>& tokens, std::size_t begin, std::size_t end) const;
  // Whether the writer is the subject right before the sign at `begin` ("i leak", "i get pins and
  // needles"): "I", "I'm", "I've" or "I'd" there, or one word before with a word between that names no
  // one and does not only report ("i noticed swelling" tells what the writer saw); or "me" right
  // before it ("calves make me nervous"); or a clause the writer opens as one who has something
  // (reading.writer_has after reading.clause_joins: "so *I've got* arthritis in both knees").
  bool writer_is_subject(const std::vector<token>& tokens, std::size_t begin) const;
  // "I'm a 44-year-old man", "fifty-one year old man, pain in the groin": "old" after an age is the
  // age, not the start of a relation ("old man"); such words describe, they name no one else.
  bool old_after_an_age(const std::vector<token>& tokens, std::size_t k) const;
  // Words after which a relation word names someone ("my", "our", "after"): reading.relation_before.
  bool opens_a_relation(std::string_view word) const { return relation_before_.contains(word); }
  // Words after which a person is only met ("with", "into"): reading.object_before.
  bool marks_an_object(std::string_view word) const { return object_before_.contains(word); }
  // Words of handling after which a person is what the writer moves or holds ("carrying", "lifting"):
  // reading.handled_before.
  bool marks_handled(std::string_view word) const { return handled_before_.contains(word); }
  // Words that judge what a that-clause tells, so a question or worry about them tells it as real
  // ("could it be *serious* that I can't feel my legs"): reading.factive_before_that.
  bool judges_a_fact(std::string_view word) const { return factive_before_that_.contains(word); }
  // "another girl *on* her team": a pronoun after one of these (reading.place_before) qualifies a
  // place or group, and names no one the clause is about.
  bool marks_a_place(std::string_view word) const { return place_before_.contains(word); }
  // "Years ago I had a discectomy *because* of numbness": a terminator (reading.past_through) that ends a
  // negation or a worry, but not the time that dates its sentence.
  bool past_reaches_through(std::string_view word) const { return past_through_.contains(word); }
  // relative_days phrases split into words once, for the duration reader.
  const std::vector<std::pair<std::vector<std::string>, int>>& relative_day_phrases() const { return relative_days_; }
  // age_words phrases split into words once, with their ages, for the age reader.
  const std::vector<std::pair<std::vector<std::string>, double>>& age_word_phrases() const { return age_words_; }
  // Whether a relative_days or age_words phrase can start with this word (most words cannot).
  bool starts_phrase_of_days_or_age(std::string_view word) const { return day_or_age_starts_.contains(word); }
  // Whether an age word is also a place ("reception", "high school": reading.age_places).
  bool is_age_place(std::string_view phrase) const { return age_places_.contains(phrase); }

  static constexpr int max_gap = 3;

 private:
  // The lexicon word this word is with one consonant doubled or made single ("clamy": "clammy"); sets
  // *everyday_word_meant when such a variant is a dictionary word instead ("riping": "ripping").
  std::pair<int, std::string> consonant_variant(std::string_view typed, bool* everyday_word_meant = nullptr) const;
  void add_phrase(const std::string& phrase, entry e);
  void add_phrase_words(const std::vector<std::string>& words, entry e);
  // Whether one of the phrases starts somewhere in the tokens where no reading.writer_helps phrase does.
  bool writer_phrase_in(const phrase_index& phrases, const std::vector<token>& tokens,
                        bool skip_after_back_reference = false) const;

  template <typename V>
  static const V* find_in(const string_map<V>& map, std::string_view key) {
    const auto it = map.find(key);
    return it == map.end() ? nullptr : &it->second;
  }

  lexicon_data data_;
  string_map<double> number_words_;
  string_map<int> duration_units_;
  string_map<std::string> regions_;
  string_map<std::string> trends_;
  string_map<int> weekdays_;
  string_map<int> short_weekdays_;
  std::vector<std::string> words_;
  string_map<int> word_ids_;
  string_set dictionary_;
  string_set relations_;
  string_set age_places_;
  string_set pronouns_;
  string_set fillers_;
  string_set first_person_words_;
  string_set negation_words_;
  string_set denial_back_;
  string_set pain_words_;
  string_set travelling_pain_words_;
  string_set lendable_signs_;  // the first groups' concepts of the sign_told_before findings
  string_map<int> stems_;  // stem of a lexicon word -> the word ("leak" for leaks, leaked, leaking)
  std::vector<int> stem_siblings_;  // per lexicon word: see stem_sibling
  string_map<int> concept_ids_;
  std::vector<std::pair<std::vector<std::string>, int>> relative_days_;
  std::vector<std::pair<std::vector<std::string>, double>> age_words_;
  string_set writer_after_;
  string_set day_or_age_starts_;
  string_set reporter_after_;
  string_set deceased_;
  string_set family_side_;
  string_set thing_back_reference_;
  string_set someone_else_before_;
  std::vector<std::vector<std::string>> someone_else_after_;
  phrase_index owner_verbs_;
  phrase_index additions_;
  phrase_index knowing_negations_;
  phrase_index correction_words_;
  phrase_index retractions_;
  phrase_index now_words_;
  phrase_index doubt_back_;
  string_set possessive_words_;  // the keys of possessive_spellings, for a lookup without a copy
  string_set elided_subject_verbs_;
  string_set possessed_starts_;  // first words of body parts, sides and relations
  string_set place_before_;
  string_set past_through_;
  string_set answer_no_words_;
  string_set opens_long_relation_;  // first words of relations of several words ("mother" of "mother in law")
  std::vector<std::vector<std::string>> writer_before_;
  std::vector<std::vector<std::string>> description_before_;
  phrase_index writer_is_patient_;
  phrase_index hands_over_;
  phrase_index hands_back_;
  phrase_index writer_owns_;
  std::vector<std::vector<std::string>> shared_modals_;
  string_set modal_joins_;
  string_set quantifiers_;
  string_set measure_units_;
  string_set address_words_;
  string_set female_words_;
  string_set male_words_;
  std::vector<std::vector<std::string>> writer_has_;
  string_set clause_joins_;
  phrase_index writer_compares_;
  phrase_index writer_helps_;
  phrase_index writes_for_;
  phrase_index tending_leads_;
  string_set temperature_words_;
  string_set object_after_;
  string_set subject_openers_;
  string_set years_words_;
  string_set possessives_;
  string_set state_verbs_;
  phrase_index comparison_words_;
  string_set comparison_between_;
  string_set wish_before_;
  phrase_index owning_words_;
  string_set describing_determiners_;
  string_set name_before_words_;
  string_set place_prepositions_;
  string_set owned_body_words_;
  string_set relation_before_;
  string_set object_before_;
  string_set handled_before_;
  string_set factive_before_that_;
  std::size_t finding_group_count_ = 0;
  std::vector<std::size_t> first_finding_group_;  // per finding
  string_map<std::vector<std::size_t>> finding_groups_;  // id -> the groups naming it
  std::vector<bool> finding_group_names_a_place_;
  std::vector<bool> finding_group_names_a_thing_;
  fuzzy_index fuzzy_;
  std::array<std::vector<std::string>, 256> number_words_by_initial_;  // misspelt_number_word
  std::vector<trie_node> trie_;
};

// The stem of an English word: inflections and common suffixes off, so "leaking", "leaked" and "leaks"
// share "leak" and "wiping" and "wipe" share "wip". Words of up to 3 letters are their own stem.
std::string stem(std::string_view word);
// Whether the typed word and a lexicon word share a stem only because stem() drops a final "e" that
// one of them really has: "lunges" (lunge) and "lung", "spins" and "spine", "cared" (care) and "car".
bool only_the_e_links(std::string_view typed, std::string_view word);
// Whether the word ends in one of the suffixes stem() removes: only such words are matched by stem
// ("leaking" -> "leak"), so a base word never turns into another ("care" is not "car").
bool is_inflected(std::string_view word);

// Splits a lexicon phrase into its words ("can't feel * bum" -> cant, feel, *, bum).
std::vector<std::string> phrase_words(std::string_view phrase);

}  // namespace triagebot::nlu
