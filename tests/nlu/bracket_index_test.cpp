// Unit tests for nlu/bracket_index: depth, the opening bracket of a token, and asides.
#include "nlu/bracket_index.hpp"

#include <gtest/gtest.h>

#include "nlu/text_normalizer.hpp"

namespace triagebot::nlu {
namespace {

std::vector<token> tokens_of(std::string_view text) { return tokenize(normalize_text(text)); }

std::size_t index_of(const std::vector<token>& tokens, std::string_view word) {
  for (std::size_t k = 0; k < tokens.size(); ++k)
    if (tokens[k].text == word) return k;
  ADD_FAILURE() << "no token " << word;
  return tokens.size();
}

TEST(BracketIndex, DepthCountsOpenBracketsAndNeverGoesBelowZero) {
  const auto t = tokens_of("back sore (lifting mum (she is heavy) at home) then ) fine");
  const bracket_index b(t);
  EXPECT_EQ(b.depth(index_of(t, "back")), 0);
  EXPECT_EQ(b.depth(index_of(t, "lifting")), 1);
  EXPECT_EQ(b.depth(index_of(t, "heavy")), 2);
  EXPECT_EQ(b.depth(index_of(t, "home")), 1);
  EXPECT_EQ(b.depth(index_of(t, "then")), 0);
  // The unmatched ")" closes nothing.
  EXPECT_EQ(b.depth(index_of(t, "fine")), 0);
  EXPECT_FALSE(b.inside(t.size() + 5));
}

TEST(BracketIndex, OpeningIsTheInnermostBracket) {
  const auto t = tokens_of("back sore (lifting mum (she is heavy) at home)");
  const bracket_index b(t);
  ASSERT_TRUE(b.opening(index_of(t, "heavy")).has_value());
  EXPECT_EQ(t[*b.opening(index_of(t, "heavy")) + 1].text, "she");
  EXPECT_EQ(t[*b.opening(index_of(t, "home")) + 1].text, "lifting");
  EXPECT_FALSE(b.opening(index_of(t, "sore")).has_value());
}

TEST(BracketIndex, ATriggerInBracketsIsAnAsideToASignOutside) {
  const auto t = tokens_of("a disc bulge (mri last year) and sciatica now");
  const bracket_index b(t);
  const auto last = index_of(t, "last"), sciatica = index_of(t, "sciatica"), bulge = index_of(t, "bulge");
  EXPECT_TRUE(b.aside(last, last + 2, sciatica, sciatica + 1));  // a trigger in brackets before the sign
  EXPECT_TRUE(b.aside(last, last + 2, bulge, bulge + 1));        // a bracket opened after the sign
  const auto checklist = tokens_of("worried about the list (numbness, leaks)");
  const bracket_index c(checklist);
  const auto worried = index_of(checklist, "worried"), numbness = index_of(checklist, "numbness");
  EXPECT_FALSE(c.aside(worried, worried + 1, numbness, numbness + 1));  // the trigger reaches into it
  // A bracket opened and closed between them sets neither aside.
  const auto dated = tokens_of("years ago (2017) i had numbness in both legs");
  const bracket_index e(dated);
  const auto years = index_of(dated, "years"), numb = index_of(dated, "numbness");
  EXPECT_FALSE(e.aside(years, years + 2, numb, numb + 1));
}

}  // namespace
}  // namespace triagebot::nlu
