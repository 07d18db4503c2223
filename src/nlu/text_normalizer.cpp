#include "nlu/text_normalizer.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace triagebot::nlu {
namespace {

// Multi-byte UTF-8 sequences folded to ASCII before matching.
constexpr std::array<std::pair<std::string_view, std::string_view>, 22> kFolds{{
    {"\xE2\x80\x98", "'"},  // left single quote
    {"\xE2\x80\x99", "'"},  // right single quote
    {"\xCA\xBC", "'"},      // modifier apostrophe
    {"\xC2\xB4", "'"},      // acute accent used as apostrophe
    {"\x60", "'"},          // grave accent
    {"\xE2\x80\x9C", "\""},
    {"\xE2\x80\x9D", "\""},
    {"\xE2\x80\x93", "-"},  // en dash
    {"\xE2\x80\x94", "-"},  // em dash
    {"\xE2\x88\x92", "-"},  // minus sign
    {"\xC2\xA0", " "},      // no-break space
    {"\xE2\x80\xA6", "."},  // ellipsis
    {"\xC2\xB0", " degrees "},
    {"\xEF\xBC\x8F", "/"},  // full-width slash
    // A list ticked and crossed ("short of breath \xE2\x9C\x98"): a tick answers yes, a cross answers
    // no, set off after the sign as "fever: no" is.
    {"\xE2\x9C\x94", " : yes "},  // heavy check mark
    {"\xE2\x9C\x93", " : yes "},  // check mark
    {"\xE2\x9C\x85", " : yes "},  // white heavy check mark
    {"\xE2\x98\x91", " : yes "},  // ballot box with check
    {"\xE2\x9C\x98", " : no "},   // heavy ballot x
    {"\xE2\x9C\x97", " : no "},   // ballot x
    {"\xE2\x9D\x8C", " : no "},   // cross mark
    {"\xE2\x9C\x96", " : no "},   // heavy multiplication x
}};

// Latin letters with accents, U+00C0 to U+017F ("pipí", "ciática", "kręgosłup", "Ñ"), as the ASCII
// letters they are written with, so that words of other languages and English typed on their keyboards
// meet the lexicon and the spelling corrector; "" leaves the character as it is (the signs x and /).
constexpr std::array<std::string_view, 192> kLatinLetters{{
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  // U+00C0
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",  // U+00D0
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  // U+00E0
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",  // U+00F0
    "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",  // U+0100
    "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",  // U+0110
    "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",  // U+0120
    "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",  // U+0130
    "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",  // U+0140
    "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",  // U+0150
    "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",  // U+0160
    "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",  // U+0170
}};

// The program runs in the "C" locale (it never calls setlocale), where <cctype>'s tests and tolower
// see only ASCII letters and digits: these inline forms give the same answers without a library call
// per byte, which was a good part of reading a long message.
bool is_ascii_alpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_alnum(unsigned char c) { return is_ascii_alpha(c) || (c >= '0' && c <= '9'); }
char ascii_lower(unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); }

bool is_word_byte(unsigned char c) { return is_ascii_alnum(c) || c >= 0x80; }

}  // namespace

