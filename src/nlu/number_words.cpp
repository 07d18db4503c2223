#include "nlu/number_words.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

namespace triagebot::nlu {
namespace {

std::optional<double> cardinal(const lexicon& lex, token& t) {
  if (t.kind != token_kind::word) return std::nullopt;
  if (auto value = lex.cardinal_value(t.text)) return value;
  // "my grandson is twelv": a misspelt number word is that number.
  auto meant = lex.misspelt_number_word(t.text);
  if (!meant) return std::nullopt;
  auto value = lex.cardinal_value(*meant);
  if (value) t.text = std::move(*meant);
  return value;
}

}  // namespace

std::vector<token> compose_numbers(const lexicon& lex, std::vector<token> tokens) {
  std::vector<token> out;
  out.reserve(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    auto value = cardinal(lex, tokens[i]);
    if (!value) {
      out.push_back(std::move(tokens[i]));
      continue;
    }
    token t = std::move(tokens[i]);
    t.kind = token_kind::number;
    t.value = *value;
    // "seventy three", "seventy-three": a tens word and a unit word are one number.
    const bool tens = *value >= 20 && *value < 100 && std::fmod(*value, 10.0) == 0;
    std::size_t next = i + 1;
    if (tens && next < tokens.size() && tokens[next].text == "-") ++next;
    if (tens && next < tokens.size()) {
      if (const auto unit = cardinal(lex, tokens[next]); unit && *unit >= 1 && *unit <= 9) {
        t.value += *unit;
        const auto whole = static_cast<long>(t.value);
        t.text = std::to_string(whole);
        i = next;
      }
    }
    // "thirty-eight point nine": a temperature in words, with its decimal point.
    if (i + 2 < tokens.size() && tokens[i + 1].text == "point") {
      if (const auto tenth = cardinal(lex, tokens[i + 2]); tenth && *tenth <= 9) {
        t.value += *tenth / 10.0;
        t.text = std::to_string(static_cast<long>(t.value)) + "." + std::to_string(static_cast<long>(*tenth));
        i += 2;
      }
    }
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace triagebot::nlu
