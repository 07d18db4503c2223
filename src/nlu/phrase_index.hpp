#pragma once
// Word phrases ("asking for", "it's my") indexed by their first word. Most words start none of a
// list's phrases, so finding the phrases at a token takes one lookup instead of a comparison with
// every phrase of the list: the readers that try each list at every token of a long message spent
// most of their time failing those comparisons.
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "nlu/tokenizer.hpp"
#include "nlu/word_hash.hpp"

namespace triagebot::nlu {

class phrase_index {
 public:
  phrase_index() = default;
  explicit phrase_index(std::vector<std::vector<std::string>> phrases);

  const std::vector<std::vector<std::string>>& phrases() const { return phrases_; }
  // The positions in phrases() of the phrases whose first word is `word`, in list order. An empty
  // phrase starts with no word.
  std::span<const std::size_t> starting_with(std::string_view word) const;
  // Whether phrase p of the list stands at tokens[at ...].
  bool matches(const std::vector<token>& tokens, std::size_t at, std::size_t p) const;
  // Whether any phrase of the list stands at tokens[at ...].
  bool any_at(const std::vector<token>& tokens, std::size_t at) const;

 private:
  std::vector<std::vector<std::string>> phrases_;
  std::unordered_map<std::string, std::vector<std::size_t>, word_hash, std::equal_to<>> by_first_word_;
};

}  // namespace triagebot::nlu
