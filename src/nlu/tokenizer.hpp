#pragma once
// Splits normalised text into words, numbers and the punctuation that matters for meaning
// (sentence ends, commas, slashes and dashes in "7/10" or "3-4").
#include <string>
#include <string_view>
#include <vector>

namespace triagebot::nlu {

enum class token_kind { word, number, punct };

struct token {
  std::string text;
  token_kind kind = token_kind::word;
  int sentence = 0;     // index of the sentence the token belongs to
  double value = 0.0;   // numeric value for numbers
};

// Tokenises text already passed through normalize_text().
std::vector<token> tokenize(std::string_view normalized);

bool is_sentence_end(const token& t);

// The text of tokens [from, to): words separated by spaces, punctuation attached ("7/10", "hip,").
std::string token_text(const std::vector<token>& tokens, std::size_t from, std::size_t to);

}  // namespace triagebot::nlu
