// Unit tests for nlu/phrase_matcher on small hand-built lexicons: longest match, concept precedence,
// gap phrases, typo correction, shared phrases and trigger role masks.
#include "nlu/phrase_matcher.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "nlu/lexicon.hpp"
#include "nlu/text_normalizer.hpp"
#include "nlu/tokenizer.hpp"

namespace triagebot::nlu {
namespace {

concept_def make_concept(std::string id, std::vector<std::string> phrases) {
  concept_def c;
  c.id = std::move(id);
  c.phrases = std::move(phrases);
  return c;
}

struct matched {
  std::vector<token> tokens;
  matched_text result;
};

matched run(const lexicon& lex, std::string_view text) {
  matched out;
  out.tokens = tokenize(normalize_text(text));
  out.result = match_phrases(lex, out.tokens);
  return out;
}

std::string span_text(const matched& m, const phrase_match& pm) {
  std::string s;
  for (std::size_t i = pm.begin; i < pm.end; ++i) {
    if (!s.empty()) s += ' ';
    s += m.tokens[i].text;
  }
  return s;
}

// The concept ids of every concept match, in order ("a|b" for a phrase in two concepts).
std::vector<std::string> concept_ids(const lexicon& lex, const matched& m) {
  std::vector<std::string> out;
  for (const auto& pm : m.result.matches) {
    if (pm.kind != match_kind::concept_phrase) continue;
    std::string ids;
    for (int c : pm.concepts) {
      if (!ids.empty()) ids += '|';
      ids += lex.data().concepts[static_cast<std::size_t>(c)].id;
    }
    out.push_back(ids);
  }
  return out;
}

using V = std::vector<std::string>;

// ---- longest match, precedence --------------------------------------------------------------

class NluPhraseMatcherLongest : public ::testing::Test {
 protected:
  static lexicon build() {
    lexicon_data d;
    d.concepts.push_back(make_concept("part_lower_back", {"back", "lower back"}));
    d.concepts.push_back(make_concept("pain", {"pain", "hurts"}));
    d.concepts.push_back(make_concept("back_pain", {"lower back pain"}));
    d.triggers[match_kind::pre_negation] = {"no", "not"};
    d.triggers[match_kind::pseudo_trigger] = {"not only"};
    return lexicon(std::move(d));
  }
  lexicon lex_ = build();
};

TEST_F(NluPhraseMatcherLongest, LongestConceptPhraseWins) {
  const auto m = run(lex_, "lower back pain");
  ASSERT_EQ(m.result.matches.size(), 1u);
  EXPECT_EQ(m.result.matches[0].begin, 0u);
  EXPECT_EQ(m.result.matches[0].end, 3u);
  EXPECT_EQ(concept_ids(lex_, m), (V{"back_pain"}));
}

TEST_F(NluPhraseMatcherLongest, FallsBackToShorterPhrasesWhenTheLongOneIsIncomplete) {
  const auto m = run(lex_, "lower back hurts");
  ASSERT_EQ(m.result.matches.size(), 2u);
  EXPECT_EQ(span_text(m, m.result.matches[0]), "lower back");
  EXPECT_EQ(span_text(m, m.result.matches[1]), "hurts");
  EXPECT_EQ(concept_ids(lex_, m), (V{"part_lower_back", "pain"}));
}

TEST_F(NluPhraseMatcherLongest, TheMatchesCoveringMostWordsWinOverTheLeftmost) {
  lexicon_data d;
  d.concepts.push_back(make_concept("trend_better", {"much better"}));
  d.concepts.push_back(make_concept("crisis_words", {"better off if i wasnt around"}));
  const lexicon lex(std::move(d));
  // Leftmost-longest would take "much better" and leave the rest unread.
  EXPECT_EQ(concept_ids(lex, run(lex, "they would be so much better off if i wasnt around")), (V{"crisis_words"}));
  // Equal cover: the leftmost wins, as before.
  EXPECT_EQ(concept_ids(lex, run(lex, "much better")), (V{"trend_better"}));
}

TEST_F(NluPhraseMatcherLongest, AShorterPhraseFromTheSameWordWhereTheLongestWouldLeaveWordsUnread) {
  lexicon_data d;
  d.concepts.push_back(make_concept("not_a_body_part", {"came back"}));
  d.concepts.push_back(make_concept("part_lower_back", {"back"}));
  d.concepts.push_back(make_concept("positional", {"came back * the second", "the second he stood up"}));
  const lexicon lex(std::move(d));
  // "came back the second" would leave "he stood up" unread and cannot be kept; "came back" can.
  EXPECT_EQ(concept_ids(lex, run(lex, "it came back the second he stood up")), (V{"not_a_body_part", "positional"}));
  // Where the longest is part of the best cover, it is kept.
  EXPECT_EQ(concept_ids(lex, run(lex, "it came back the second time")), (V{"positional"}));
}

TEST_F(NluPhraseMatcherLongest, AGapDoesNotStepOverAJoiningWordThatOpensANewSubject) {
  lexicon_data d;
  d.concepts.push_back(make_concept("foot_drop", {"dragging * foot"}));
  const lexicon lex(std::move(d));
  EXPECT_EQ(concept_ids(lex, run(lex, "dragging that leg and the foot turns out")), V{});
  EXPECT_EQ(concept_ids(lex, run(lex, "dragging his leg and foot")), (V{"foot_drop"}));
}

TEST_F(NluPhraseMatcherLongest, LongerTriggerBeatsShorterTrigger) {
  const auto m = run(lex_, "not only pain");
  ASSERT_EQ(m.result.matches.size(), 2u);
  EXPECT_EQ(m.result.matches[0].kind, match_kind::pseudo_trigger);
  EXPECT_EQ(m.result.matches[0].end, 2u);
  EXPECT_FALSE(has_role(m.result.matches[0], match_kind::pre_negation));
  EXPECT_EQ(m.result.matches[1].kind, match_kind::concept_phrase);
}

TEST_F(NluPhraseMatcherLongest, MatchesAreOrderedNonOverlappingAndCarryTheirSentence) {
  const auto m = run(lex_, "no pain. lower back pain, back");
  ASSERT_EQ(m.result.matches.size(), 4u);
  const auto& ms = m.result.matches;
  EXPECT_EQ(ms[0].kind, match_kind::pre_negation);
  EXPECT_EQ(ms[0].sentence, 0);
  EXPECT_EQ(ms[1].sentence, 0);
  EXPECT_EQ(ms[2].begin, 3u);
  EXPECT_EQ(ms[2].end, 6u);
  EXPECT_EQ(ms[2].sentence, 1);
  EXPECT_EQ(ms[3].begin, 7u);
  EXPECT_EQ(ms[3].sentence, 1);
  for (std::size_t i = 1; i < ms.size(); ++i) EXPECT_LE(ms[i - 1].end, ms[i].begin);
  EXPECT_EQ(concept_ids(lex_, m), (V{"pain", "back_pain", "part_lower_back"}));
}

TEST_F(NluPhraseMatcherLongest, UnknownWordsProduceNoMatches) {
  const auto m = run(lex_, "the weather is lovely");
  EXPECT_TRUE(m.result.matches.empty());
  EXPECT_TRUE(m.result.corrections.empty());
}

TEST(NluPhraseMatcher, ConceptBeatsTriggerOfTheSameLength) {
  lexicon_data d;
  d.concepts.push_back(make_concept("numbness", {"cant * feel"}));
  d.triggers[match_kind::pre_negation] = {"cant really feel"};
  const lexicon lex(std::move(d));
  // The trigger is an exact path and the concept a gap path; both end after "feel".
  const auto m = run(lex, "i cant really feel it");
  ASSERT_EQ(m.result.matches.size(), 1u);
  EXPECT_EQ(m.result.matches[0].kind, match_kind::concept_phrase);
  EXPECT_EQ(m.result.matches[0].begin, 1u);
  EXPECT_EQ(m.result.matches[0].end, 4u);
  EXPECT_EQ(concept_ids(lex, m), (V{"numbness"}));
}

TEST(NluPhraseMatcher, ConceptBeatsTriggerOnTheSamePhrase) {
  lexicon_data d;
  d.concepts.push_back(make_concept("numbness", {"no feeling"}));
  d.triggers[match_kind::pre_negation] = {"no feeling", "no"};
  const lexicon lex(std::move(d));
  const auto m = run(lex, "no feeling");
  ASSERT_EQ(m.result.matches.size(), 1u);
  const auto& pm = m.result.matches[0];
  EXPECT_EQ(pm.kind, match_kind::concept_phrase);
  EXPECT_EQ(pm.end, 2u);
  EXPECT_EQ(concept_ids(lex, m), (V{"numbness"}));
  EXPECT_FALSE(has_role(pm, match_kind::answer_no));
}

// ---- gap phrases ----------------------------------------------------------------------------

class NluPhraseMatcherGap : public ::testing::Test {
 protected:
  static lexicon build() {
    lexicon_data d;
    d.concepts.push_back(make_concept("numbness", {"cant * feel"}));
    d.concepts.push_back(make_concept("chest_pain", {"pain in * chest"}));
    d.triggers[match_kind::pre_negation] = {"cant"};
    d.fillers = {"like"};
    return lexicon(std::move(d));
  }
  lexicon lex_ = build();

