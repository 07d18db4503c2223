#pragma once
// The subcommands of the triagebot binary. Each returns the process exit code; only main() exits.
#include <memory>
#include <string>
#include <vector>

#include "rules/rule_set.hpp"

namespace triagebot::cli {

int chat_command(const std::vector<std::string>& args);
int test_command(const std::vector<std::string>& args);
int check_command(const std::vector<std::string>& args);
int graph_command(const std::vector<std::string>& args);
int serve_command(const std::vector<std::string>& args);

// Loads rules for a command: prints findings to stderr; null (exit code 2) on any error.
std::shared_ptr<const rules::rule_set> load_rules_or_report(const std::string& directory);

}  // namespace triagebot::cli
