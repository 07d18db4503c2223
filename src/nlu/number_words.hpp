#pragma once
// Numbers written as words become number tokens, so every quantity reader reads "seventy-three",
// "sixty eight", "eight out of ten" and "a seven" as it reads digits (LANGUAGE.md section 2).
#include <vector>

#include "nlu/lexicon.hpp"
#include "nlu/tokenizer.hpp"

namespace triagebot::nlu {

// Turns runs of cardinal number words (the lexicon's "numbers" less its "quantifiers": "a", "few")
// into one number token each: "seventy three" and "seventy - three" -> 73, "eight" -> 8. A single
// word keeps its text, so phrases that contain it ("no one") still match.
std::vector<token> compose_numbers(const lexicon& lex, std::vector<token> tokens);

}  // namespace triagebot::nlu
