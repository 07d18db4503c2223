// Unit tests for nlu/text_normalizer: case folding, typographic folding, contractions, UTF-8 helpers.
#include "nlu/text_normalizer.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace triagebot::nlu {
namespace {

// ---- normalize_text -------------------------------------------------------------------------

TEST(NluTextNormalizer, FoldsAsciiToLowerCase) {
  EXPECT_EQ(normalize_text("My LOWER Back HURTS"), "my lower back hurts");
  EXPECT_EQ(normalize_text("L5/S1"), "l5/s1");
}

TEST(NluTextNormalizer, LeavesPlainLowerCaseTextUnchanged) {
  EXPECT_EQ(normalize_text("pain in my leg for 3 days, 7/10."), "pain in my leg for 3 days, 7/10.");
  EXPECT_EQ(normalize_text(""), "");
}

TEST(NluTextNormalizer, JoinsContractionsWithAsciiApostrophe) {
  EXPECT_EQ(normalize_text("can't"), "cant");
  EXPECT_EQ(normalize_text("I'm"), "im");
  EXPECT_EQ(normalize_text("I can't feel it"), "i cant feel it");
  EXPECT_EQ(normalize_text("I've"), "ive");
  EXPECT_EQ(normalize_text("Don't"), "dont");
}

TEST(NluTextNormalizer, DropsPossessiveS) {
  EXPECT_EQ(normalize_text("leg's"), "leg");
  EXPECT_EQ(normalize_text("my leg's numb"), "my leg numb");
  EXPECT_EQ(normalize_text("Mum's knee"), "mum knee");
}

TEST(NluTextNormalizer, KeepsSAfterApostropheWhenAWordContinues) {
  // "'s" followed by more letters is not a possessive: the apostrophe is simply removed.
  EXPECT_EQ(normalize_text("o'sullivan"), "osullivan");
}

TEST(NluTextNormalizer, FoldsUnicodeApostrophes) {
  EXPECT_EQ(normalize_text("can\xE2\x80\x99t"), "cant");       // U+2019 right single quote
  EXPECT_EQ(normalize_text("I\xE2\x80\x99m"), "im");           // U+2019
  EXPECT_EQ(normalize_text("can\xE2\x80\x98t"), "cant");       // U+2018 left single quote
  EXPECT_EQ(normalize_text("don\xCA\xBCt"), "dont");           // U+02BC modifier letter apostrophe
  EXPECT_EQ(normalize_text("won\xC2\xB4t"), "wont");           // U+00B4 acute accent
  EXPECT_EQ(normalize_text("isn`t"), "isnt");                  // grave accent
  EXPECT_EQ(normalize_text("leg\xE2\x80\x99s"), "leg");        // possessive with U+2019
}

TEST(NluTextNormalizer, QuotesOutsideWordsBecomeSpaces) {
  EXPECT_EQ(normalize_text("'numb'"), " numb ");
  EXPECT_EQ(normalize_text("\xE2\x80\x98numb\xE2\x80\x99"), " numb ");
  EXPECT_EQ(normalize_text("the legs' skin"), "the legs  skin");
}

TEST(NluTextNormalizer, FoldsDoubleQuotes) {
  EXPECT_EQ(normalize_text("\xE2\x80\x9CNumb\xE2\x80\x9D"), "\"numb\"");
}

TEST(NluTextNormalizer, FoldsUnicodeDashesAndMinus) {
  EXPECT_EQ(normalize_text("3\xE2\x80\x93" "4/10"), "3-4/10");         // en dash
  EXPECT_EQ(normalize_text("pain \xE2\x80\x94 worse"), "pain - worse");  // em dash
  EXPECT_EQ(normalize_text("\xE2\x88\x92" "5"), "-5");                 // minus sign
}

TEST(NluTextNormalizer, FoldsOtherTypography) {
  EXPECT_EQ(normalize_text("sore\xC2\xA0knee"), "sore knee");                 // no-break space
  EXPECT_EQ(normalize_text("hmm\xE2\x80\xA6"), "hmm.");                      // ellipsis
  EXPECT_EQ(normalize_text("38.9\xC2\xB0" "C"), "38.9 degrees c");          // degree sign
  EXPECT_EQ(normalize_text("7\xEF\xBC\x8F" "10"), "7/10");                    // full-width slash
}

TEST(NluTextNormalizer, SpellsOutSlashShorthand) {
  EXPECT_EQ(normalize_text("better off w/o me"), "better off without me");
  EXPECT_EQ(normalize_text("W/O ME"), "without me");
  EXPECT_EQ(normalize_text("out w/ the kids"), "out with  the kids");
  EXPECT_EQ(normalize_text("w/kids"), "with kids");
  EXPECT_EQ(normalize_text("w/old friends"), "with old friends");  // "o" starts a word: not "without"
  EXPECT_EQ(normalize_text("saw/heard 7/10"), "saw/heard 7/10");   // a slash inside words stays
}

TEST(NluTextNormalizer, KeepsOtherMultiByteCharactersIntact) {
  // Non-ASCII characters other than accented Latin letters are not case folded byte-wise (tolower
  // must not mangle UTF-8): Greek, Cyrillic and CJK stay as typed.
  EXPECT_EQ(normalize_text("\xCE\x94\xD0\x96 \xE6\xB2\xA1\xE7\x94\xA8"), "\xCE\x94\xD0\x96 \xE6\xB2\xA1\xE7\x94\xA8");
  EXPECT_EQ(normalize_text("\xF0\x9F\x98\xA2 SAD"), "\xF0\x9F\x98\xA2 sad");
}

// ---- count_code_points ----------------------------------------------------------------------

TEST(NluTextNormalizer, CountsCodePointsOfAscii) {
  EXPECT_EQ(count_code_points(""), 0u);
  EXPECT_EQ(count_code_points("hello"), 5u);
}

TEST(NluTextNormalizer, CountsCodePointsOfMultiByteText) {
  EXPECT_EQ(count_code_points("caf\xC3\xA9"), 4u);                     // 2-byte e-acute
  EXPECT_EQ(count_code_points("\xE2\x82\xAC" "5"), 2u);                // 3-byte euro sign
  EXPECT_EQ(count_code_points("\xF0\x9F\x98\x80"), 1u);                // 4-byte emoji
  EXPECT_EQ(count_code_points("na\xC3\xAFve \xE2\x80\x99 \xF0\x9F\x98\x80!"), 10u);
}

// ---- is_valid_utf8 --------------------------------------------------------------------------

TEST(NluTextNormalizer, AcceptsValidUtf8) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ascii"));
  EXPECT_TRUE(is_valid_utf8("caf\xC3\xA9"));
  EXPECT_TRUE(is_valid_utf8("\xE2\x82\xAC"));
  EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x98\x80"));
  EXPECT_TRUE(is_valid_utf8("\xC2\x80"));          // U+0080, smallest 2-byte
  EXPECT_TRUE(is_valid_utf8("\xE0\xA0\x80"));      // U+0800, smallest 3-byte
  EXPECT_TRUE(is_valid_utf8("\xED\x9F\xBF"));      // U+D7FF, just below the surrogates
  EXPECT_TRUE(is_valid_utf8("\xEE\x80\x80"));      // U+E000, just above the surrogates
  EXPECT_TRUE(is_valid_utf8("\xF0\x90\x80\x80"));  // U+10000, smallest 4-byte
  EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last code point
}

