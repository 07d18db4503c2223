#include "nlu/bracket_index.hpp"

namespace triagebot::nlu {

bracket_index::bracket_index(const std::vector<token>& tokens)
    : depth_(tokens.size() + 1, 0), opens_(tokens.size() + 1, 0), closes_(tokens.size() + 1, 0), opener_(tokens.size() + 1, 0) {
  std::vector<std::size_t> open_at;
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    const bool opens = tokens[k].kind == token_kind::punct && tokens[k].text == "(";
    const bool closes = tokens[k].kind == token_kind::punct && tokens[k].text == ")";
    opens_[k + 1] = opens_[k] + (opens ? 1 : 0);
    closes_[k + 1] = closes_[k] + (closes ? 1 : 0);
    if (opens) open_at.push_back(k);
    if (closes && !open_at.empty()) open_at.pop_back();
    depth_[k + 1] = static_cast<int>(open_at.size());
    opener_[k + 1] = open_at.empty() ? 0 : open_at.back();
  }
}

std::optional<std::size_t> bracket_index::opening(std::size_t k) const {
  if (!inside(k)) return std::nullopt;
  return opener_[k];
}

bool bracket_index::aside(std::size_t t_begin, std::size_t t_end, std::size_t m_begin, std::size_t m_end) const {
  // A bracket opened and closed between them ("years ago (2017) I had numbness") sets neither aside.
  if (t_end <= m_begin) return closes_[m_begin] - closes_[t_end] > opens_[m_begin] - opens_[t_end];
  return m_end <= t_begin && opens_[t_begin] - opens_[m_end] > closes_[t_begin] - closes_[m_end];
}

bool bracket_index::holds_only(std::size_t begin, std::size_t end) const {
  const auto open = opening(begin);
  const bool closes_at_end = end + 1 < closes_.size() && closes_[end + 1] > closes_[end];  // token `end` is ")"
  return open && *open + 1 == begin && closes_at_end;
}

}  // namespace triagebot::nlu
