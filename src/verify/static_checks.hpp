#pragma once
// Checks on a loaded rule set that need the whole set at once: questions nothing asks, follow-up
// cycles, synonyms that contradict each other, screening answers that lead to no red flag.
#include <vector>

#include "rules/rule_finding.hpp"
#include "rules/rule_set.hpp"

namespace triagebot::verify {

std::vector<rules::rule_finding> check_static(const rules::rule_set& rules);

// The red flags whose patterns read a fact, for "a yes must lead to its flag".
std::vector<const rules::red_flag*> flags_reading(const rules::rule_set& rules, const std::string& fact);

}  // namespace triagebot::verify
