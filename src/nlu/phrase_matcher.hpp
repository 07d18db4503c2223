#pragma once
// Finds lexicon phrases in a token sequence: typo-corrected words, longest match first, gaps ("*")
// inside phrases, concepts preferred over trigger words on equal length.
#include <cstdint>
#include <string>
#include <vector>

#include "nlu/lexicon.hpp"
#include "nlu/tokenizer.hpp"

namespace triagebot::nlu {

struct phrase_match {
  match_kind kind;             // concept_phrase, or the first-defined trigger role
  std::uint32_t roles = 0;     // every role the phrase has (bit per match_kind): "no" negates and answers
  std::vector<int> concepts;  // concept indices, for concept_phrase
  std::size_t begin = 0;      // token range [begin, end)
  std::size_t end = 0;
  int sentence = 0;
};

struct correction {
  std::string typed;
  std::string meant;
};

struct matched_text {
  std::vector<phrase_match> matches;  // ordered by position, non-overlapping
  std::vector<correction> corrections;
};

inline bool has_role(const phrase_match& m, match_kind k) { return (m.roles >> static_cast<unsigned>(k)) & 1u; }

matched_text match_phrases(const lexicon& lex, const std::vector<token>& tokens);

}  // namespace triagebot::nlu
