#include "nlu/tokenizer.hpp"

#include <charconv>
#include <cstdint>

namespace triagebot::nlu {
namespace {

// The program runs in the "C" locale (it never calls setlocale), where std::isalpha and std::isdigit
// see only ASCII: the same tests inline, without a library call per byte.
bool is_alpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80; }
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

// The UTF-8 length of the code point at s[i] when it is a pictograph or a piece of one (an emoji, a
// dingbat, a joiner or variation selector between them), else 0.
std::size_t symbol_length(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  std::size_t len = 0;
  std::uint32_t cp = 0;
  if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0Fu; }
  else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07u; }
  else return 0;
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3Fu);
  }
  const bool pictograph = (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x2300 && cp <= 0x23FF) ||
                          (cp >= 0x2B00 && cp <= 0x2BFF);
  const bool joiner = cp == 0x200D || cp == 0xFE0F || cp == 0xFE0E || cp == 0x20E3;
  return pictograph || joiner ? len : 0;
}

}  // namespace

bool is_sentence_end(const token& t) {
  return t.kind == token_kind::punct && (t.text == "." || t.text == "!" || t.text == "?" || t.text == ";" || t.text == "\n");
}

std::string token_text(const std::vector<token>& tokens, std::size_t from, std::size_t to) {
  std::string s;
  for (std::size_t i = from; i < to && i < tokens.size(); ++i) {
    if (!s.empty() && tokens[i].kind != token_kind::punct) s += ' ';
    s += tokens[i].text;
  }
  return s;
}

std::vector<token> tokenize(std::string_view s) {
  std::vector<token> out;
  int sentence = 0;
  auto push_punct = [&](std::string text) {
    token t{std::move(text), token_kind::punct, sentence, 0.0};
    const bool ends = is_sentence_end(t);
    // Repeated sentence marks ("??", "!!") end one sentence only.
    if (ends && !out.empty() && is_sentence_end(out.back())) return;
    out.push_back(std::move(t));
    if (ends) ++sentence;
  };
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (is_digit(c)) {
      std::size_t j = i;
      while (j < s.size() && is_digit(static_cast<unsigned char>(s[j]))) ++j;
      // A decimal part ("38.9") stays in the number; "3." at a sentence end does not.
      if (j + 1 < s.size() && (s[j] == '.' || s[j] == ',') && is_digit(static_cast<unsigned char>(s[j + 1])) &&
          s[j] == '.') {
        ++j;
        while (j < s.size() && is_digit(static_cast<unsigned char>(s[j]))) ++j;
      }
      token t{std::string(s.substr(i, j - i)), token_kind::number, sentence, 0.0};
      std::from_chars(t.text.data(), t.text.data() + t.text.size(), t.value);
      out.push_back(std::move(t));
      i = j;
      continue;
    }
    // "pain x5 days": a lone "x" before a number is shorthand for "for", not part of a word.
    if (c == 'x' && i + 1 < s.size() && is_digit(static_cast<unsigned char>(s[i + 1]))) {
      out.push_back(token{"x", token_kind::word, sentence, 0.0});
      ++i;
      continue;
    }
    // "its BOTH 😭 burning down both legs", "parkrun sat 🏃‍♀️ now my hip aches": a run of emoji sets off
    // what comes before it as a comma does.
    if (const std::size_t n = symbol_length(s, i); n > 0) {
      std::size_t j = i + n;
      while (j < s.size()) {
        const std::size_t m = symbol_length(s, j);
        if (m == 0) break;
        j += m;
      }
      if (!out.empty() && out.back().kind != token_kind::punct) push_punct(",");
      i = j;
      continue;
    }
    if (is_alpha(c)) {
      std::size_t j = i;
      // Letters then digits stay one word ("l5", "s1"); '&' joins "a&e".
      while (j < s.size()) {
        const auto d = static_cast<unsigned char>(s[j]);
        if (d >= 0x80 && symbol_length(s, j) > 0) break;
        if (is_alpha(d) || is_digit(d)) { ++j; continue; }
        if (d == '&' && j + 1 < s.size() && is_alpha(static_cast<unsigned char>(s[j + 1]))) { ++j; continue; }
        break;
      }
      out.push_back(token{std::string(s.substr(i, j - i)), token_kind::word, sentence, 0.0});
      i = j;
      continue;
    }
    switch (c) {
      case '.': case '!': case '?': case ';': case ',': case '/': case '-': case '(': case ')': case ':':
      case '+': case '%': case '&':
        push_punct(std::string(1, static_cast<char>(c)));
        break;
      case '\n':
        push_punct("\n");
        break;
      default:
        break;  // other symbols and spaces only separate tokens
    }
    ++i;
  }
  return out;
}

}  // namespace triagebot::nlu
