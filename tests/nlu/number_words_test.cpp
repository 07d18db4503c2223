// Unit tests for nlu/number_words with the shipped lexicon: cardinal words become numbers, compounds
// are one number, quantifier words stay words.
#include "nlu/number_words.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string_view>
#include <vector>

#include "nlu/text_normalizer.hpp"
#include "rules/rules_loader.hpp"

namespace triagebot::nlu {
namespace {

class NluNumberWords : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!rules_) rules_ = rules::load_rules(TRIAGEBOT_RULES_DIR).rules;
  }
  void SetUp() override { ASSERT_NE(rules_, nullptr) << "the shipped rules did not load from " << TRIAGEBOT_RULES_DIR; }
  static std::vector<token> read(std::string_view text) {
    return compose_numbers(rules_->lexicon, tokenize(normalize_text(text)));
  }
  static std::shared_ptr<const rules::rule_set> rules_;
};

std::shared_ptr<const rules::rule_set> NluNumberWords::rules_;

TEST_F(NluNumberWords, TensAndUnitsAreOneNumber) {
  for (const auto* text : {"seventy three", "seventy-three", "Seventy Three"}) {
    const auto t = read(text);
    ASSERT_EQ(t.size(), 1u) << text;
    EXPECT_EQ(t[0].kind, token_kind::number) << text;
    EXPECT_EQ(t[0].value, 73) << text;
  }
}

TEST_F(NluNumberWords, ASingleWordKeepsItsText) {
  const auto t = read("no one saw eight");
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[1].text, "one");
  EXPECT_EQ(t[1].kind, token_kind::number);
  EXPECT_EQ(t[3].value, 8);
}

TEST_F(NluNumberWords, QuantifiersStayWords) {
  for (const auto* text : {"a", "a few", "couple", "several"}) {
    for (const auto& t : read(text)) EXPECT_EQ(t.kind, token_kind::word) << text;
  }
}

TEST_F(NluNumberWords, ATensWordBeforeANonUnitStaysAlone) {
  const auto t = read("twenty minutes");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].value, 20);
  EXPECT_EQ(t[1].kind, token_kind::word);
}

TEST_F(NluNumberWords, AMisspeltNumberWordIsThatNumber) {
  // "my grandson is twelv": only a word neither the lexicon nor the dictionary knows is corrected.
  const auto t = read("my grandson is twelv");
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[3].kind, token_kind::number);
  EXPECT_EQ(t[3].value, 12);
  EXPECT_EQ(t[3].text, "twelve");
  // An everyday word near a number word stays a word ("tree" is no "three").
  for (const auto& w : read("fell out of a tree")) EXPECT_EQ(w.kind, token_kind::word) << w.text;
}

}  // namespace
}  // namespace triagebot::nlu
