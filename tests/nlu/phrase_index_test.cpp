// Unit tests for nlu/phrase_index: phrases found by their first word, in list order.
#include "nlu/phrase_index.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "nlu/text_normalizer.hpp"

namespace triagebot::nlu {
namespace {

std::vector<token> tokens_of(std::string_view text) { return tokenize(normalize_text(text)); }

std::vector<std::size_t> positions(const phrase_index& index, std::string_view word) {
  const auto found = index.starting_with(word);
  return {found.begin(), found.end()};
}

TEST(PhraseIndex, ListsThePhrasesOfAFirstWordInListOrder) {
  const phrase_index index({{"asking", "for"}, {"for", "my"}, {}, {"asking", "about"}, {"asking"}});
  EXPECT_EQ(positions(index, "asking"), (std::vector<std::size_t>{0, 3, 4}));
  EXPECT_EQ(positions(index, "for"), (std::vector<std::size_t>{1}));
  EXPECT_TRUE(positions(index, "my").empty());  // a later word of a phrase starts none
  EXPECT_TRUE(positions(index, "").empty());    // nor does the empty phrase
  EXPECT_EQ(index.phrases().size(), 5u);
}

TEST(PhraseIndex, MatchesWholePhrasesAtAToken) {
  const phrase_index index({{"asking", "for"}, {"for", "my"}, {}, {"it", "is", "my"}});
  const auto t = tokens_of("Just asking for my dad, it is my back");
  // just(0) asking(1) for(2) my(3) dad(4) ,(5) it(6) is(7) my(8) back(9)
  EXPECT_TRUE(index.matches(t, 1, 0));
  EXPECT_FALSE(index.matches(t, 1, 1));
  EXPECT_TRUE(index.matches(t, 2, 1));
  EXPECT_FALSE(index.matches(t, 0, 2));  // the empty phrase stands nowhere
  EXPECT_TRUE(index.any_at(t, 1));
  EXPECT_TRUE(index.any_at(t, 6));
  EXPECT_FALSE(index.any_at(t, 0));
  EXPECT_FALSE(index.any_at(t, 9));
  EXPECT_FALSE(index.any_at(t, t.size()));
}

TEST(PhraseIndex, APhraseRunningPastTheLastTokenIsNotThere) {
  const phrase_index index({{"my", "back", "hurts"}});
  const auto t = tokens_of("it is my back");
  EXPECT_FALSE(index.any_at(t, 2));
  EXPECT_FALSE(index.matches(t, 2, 0));
}

TEST(PhraseIndex, AnEmptyIndexFindsNothing) {
  const phrase_index index;
  const auto t = tokens_of("asking for my son");
  EXPECT_TRUE(index.starting_with("asking").empty());
  EXPECT_FALSE(index.any_at(t, 0));
}

}  // namespace
}  // namespace triagebot::nlu
