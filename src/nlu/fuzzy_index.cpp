#include "nlu/fuzzy_index.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <unordered_set>

namespace triagebot::nlu {
namespace {

void add_deletions(const std::string& word, int depth, std::unordered_set<std::string>& out) {
  if (depth == 0 || word.size() <= 1) return;
  for (std::size_t i = 0; i < word.size(); ++i) {
    std::string shorter = word.substr(0, i) + word.substr(i + 1);
    if (out.insert(shorter).second) add_deletions(shorter, depth - 1, out);
  }
}

// Every word `depth` deletions or fewer from `word`, each once, level by level. Deleting any letter of
// a run of one letter gives the same word, so one deletion a run makes the first level's variants
// distinct without a set ("aaaaaaaa" has one, not eight); the variants of the words of a deeper level
// may repeat one another, so those are gathered in a set, as add_deletions does.
void add_all_deletions(const std::string& word, int depth, std::vector<std::string>& out) {
  if (depth == 0 || word.size() <= 1) return;
  const std::size_t first = out.size();
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (i > 0 && word[i] == word[i - 1]) continue;
    out.push_back(word);
    out.back().erase(i, 1);
  }
  if (depth == 1) return;
  std::unordered_set<std::string> deeper;
  for (std::size_t v = first, end = out.size(); v < end; ++v) add_deletions(out[v], depth - 1, deeper);
  // Moved out node by node: a long word's variants are many, and not held twice.
  while (!deeper.empty()) out.push_back(std::move(deeper.extract(deeper.begin()).value()));
}

}  // namespace

int allowed_edits(std::size_t length) {
  if (length >= 8) return 2;
  if (length >= 5) return 1;
  return 0;
}

int damerau_levenshtein(std::string_view a, std::string_view b, int max_distance) {
  const auto n = a.size();
  const auto m = b.size();
  const auto length_gap = n > m ? n - m : m - n;
  if (length_gap > static_cast<std::size_t>(max_distance)) return max_distance + 1;
  // Three rolling rows are enough for the transposition term; a word's rows fit on the stack, and only
  // a longer text's go to the heap (every unknown word of a message is compared with a few words).
  constexpr std::size_t kStackColumns = 32;
  std::array<int, 3 * kStackColumns> stack_rows{};
  std::vector<int> heap_rows;
  if (m + 1 > kStackColumns) heap_rows.assign(3 * (m + 1), 0);
  int* rows = m + 1 > kStackColumns ? heap_rows.data() : stack_rows.data();
  int* two_back = rows;
  int* previous = rows + (m + 1);
  int* current = rows + 2 * (m + 1);
  for (std::size_t j = 0; j <= m; ++j) previous[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    current[0] = static_cast<int>(i);
    int row_min = current[0];
    for (std::size_t j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int best = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) best = std::min(best, two_back[j - 2] + 1);
      current[j] = best;
      row_min = std::min(row_min, best);
    }
    if (row_min > max_distance) return max_distance + 1;
    std::swap(two_back, previous);
    std::swap(previous, current);
  }
  return std::min(previous[m], max_distance + 1);
}

fuzzy_index::fuzzy_index(const std::vector<std::string>& words) {
  for (const auto& w : words) {
    if (allowed_edits(w.size()) == 0) continue;
    if (std::find(words_.begin(), words_.end(), w) != words_.end()) continue;
    const auto id = static_cast<std::uint32_t>(words_.size());
    words_.push_back(w);
    std::unordered_set<std::string> variants{w};
    add_deletions(w, 2, variants);
    for (const auto& v : variants) deletions_[v].push_back(id);
  }
}

std::optional<std::string_view> fuzzy_index::nearest(std::string_view typed) const {
  const int edits = allowed_edits(typed.size());
  if (edits == 0 || words_.empty()) return std::nullopt;
  // The typed word and its deletion variants, each once (deduplicated in vectors rather than gathered
  // in a set node by node; a variant is shorter than the word, so none repeats it). The order they are
  // looked up in does not matter: the best candidate is the least by distance, first letter and index,
  // whichever is met first.
  const std::string word(typed);
  std::vector<std::string> variants{word};
  add_all_deletions(word, edits, variants);
  int best_distance = std::numeric_limits<int>::max();
  std::uint32_t best_id = std::numeric_limits<std::uint32_t>::max();
  for (const auto& v : variants) {
    const auto it = deletions_.find(v);
    if (it == deletions_.end()) continue;
    for (const auto id : it->second) {
      const auto& candidate = words_[id];
      const int limit = std::min(edits, allowed_edits(candidate.size()));
      if (limit == 0) continue;
      const int d = damerau_levenshtein(typed, candidate, limit);
      // A typo seldom changes the first letter: on a tie, a word that keeps it wins ("yeers" is "years",
      // not "beers"), then the word indexed first.
      const auto keeps_first = [&](std::uint32_t i) { return words_[i].front() == typed.front(); };
      const bool better_tie = d == best_distance && (keeps_first(id) != keeps_first(best_id) ? keeps_first(id) : id < best_id);
      if (d <= limit && (d < best_distance || better_tie)) {
        best_distance = d;
        best_id = id;
      }
    }
  }
  if (best_id == std::numeric_limits<std::uint32_t>::max()) return std::nullopt;
  return std::string_view(words_[best_id]);
}

}  // namespace triagebot::nlu
