#pragma once
// Loads a rules directory and validates everything a static read can: syntax, fields, types, empty
// texts, references between files. Rules with any error are not returned.
#include <filesystem>
#include <memory>
#include <vector>

#include "rules/rule_finding.hpp"
#include "rules/rule_set.hpp"

namespace triagebot::rules {

struct load_result {
  std::shared_ptr<const rule_set> rules;  // null when there is any error
  std::vector<rule_finding> findings;     // sorted
  bool unreadable = false;                // the directory or a file could not be read at all
};

load_result load_rules(const std::filesystem::path& directory);

// The rule files, in the order they are read.
const std::vector<std::string>& rule_files();

}  // namespace triagebot::rules