TEST(NluTextNormalizer, RejectsTruncatedSequences) {
  EXPECT_FALSE(is_valid_utf8("\xC3"));
  EXPECT_FALSE(is_valid_utf8("caf\xC3"));
  EXPECT_FALSE(is_valid_utf8("\xE2\x82"));
  EXPECT_FALSE(is_valid_utf8("\xF0\x9F\x98"));
  EXPECT_FALSE(is_valid_utf8("\xE2\x82 x"));  // continuation byte missing mid-text
}

TEST(NluTextNormalizer, RejectsStrayAndInvalidBytes) {
  EXPECT_FALSE(is_valid_utf8("\x80"));
  EXPECT_FALSE(is_valid_utf8("a\xBF" "b"));
  EXPECT_FALSE(is_valid_utf8("\xFF"));
  EXPECT_FALSE(is_valid_utf8("\xF8\x88\x80\x80\x80"));  // 5-byte form
}

TEST(NluTextNormalizer, RejectsOverlongForms) {
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // '/' in 2 bytes
  EXPECT_FALSE(is_valid_utf8("\xC1\xBF"));
  EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // '/' in 3 bytes
  EXPECT_FALSE(is_valid_utf8("\xE0\x9F\xBF"));      // U+07FF in 3 bytes
  EXPECT_FALSE(is_valid_utf8("\xF0\x80\x80\xAF"));  // '/' in 4 bytes
  EXPECT_FALSE(is_valid_utf8("\xF0\x8F\xBF\xBF"));  // U+FFFF in 4 bytes
}

