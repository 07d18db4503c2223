// Unit tests for nlu/tokenizer: words, numbers, meaningful punctuation and sentence indices.
#include "nlu/tokenizer.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "nlu/text_normalizer.hpp"

namespace triagebot::nlu {
namespace {

std::vector<std::string> texts(const std::vector<token>& tokens) {
  std::vector<std::string> out;
  out.reserve(tokens.size());
  for (const auto& t : tokens) out.push_back(t.text);
  return out;
}

std::vector<token_kind> kinds(const std::vector<token>& tokens) {
  std::vector<token_kind> out;
  out.reserve(tokens.size());
  for (const auto& t : tokens) out.push_back(t.kind);
  return out;
}

std::vector<int> sentences(const std::vector<token>& tokens) {
  std::vector<int> out;
  out.reserve(tokens.size());
  for (const auto& t : tokens) out.push_back(t.sentence);
  return out;
}

using V = std::vector<std::string>;
using K = std::vector<token_kind>;
using S = std::vector<int>;
constexpr auto W = token_kind::word;
constexpr auto N = token_kind::number;
constexpr auto P = token_kind::punct;

TEST(NluTokenizer, EmptyAndBlankInputGiveNoTokens) {
  EXPECT_TRUE(tokenize("").empty());
  EXPECT_TRUE(tokenize("   \t ").empty());
}

TEST(NluTokenizer, SplitsWordsOnSpaces) {
  const auto t = tokenize("my lower back hurts");
  EXPECT_EQ(texts(t), (V{"my", "lower", "back", "hurts"}));
  EXPECT_EQ(kinds(t), (K{W, W, W, W}));
  EXPECT_EQ(sentences(t), (S{0, 0, 0, 0}));
}

TEST(NluTokenizer, PainScoreSplitsIntoNumberSlashNumber) {
  const auto t = tokenize("7/10");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(texts(t), (V{"7", "/", "10"}));
  EXPECT_EQ(kinds(t), (K{N, P, N}));
  EXPECT_DOUBLE_EQ(t[0].value, 7.0);
  EXPECT_DOUBLE_EQ(t[2].value, 10.0);
}

TEST(NluTokenizer, ALoneXBeforeANumberIsShorthandForFor) {
  const auto t = tokenize("pain x5 days, l5 and s1");
  ASSERT_GE(t.size(), 4u);
  EXPECT_EQ(t[1].text, "x");
  EXPECT_EQ(t[2].kind, token_kind::number);
  EXPECT_EQ(t[2].value, 5.0);
  // Letters then digits stay one word.
  EXPECT_EQ(t[5].text, "l5");
  EXPECT_EQ(t[7].text, "s1");
}

TEST(NluTokenizer, DecimalNumberIsOneToken) {
  const auto t = tokenize("38.9");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].text, "38.9");
  EXPECT_EQ(t[0].kind, N);
  EXPECT_DOUBLE_EQ(t[0].value, 38.9);
  EXPECT_EQ(t[0].sentence, 0);
}

TEST(NluTokenizer, NumberAtSentenceEndKeepsTheFullStopApart) {
  const auto t = tokenize("for 3. then");
  EXPECT_EQ(texts(t), (V{"for", "3", ".", "then"}));
  EXPECT_EQ(kinds(t), (K{W, N, P, W}));
  EXPECT_EQ(sentences(t), (S{0, 0, 0, 1}));
  EXPECT_DOUBLE_EQ(t[1].value, 3.0);
}

TEST(NluTokenizer, CommaIsNotADecimalSeparator) {
  const auto t = tokenize("3,5");
  EXPECT_EQ(texts(t), (V{"3", ",", "5"}));
  EXPECT_EQ(kinds(t), (K{N, P, N}));
}

TEST(NluTokenizer, RangeSplitsOnDash) {
  const auto t = tokenize("3-4/10");
  EXPECT_EQ(texts(t), (V{"3", "-", "4", "/", "10"}));
  EXPECT_EQ(kinds(t), (K{N, P, N, P, N}));
}

TEST(NluTokenizer, NumberFollowedByLetterSplits) {
  const auto t = tokenize(normalize_text("41M, disc bulge"));
  EXPECT_EQ(texts(t), (V{"41", "m", ",", "disc", "bulge"}));
  EXPECT_EQ(kinds(t), (K{N, W, P, W, W}));
  EXPECT_DOUBLE_EQ(t[0].value, 41.0);
}