  // True when one concept match spans exactly the whole text.
  bool whole_numbness(std::string_view text) const {
    const auto m = run(lex_, text);
    return m.result.matches.size() == 1 && m.result.matches[0].kind == match_kind::concept_phrase &&
           m.result.matches[0].begin == 0 && m.result.matches[0].end == m.tokens.size();
  }
};

TEST_F(NluPhraseMatcherGap, EmptyGapMatches) { EXPECT_TRUE(whole_numbness("cant feel")); }

TEST_F(NluPhraseMatcherGap, OneWordGapMatches) { EXPECT_TRUE(whole_numbness("cant really feel")); }

TEST_F(NluPhraseMatcherGap, ThreeWordGapMatches) { EXPECT_TRUE(whole_numbness("cant really really really feel")); }

TEST_F(NluPhraseMatcherGap, GapOfFourTokensDoesNotMatch) {
  const auto m = run(lex_, "cant really really really really feel");
  ASSERT_EQ(m.result.matches.size(), 1u);
  EXPECT_EQ(m.result.matches[0].kind, match_kind::pre_negation);  // only the trigger "cant"
  EXPECT_EQ(m.result.matches[0].end, 1u);
}

TEST_F(NluPhraseMatcherGap, GapDoesNotCrossASentenceEnd) {
  for (const char* text : {"cant. feel", "cant sleep. feel", "cant sleep! feel", "cant\nfeel"}) {
    const auto m = run(lex_, text);
    ASSERT_EQ(m.result.matches.size(), 1u) << text;
    EXPECT_EQ(m.result.matches[0].kind, match_kind::pre_negation) << text;
  }
}

TEST_F(NluPhraseMatcherGap, GapMayCrossACommaThatSetsOffAFiller) { EXPECT_TRUE(whole_numbness("cant, like, feel")); }

// "pain in my back, my chest is fine" is no chest pain: a gap stays inside its clause.
TEST_F(NluPhraseMatcherGap, GapDoesNotCrossAClauseComma) {
  EXPECT_TRUE(concept_ids(lex_, run(lex_, "pain in my back, my chest is fine")).empty());
  EXPECT_EQ(concept_ids(lex_, run(lex_, "pain in my chest")), (V{"chest_pain"}));
  EXPECT_TRUE(concept_ids(lex_, run(lex_, "cant (really) feel")).empty());
}

TEST_F(NluPhraseMatcherGap, GapMatchesInsideLongerText) {
  const auto m = run(lex_, "i cant really feel the paper");
  ASSERT_EQ(m.result.matches.size(), 1u);
  EXPECT_EQ(m.result.matches[0].begin, 1u);
  EXPECT_EQ(m.result.matches[0].end, 4u);
}

TEST(NluPhraseMatcher, GapTakesTheLongestCompletion) {
  lexicon_data d;
  d.concepts.push_back(make_concept("non_weight_bearing", {"cant put * foot down", "cant put * foot"}));
  const lexicon lex(std::move(d));
  const auto m = run(lex, "cant put my foot down");
  ASSERT_EQ(m.result.matches.size(), 1u);
  EXPECT_EQ(m.result.matches[0].end, 5u);
}

// ---- typo correction ------------------------------------------------------------------------

TEST(NluPhraseMatcher, CorrectsTyposToLexiconWords) {
  lexicon_data d;
  d.concepts.push_back(make_concept("numbness", {"numbness"}));
  d.concepts.push_back(make_concept("saddle_area", {"bum"}));
  const lexicon lex(std::move(d));
  const auto m = run(lex, "numbnes in my bum");
  EXPECT_EQ(concept_ids(lex, m), (V{"numbness", "saddle_area"}));
  ASSERT_EQ(m.result.corrections.size(), 1u);
  EXPECT_EQ(m.result.corrections[0].typed, "numbnes");
  EXPECT_EQ(m.result.corrections[0].meant, "numbness");
  // The token keeps what was typed.
  EXPECT_EQ(m.tokens[0].text, "numbnes");
}

TEST(NluPhraseMatcher, CorrectedWordsCanCompleteMultiWordPhrases) {
  lexicon_data d;
  d.concepts.push_back(make_concept("tingling", {"pins and needles"}));
  const lexicon lex(std::move(d));
  const auto m = run(lex, "pins and neadles");
  ASSERT_EQ(m.result.matches.size(), 1u);
  EXPECT_EQ(m.result.matches[0].end, 3u);
  ASSERT_EQ(m.result.corrections.size(), 1u);
  EXPECT_EQ(m.result.corrections[0].meant, "needles");
}

TEST(NluPhraseMatcher, DictionaryWordsAreNotCorrected) {
  lexicon_data with_dictionary;
  with_dictionary.concepts.push_back(make_concept("limp", {"walking"}));
  with_dictionary.dictionary = {"talking"};
  const lexicon lex(std::move(with_dictionary));
  const auto m = run(lex, "talking");
  EXPECT_TRUE(m.result.matches.empty());
  EXPECT_TRUE(m.result.corrections.empty());

  // Without the dictionary entry the same word is one edit from "walking" and is corrected.
  lexicon_data without_dictionary;
  without_dictionary.concepts.push_back(make_concept("limp", {"walking"}));
  const lexicon lex2(std::move(without_dictionary));
  const auto m2 = run(lex2, "talking");
  EXPECT_EQ(concept_ids(lex2, m2), (V{"limp"}));
  ASSERT_EQ(m2.result.corrections.size(), 1u);
  EXPECT_EQ(m2.result.corrections[0].typed, "talking");
  EXPECT_EQ(m2.result.corrections[0].meant, "walking");
}

TEST(NluPhraseMatcher, ExactLexiconWordsAndNumbersAreNotCorrections) {
  lexicon_data d;
  d.concepts.push_back(make_concept("numbness", {"numbness"}));
  const lexicon lex(std::move(d));
  const auto m = run(lex, "numbness 12345");
  EXPECT_EQ(concept_ids(lex, m), (V{"numbness"}));
  EXPECT_TRUE(m.result.corrections.empty());
}

TEST(NluPhraseMatcher, ShortTyposAreNotCorrected) {
  lexicon_data d;
  d.concepts.push_back(make_concept("part_lower_back", {"back"}));
  const lexicon lex(std::move(d));
  const auto m = run(lex, "bak");
  EXPECT_TRUE(m.result.matches.empty());
  EXPECT_TRUE(m.result.corrections.empty());
}

// ---- shared phrases and roles ---------------------------------------------------------------

TEST(NluPhraseMatcher, PhraseInTwoConceptsYieldsBothConceptIndices) {
  lexicon_data d;
  d.concepts.push_back(make_concept("part_buttock", {"buttock", "bum"}));
  d.concepts.push_back(make_concept("saddle_area", {"bum", "privates"}));
  const lexicon lex(std::move(d));
  const auto m = run(lex, "my bum");
  ASSERT_EQ(m.result.matches.size(), 1u);
  const auto& pm = m.result.matches[0];
  EXPECT_EQ(pm.kind, match_kind::concept_phrase);
  EXPECT_EQ(pm.concepts, (std::vector<int>{lex.concept_index("part_buttock"), lex.concept_index("saddle_area")}));
  EXPECT_EQ(pm.concepts, (std::vector<int>{0, 1}));
}

TEST(NluPhraseMatcher, PhraseWithTwoTriggerRolesHasBothRoles) {
  lexicon_data d;
  d.triggers[match_kind::pre_negation] = {"no"};
  d.triggers[match_kind::answer_no] = {"no", "nope"};
  d.triggers[match_kind::answer_yes] = {"yes"};
  const lexicon lex(std::move(d));
  const auto m = run(lex, "no");
  ASSERT_EQ(m.result.matches.size(), 1u);
  const auto& pm = m.result.matches[0];
  EXPECT_TRUE(has_role(pm, match_kind::pre_negation));
  EXPECT_TRUE(has_role(pm, match_kind::answer_no));
  EXPECT_FALSE(has_role(pm, match_kind::answer_yes));
  EXPECT_FALSE(has_role(pm, match_kind::post_negation));
  // The earliest-defined role is its kind.
  EXPECT_EQ(pm.kind, match_kind::pre_negation);
  EXPECT_TRUE(pm.concepts.empty());
  EXPECT_EQ(pm.roles, (1u << static_cast<unsigned>(match_kind::pre_negation)) |
                          (1u << static_cast<unsigned>(match_kind::answer_no)));

  const auto nope = run(lex, "nope");
  ASSERT_EQ(nope.result.matches.size(), 1u);
  EXPECT_EQ(nope.result.matches[0].kind, match_kind::answer_no);
  EXPECT_FALSE(has_role(nope.result.matches[0], match_kind::pre_negation));
}

TEST(NluPhraseMatcher, RelationsAndPronounsAreOtherPersonTriggers) {
  lexicon_data d;
  d.relations = {"son", "mother in law"};
  d.pronouns = {"he"};
  const lexicon lex(std::move(d));
  const auto m = run(lex, "my son and my mother in law said he");
  ASSERT_EQ(m.result.matches.size(), 3u);
  for (const auto& pm : m.result.matches) EXPECT_EQ(pm.kind, match_kind::other_person);
  EXPECT_EQ(span_text(m, m.result.matches[1]), "mother in law");
  EXPECT_TRUE(lex.is_relation("son"));
  EXPECT_TRUE(lex.is_pronoun("he"));
  EXPECT_FALSE(lex.is_pronoun("son"));
}

TEST(NluPhraseMatcher, PhrasesAreNormalisedLikeTheText) {
  lexicon_data d;
  d.concepts.push_back(make_concept("numbness", {"Can't feel"}));
  const lexicon lex(std::move(d));
  EXPECT_EQ(concept_ids(lex, run(lex, "I CAN\xE2\x80\x99T FEEL it")), (V{"numbness"}));
  EXPECT_EQ(phrase_words("can't feel * bum"), (V{"cant", "feel", "*", "bum"}));
}

}  // namespace
}  // namespace triagebot::nlu
