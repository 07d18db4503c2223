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

// Each token's lexicon word, resolved once per message.
struct resolved_words {
  std::vector<int> ids;                 // per token: its lexicon word, or lexicon_word::none
  std::vector<correction> corrections;  // in token order
};

// Resolves every token (lexicon::resolve) and rewrites a typo's token to the word it stands for, so
// the reading lists see "husband" where "husbnd" was typed; a word read through its stem keeps what
// was typed ("leaking" stays "leaking").
resolved_words resolve_words(const lexicon& lex, std::vector<token>& tokens);

inline bool has_role(const phrase_match& m, match_kind k) { return (m.roles >> static_cast<unsigned>(k)) & 1u; }

// The phrases of `tokens`, whose words `resolve_words` has resolved; the result's corrections are left
// empty (they are the words').
matched_text match_phrases(const lexicon& lex, const std::vector<token>& tokens, const resolved_words& words);
// The same for tokens not yet resolved: resolves a copy of them first, with its corrections.
matched_text match_phrases(const lexicon& lex, const std::vector<token>& tokens);

}  // namespace triagebot::nlu
