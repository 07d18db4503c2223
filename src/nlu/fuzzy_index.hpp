#pragma once
// Typo tolerance: finds the lexicon word nearest to a typed word by Damerau-Levenshtein distance
// (optimal string alignment), allowing 1 edit for words of 5+ letters and 2 for 8+, none for shorter
// words (short misspellings are listed in the lexicon as variants instead).
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace triagebot::nlu {

// Edit distance with adjacent transpositions; returns max_distance + 1 once it is exceeded.
int damerau_levenshtein(std::string_view a, std::string_view b, int max_distance);

// Edits allowed for a typed word of this many letters.
int allowed_edits(std::size_t length);

class fuzzy_index {
 public:
  fuzzy_index() = default;
  explicit fuzzy_index(const std::vector<std::string>& words);

  // The nearest indexed word within the allowed edits; ties go to a word with the typed word's first
  // letter, then to the word indexed first.
  std::optional<std::string_view> nearest(std::string_view typed) const;

 private:
  std::vector<std::string> words_;
  // Deletion variants (symmetric delete) of every indexed word -> indices into words_.
  std::unordered_map<std::string, std::vector<std::uint32_t>> deletions_;
};

}  // namespace triagebot::nlu
