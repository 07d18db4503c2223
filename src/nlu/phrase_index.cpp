#include "nlu/phrase_index.hpp"

namespace triagebot::nlu {

phrase_index::phrase_index(std::vector<std::vector<std::string>> phrases) : phrases_(std::move(phrases)) {
  for (std::size_t p = 0; p < phrases_.size(); ++p)
    if (!phrases_[p].empty()) by_first_word_[phrases_[p].front()].push_back(p);
}

std::span<const std::size_t> phrase_index::starting_with(std::string_view word) const {
  const auto it = by_first_word_.find(word);
  if (it == by_first_word_.end()) return {};
  return it->second;
}

bool phrase_index::matches(const std::vector<token>& tokens, std::size_t at, std::size_t p) const {
  const auto& words = phrases_[p];
  if (words.empty() || at + words.size() > tokens.size()) return false;
  for (std::size_t w = 0; w < words.size(); ++w)
    if (tokens[at + w].text != words[w]) return false;
  return true;
}

bool phrase_index::any_at(const std::vector<token>& tokens, std::size_t at) const {
  if (at >= tokens.size()) return false;
  for (const std::size_t p : starting_with(tokens[at].text))
    if (matches(tokens, at, p)) return true;
  return false;
}

}  // namespace triagebot::nlu
