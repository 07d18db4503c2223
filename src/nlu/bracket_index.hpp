#pragma once
// Where brackets open and close in a tokenised message: what is said in brackets is an aside
// ("a disc bulge at L5 (MRI last year)", "(I'm her full time carer)"). Counts of brackets before
// each token make every test constant-time on long messages. An unmatched ")" closes nothing.
#include <cstddef>
#include <optional>
#include <vector>

#include "nlu/tokenizer.hpp"

namespace triagebot::nlu {

class bracket_index {
 public:
  explicit bracket_index(const std::vector<token>& tokens);

  // How many brackets are open at token k (0 outside any).
  int depth(std::size_t k) const { return k < depth_.size() ? depth_[k] : 0; }
  bool inside(std::size_t k) const { return depth(k) > 0; }
  // The "(" that opens the innermost bracket holding token k, if k is inside one.
  std::optional<std::size_t> opening(std::size_t k) const;
  // True when the trigger at [t_begin, t_end) sits in brackets the sign at [m_begin, m_end) is outside
  // of: more closing brackets than opening ones between a trigger and the sign after it, or more
  // opening ones between the sign and a trigger after it.
  bool aside(std::size_t t_begin, std::size_t t_end, std::size_t m_begin, std::size_t m_end) const;
  // True when tokens [begin, end) are all a bracket holds: a gloss ("my 阿姨 (auntie)").
  bool holds_only(std::size_t begin, std::size_t end) const;

 private:
  std::vector<int> depth_;                // open brackets before each token (one past the end too)
  std::vector<std::size_t> opens_, closes_;  // brackets opened, closed before each token
  std::vector<std::size_t> opener_;       // for each token inside brackets, its innermost "("
};

}  // namespace triagebot::nlu
