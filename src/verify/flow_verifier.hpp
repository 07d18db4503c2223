#pragma once
// Exhaustive verification of a rule set: plays every conversation the buttons allow (each yes/no,
// each choice, numbers at every threshold the rules compare them with, and "not sure"), merging
// equal states, and proves safety properties on every path. A violation comes with the shortest
// path that shows it, as the answers to type in `triagebot chat`.
#include <cstddef>
#include <vector>

#include "engine/engine.hpp"
#include "rules/rule_finding.hpp"

namespace triagebot::verify {

struct verification_options {
  std::size_t max_states = 3'000'000;  // a guard against rule sets that explode; reported when hit
};

struct verification_report {
  std::vector<rules::rule_finding> findings;
  std::size_t states_explored = 0;
  double paths_represented = 0;  // root-to-outcome paths the merged states stand for
  int longest_path = 0;          // most questions on any path
  bool complete = true;          // false when max_states stopped the exploration
};

verification_report verify_flow(const engine::engine& bot, const verification_options& options = {});

}  // namespace triagebot::verify