TEST(NluTokenizer, LettersThenDigitsStayOneWord) {
  const auto t = tokenize("l5 s1 disc");
  EXPECT_EQ(texts(t), (V{"l5", "s1", "disc"}));
  EXPECT_EQ(kinds(t), (K{W, W, W}));
}

TEST(NluTokenizer, AmpersandBetweenLettersJoinsAWord) {
  const auto t = tokenize("went to a&e");
  EXPECT_EQ(texts(t), (V{"went", "to", "a&e"}));
  EXPECT_EQ(kinds(t), (K{W, W, W}));
}

TEST(NluTokenizer, StandaloneAmpersandIsPunctuation) {
  const auto t = tokenize("pins & needles");
  EXPECT_EQ(texts(t), (V{"pins", "&", "needles"}));
  EXPECT_EQ(kinds(t), (K{W, P, W}));
}

TEST(NluTokenizer, OtherSymbolsOnlySeparateTokens) {
  const auto t = tokenize("numb*bum \"ok\"");
  EXPECT_EQ(texts(t), (V{"numb", "bum", "ok"}));
}

TEST(NluTokenizer, SentenceIndexAdvancesAtEachSentenceMark) {
  const auto t = tokenize("sore. bad! why? yes; ok\nnext");
  EXPECT_EQ(texts(t), (V{"sore", ".", "bad", "!", "why", "?", "yes", ";", "ok", "\n", "next"}));
  EXPECT_EQ(sentences(t), (S{0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5}));
}

TEST(NluTokenizer, CommaDoesNotEndASentence) {
  const auto t = tokenize("no fever, numb");
  EXPECT_EQ(sentences(t), (S{0, 0, 0, 0}));
}

TEST(NluTokenizer, RepeatedSentenceMarksCountOnce) {
  const auto t = tokenize("really?? yes");
  EXPECT_EQ(texts(t), (V{"really", "?", "yes"}));
  EXPECT_EQ(sentences(t), (S{0, 0, 1}));
}

TEST(NluTokenizer, MixedRepeatedMarksAndBlankLinesCountOnce) {
  const auto t = tokenize("what?! no...\n\nok");
  EXPECT_EQ(texts(t), (V{"what", "?", "no", ".", "ok"}));
  EXPECT_EQ(sentences(t), (S{0, 0, 1, 1, 2}));
}

TEST(NluTokenizer, IsSentenceEndRecognisesOnlySentenceMarks) {
  for (const char* mark : {".", "!", "?", ";", "\n"}) {
    EXPECT_TRUE(is_sentence_end(token{mark, P, 0, 0.0})) << mark;
  }
  for (const char* mark : {",", "/", "-", ":", "(", "&"}) {
    EXPECT_FALSE(is_sentence_end(token{mark, P, 0, 0.0})) << mark;
  }
  // A word spelt like a mark is not punctuation.
  EXPECT_FALSE(is_sentence_end(token{".", W, 0, 0.0}));
}

TEST(NluTokenizer, KeepsMeaningfulPunctuation) {
  const auto t = tokenize("(left) +50% : ok");
  EXPECT_EQ(texts(t), (V{"(", "left", ")", "+", "50", "%", ":", "ok"}));
  EXPECT_EQ(kinds(t), (K{P, W, P, P, N, P, P, W}));
}

TEST(NluTokenizer, NonAsciiBytesAreWordCharacters) {
  const auto t = tokenize("caf\xC3\xA9 sore");
  EXPECT_EQ(texts(t), (V{"caf\xC3\xA9", "sore"}));
}

TEST(NluTokenizer, ARunOfEmojiIsOneCommaAndEndsTheWordBeforeIt) {
  // U+1F3C3 U+200D U+2640 U+FE0F (a woman running), then U+1F62D attached to a word.
  const auto tokens = tokenize("parkrun sat \xF0\x9F\x8F\x83\xE2\x80\x8D\xE2\x99\x80\xEF\xB8\x8F now hip\xF0\x9F\x98\xAD ok");
  EXPECT_EQ(texts(tokens), (std::vector<std::string>{"parkrun", "sat", ",", "now", "hip", ",", "ok"}));
  EXPECT_EQ(tokens[2].kind, token_kind::punct);
  // Accented letters stay in their word.
  EXPECT_EQ(texts(tokenize("caf\xC3\xA9 ok")), (std::vector<std::string>{"caf\xC3\xA9", "ok"}));
}

}  // namespace
}  // namespace triagebot::nlu
