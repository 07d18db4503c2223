#include "nlu/tokenizer.hpp"

#include <charconv>

namespace triagebot::nlu {
namespace {

// The program runs in the "C" locale (it never calls setlocale), where std::isalpha and std::isdigit
// see only ASCII: the same tests inline, without a library call per byte.
bool is_alpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80; }
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

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
    if (is_alpha(c)) {
      std::size_t j = i;
      // Letters then digits stay one word ("l5", "s1"); '&' joins "a&e".
      while (j < s.size()) {
        const auto d = static_cast<unsigned char>(s[j]);
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
