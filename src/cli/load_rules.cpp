#include <iostream>

#include "cli/commands.hpp"
#include "rules/rules_loader.hpp"

namespace triagebot::cli {

std::shared_ptr<const rules::rule_set> load_rules_or_report(const std::string& directory) {
  auto result = rules::load_rules(directory);
  for (const auto& f : result.findings) std::cerr << (directory + "/") << rules::format(f) << "\n";
  if (!result.rules) {
    std::cerr << "triagebot: the rules in " << directory << " have " << rules::count(result.findings, rules::severity::error)
              << " error(s) and were not loaded\n";
  }
  return result.rules;
}

}  // namespace triagebot::cli