TEST(NluTextNormalizer, RejectsSurrogatesAndValuesPastUnicode) {
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // U+D800
  EXPECT_FALSE(is_valid_utf8("\xED\xBF\xBF"));      // U+DFFF
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // U+110000
}

// ---- trim -----------------------------------------------------------------------------------

TEST(NluTextNormalizer, TrimsAsciiWhiteSpace) {
  EXPECT_EQ(trim("  hello  "), "hello");
  EXPECT_EQ(trim("\t\r\n hello world \n"), "hello world");
  EXPECT_EQ(trim("hello"), "hello");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim("   "), "");
}

TEST(NluTextNormalizer, TrimsNoBreakAndOtherUnicodeSpaces) {
  EXPECT_EQ(trim("\xC2\xA0hello\xC2\xA0"), "hello");
  EXPECT_EQ(trim(" \xC2\xA0 hello \xC2\xA0\xC2\xA0 "), "hello");
  EXPECT_EQ(trim("\xE2\x80\x83hi\xE3\x80\x80"), "hi");  // em space, ideographic space
  EXPECT_EQ(trim("\xC2\xA0\xC2\xA0"), "");
}

TEST(NluTextNormalizer, TrimKeepsInnerSpacesAndMultiByteEdges) {
  EXPECT_EQ(trim(" a\xC2\xA0" "b "), "a\xC2\xA0" "b");
  EXPECT_EQ(trim(" caf\xC3\xA9 "), "caf\xC3\xA9");
}

TEST(NluTextNormalizer, TrimReturnsAViewIntoTheInput) {
  const std::string text = "  pain ";
  const std::string_view trimmed = trim(text);
  EXPECT_EQ(trimmed.data(), text.data() + 2);
  EXPECT_EQ(trimmed.size(), 4u);
}

// Latin letters with accents are the ASCII letters they are written with ("pipí", "ciática", Polish
// "łódź"); the multiplication and division signs stay.
TEST(NluTextNormalizer, FoldsAccentedLatinLetters) {
  EXPECT_EQ(normalize_text("pip\xC3\xAD ci\xC3\xA1tica"), "pipi ciatica");
  EXPECT_EQ(normalize_text("\xC5\x81\xC3\x93" "D\xC5\xB9 gor\xC4\x85" "czka"), "lodz goraczka");
  EXPECT_EQ(normalize_text("N\xC3\x83O stra\xC3\x9F" "e caf\xC3\xA9"), "nao strasse cafe");
  EXPECT_EQ(normalize_text("2 \xC3\x97 3"), "2 \xC3\x97 3");
}

}  // namespace
}  // namespace triagebot::nlu
