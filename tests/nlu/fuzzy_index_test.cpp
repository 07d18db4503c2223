// Unit tests for nlu/fuzzy_index: optimal-string-alignment distance, edit allowances, nearest word.
#include "nlu/fuzzy_index.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace triagebot::nlu {
namespace {

constexpr int kFar = 10;

TEST(NluFuzzyIndex, DistanceOfIdenticalWordsIsZero) {
  EXPECT_EQ(damerau_levenshtein("numbness", "numbness", kFar), 0);
  EXPECT_EQ(damerau_levenshtein("", "", kFar), 0);
}

TEST(NluFuzzyIndex, DistanceCountsInsertionsDeletionsSubstitutions) {
  EXPECT_EQ(damerau_levenshtein("numbnes", "numbness", kFar), 1);   // insertion
  EXPECT_EQ(damerau_levenshtein("numbness", "numbnes", kFar), 1);   // deletion
  EXPECT_EQ(damerau_levenshtein("tingle", "tangle", kFar), 1);      // substitution
  EXPECT_EQ(damerau_levenshtein("kitten", "sitting", kFar), 3);
  EXPECT_EQ(damerau_levenshtein("", "abc", kFar), 3);
  EXPECT_EQ(damerau_levenshtein("abc", "", kFar), 3);
}

TEST(NluFuzzyIndex, AdjacentTranspositionCostsOne) {
  EXPECT_EQ(damerau_levenshtein("ab", "ba", kFar), 1);
  EXPECT_EQ(damerau_levenshtein("sicatica", "sciatica", kFar), 1);
  EXPECT_EQ(damerau_levenshtein("tingilng", "tingling", kFar), 1);
  // Plain Levenshtein would say 2 for a swap.
  EXPECT_EQ(damerau_levenshtein("hpi", "hip", kFar), 1);
}

TEST(NluFuzzyIndex, IsOptimalStringAlignmentNotUnrestrictedDamerau) {
  // OSA may not edit a transposed pair again: "ca" -> "abc" is 3 (unrestricted Damerau gives 2).
  EXPECT_EQ(damerau_levenshtein("ca", "abc", kFar), 3);
}

TEST(NluFuzzyIndex, DistanceIsSymmetric) {
  EXPECT_EQ(damerau_levenshtein("trampoleen", "trampoline", kFar), 2);
  EXPECT_EQ(damerau_levenshtein("trampoline", "trampoleen", kFar), 2);
}

TEST(NluFuzzyIndex, DistanceStopsAtMaxPlusOne) {
  EXPECT_EQ(damerau_levenshtein("kitten", "sitting", 1), 2);
  EXPECT_EQ(damerau_levenshtein("kitten", "sitting", 2), 3);
  EXPECT_EQ(damerau_levenshtein("kitten", "sitting", 3), 3);
  EXPECT_EQ(damerau_levenshtein("a", "abcdef", 2), 3);  // length gap alone exceeds the limit
  EXPECT_EQ(damerau_levenshtein("abc", "xyz", 0), 1);
  EXPECT_EQ(damerau_levenshtein("abc", "abc", 0), 0);
}

TEST(NluFuzzyIndex, AllowedEditsThresholds) {
  EXPECT_EQ(allowed_edits(0), 0);
  EXPECT_EQ(allowed_edits(3), 0);
  EXPECT_EQ(allowed_edits(4), 0);
  EXPECT_EQ(allowed_edits(5), 1);
  EXPECT_EQ(allowed_edits(7), 1);
  EXPECT_EQ(allowed_edits(8), 2);
  EXPECT_EQ(allowed_edits(20), 2);
}

class NluFuzzyIndexNearest : public ::testing::Test {
 protected:
  fuzzy_index index_{std::vector<std::string>{"numbness", "trampoline", "embarrassing", "back", "bum", "tingling",
                                              "sciatica", "numb"}};
};

TEST_F(NluFuzzyIndexNearest, FindsNumbnessForNumbnes) {
  const auto found = index_.nearest("numbnes");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(*found, "numbness");
}

TEST_F(NluFuzzyIndexNearest, FindsTrampolineForTrampoleenWithTwoEdits) {
  const auto found = index_.nearest("trampoleen");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(*found, "trampoline");
}

TEST_F(NluFuzzyIndexNearest, FindsEmbarrassingForEmbarassing) {
  const auto found = index_.nearest("embarassing");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(*found, "embarrassing");
}

TEST_F(NluFuzzyIndexNearest, FindsTransposedLetters) {
  const auto found = index_.nearest("sicatica");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(*found, "sciatica");
}

TEST_F(NluFuzzyIndexNearest, ExactWordIsItsOwnNearest) {
  const auto found = index_.nearest("tingling");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(*found, "tingling");
}

TEST_F(NluFuzzyIndexNearest, ShortTypedWordsAreNeverCorrected) {
  EXPECT_FALSE(index_.nearest("bak").has_value());
  EXPECT_FALSE(index_.nearest("bumm").has_value());
  EXPECT_FALSE(index_.nearest("nub").has_value());
  EXPECT_FALSE(index_.nearest("").has_value());
}

TEST_F(NluFuzzyIndexNearest, ShortIndexedWordsAreNeverTargets) {
  // "backk" (5 letters) is one edit from "back", but 4-letter words are not indexed.
  EXPECT_FALSE(index_.nearest("backk").has_value());
  EXPECT_FALSE(index_.nearest("numbb").has_value());
}

TEST_F(NluFuzzyIndexNearest, TooManyEditsFindNothing) {
  // 7 letters allow only 1 edit; "nmbnes" is 2 edits from "numbness".
  EXPECT_FALSE(index_.nearest("nmbnes").has_value());
  // 10 letters allow 2 edits; this is 3 away from "trampoline".
  EXPECT_FALSE(index_.nearest("trumpolean").has_value());
  EXPECT_FALSE(index_.nearest("headache").has_value());
}

TEST_F(NluFuzzyIndexNearest, EditsAreLimitedByTheShorterWord) {
  // "tinglinggg" (10 letters) would allow 2 edits, but the candidate "tingling" (8) allows 2 as well:
  // found. "numbnesss" -> "numbness" is 1 edit.
  auto found = index_.nearest("tinglinggg");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(*found, "tingling");
  found = index_.nearest("numbnesss");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(*found, "numbness");
}

TEST(NluFuzzyIndex, EmptyIndexFindsNothing) {
  const fuzzy_index empty;
  EXPECT_FALSE(empty.nearest("numbness").has_value());
  const fuzzy_index only_short{std::vector<std::string>{"leg", "hip", "back"}};
  EXPECT_FALSE(only_short.nearest("backs").has_value());
}

TEST(NluFuzzyIndex, PrefersTheCloserWord) {
  const fuzzy_index index{std::vector<std::string>{"tingles", "tingling"}};
  // "tinglin" is 1 from "tingling" and 2 from "tingles" (7 letters allow 1 edit anyway).
  const auto found = index.nearest("tinglin");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(*found, "tingling");
  // 9 letters allow 2 edits: "tinglings" is 1 from "tingling" and 2 from "tingles"; the closer wins
  // although "tingles" was indexed first.
  const auto found2 = index.nearest("tinglings");
  ASSERT_TRUE(found2.has_value());
  EXPECT_EQ(*found2, "tingling");
}

TEST(NluFuzzyIndex, TiesGoToTheWordIndexedFirst) {
  const fuzzy_index paint_first{std::vector<std::string>{"paint", "pains"}};
  const fuzzy_index pains_first{std::vector<std::string>{"pains", "paint"}};
  const auto a = paint_first.nearest("painx");
  const auto b = pains_first.nearest("painx");
  ASSERT_TRUE(a.has_value());
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(*a, "paint");
  EXPECT_EQ(*b, "pains");
}

// A typo seldom changes the first letter: on a tie, the word that keeps it wins, whichever was indexed
// first ("yeers" is "years", not "beers").
TEST(NluFuzzyIndex, TiesGoFirstToTheWordThatKeepsTheFirstLetter) {
  const fuzzy_index beers_first{std::vector<std::string>{"beers", "years"}};
  const auto found = beers_first.nearest("yeers");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(*found, "years");
}

TEST(NluFuzzyIndex, DuplicateWordsAreIndexedOnce) {
  const fuzzy_index index{std::vector<std::string>{"pains", "pains", "paint"}};
  // With duplicates ignored, "paint" is still found for a word nearer to it.
  const auto found = index.nearest("painte");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(*found, "paint");
}

}  // namespace
}  // namespace triagebot::nlu