std::string normalize_text(std::string_view raw) {
  std::string folded;
  folded.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size();) {
    bool replaced = false;
    const auto lead = static_cast<unsigned char>(raw[i]);
    if (lead >= 0xC3 && lead <= 0xC5 && i + 1 < raw.size() && (static_cast<unsigned char>(raw[i + 1]) & 0xC0) == 0x80) {
      const unsigned code_point = ((lead & 0x1Fu) << 6) | (static_cast<unsigned char>(raw[i + 1]) & 0x3Fu);
      if (code_point >= 0xC0 && code_point < 0x180 && !kLatinLetters[code_point - 0xC0].empty()) {
        folded += kLatinLetters[code_point - 0xC0];
        i += 2;
        continue;
      }
    }
    if (lead >= 0x80 || raw[i] == '`') {
      for (const auto& [from, to] : kFolds) {
        if (raw.substr(i, from.size()) == from) {
          folded += to;
          i += from.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) {
      folded += ascii_lower(static_cast<unsigned char>(raw[i]));
      ++i;
    }
  }
  // Apostrophes inside words: "'s" is dropped ("leg's" -> "leg"), others are joined ("can't" -> "cant").
  std::string out;
  out.reserve(folded.size());
  for (std::size_t i = 0; i < folded.size(); ++i) {
    const char c = folded[i];
    // Shorthand written with a slash: "better off w/o me" is "without", "w/ the kids" is "with".
    if (c == 'w' && i + 1 < folded.size() && folded[i + 1] == '/' &&
        (i == 0 || !is_word_byte(static_cast<unsigned char>(folded[i - 1])))) {
      const bool without = i + 2 < folded.size() && folded[i + 2] == 'o' &&
                           (i + 3 >= folded.size() || !is_word_byte(static_cast<unsigned char>(folded[i + 3])));
      out += without ? "without" : "with ";
      i += without ? 2 : 1;
      continue;
    }
    // "cross-legged", "co-codamol": a hyphen inside a word separates words ("3-4" keeps it).
    if (c == '-' && i > 0 && i + 1 < folded.size() && is_ascii_alpha(static_cast<unsigned char>(folded[i - 1])) &&
        is_ascii_alpha(static_cast<unsigned char>(folded[i + 1]))) {
      out += ' ';
      continue;
    }
    if (c != '\'') {
      out += c;
      continue;
    }
    const bool after_word = i > 0 && is_word_byte(static_cast<unsigned char>(folded[i - 1]));
    const bool before_word = i + 1 < folded.size() && is_word_byte(static_cast<unsigned char>(folded[i + 1]));
    if (after_word && before_word) {
      const bool possessive_s = folded[i + 1] == 's' &&
                                (i + 2 >= folded.size() || !is_word_byte(static_cast<unsigned char>(folded[i + 2])));
      // "that's", "it's", "he's" are contractions ("thats"); other "'s" are possessives ("leg's" -> "leg").
      std::size_t word_start = out.size();
      while (word_start > 0 && is_word_byte(static_cast<unsigned char>(out[word_start - 1]))) --word_start;
      static constexpr std::array<std::string_view, 11> kIsWords{"that", "it", "he", "she", "what", "there", "here",
                                                                  "who", "where", "let", "how"};
      const std::string_view before(out.data() + word_start, out.size() - word_start);
      const bool contraction = std::find(kIsWords.begin(), kIsWords.end(), before) != kIsWords.end();
      if (possessive_s && !contraction) ++i;  // skip the 's' too
      continue;
    }
    out += ' ';
  }
  // "she can not stand up" is "cannot": one negation, so the phrases for "cannot stand" apply.
  for (std::size_t at = out.find("can not"); at != std::string::npos; at = out.find("can not", at + 1)) {
    const bool starts = at == 0 || !is_word_byte(static_cast<unsigned char>(out[at - 1]));
    const bool ends = at + 7 >= out.size() || !is_word_byte(static_cast<unsigned char>(out[at + 7]));
    if (starts && ends) out.erase(at + 3, 1);
  }
  return out;
}

std::size_t count_code_points(std::string_view utf8) {
  std::size_t n = 0;
  for (unsigned char c : utf8) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

bool is_valid_utf8(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) { ++i; continue; }
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1Fu; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0Fu; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07u; }
    else return false;
    if (i + len > bytes.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(bytes[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3Fu);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
      return false;
    i += len;
  }
  return true;
}

std::string_view trim(std::string_view text) {
  auto is_space_at = [&](std::size_t pos, bool from_end) -> std::size_t {
    // Returns the byte length of a white-space character at pos (from_end: ending at pos), else 0.
    static constexpr std::array<std::string_view, 4> kUnicodeSpaces{"\xC2\xA0", "\xE2\x80\x83", "\xE2\x80\x82", "\xE3\x80\x80"};
    const char c = from_end ? text[pos - 1] : text[pos];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
    for (auto s : kUnicodeSpaces) {
      if (!from_end && text.substr(pos, s.size()) == s) return s.size();
      if (from_end && pos >= s.size() && text.substr(pos - s.size(), s.size()) == s) return s.size();
    }
    return 0;
  };
  std::size_t begin = 0;
  while (begin < text.size()) {
    const auto n = is_space_at(begin, false);
    if (n == 0) break;
    begin += n;
  }
  std::size_t end = text.size();
  while (end > begin) {
    const auto n = is_space_at(end, true);
    if (n == 0) break;
    end -= n;
  }
  return text.substr(begin, end - begin);
}

}  // namespace triagebot::nlu
