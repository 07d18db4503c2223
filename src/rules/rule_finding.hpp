#pragma once
// One problem found in a rule set: where (file, JSON path, or line:column for syntax) and what, in a
// sentence a clinician can act on.
#include <string>
#include <vector>

namespace triagebot::rules {

enum class severity { error, warning };

struct rule_finding {
  std::string file;      // relative to the rules directory
  std::string path;      // JSON path, "$.questions[3].text"; or "line:column" for syntax errors
  severity level = severity::error;
  std::string message;
};

// "questions.json:$.questions[3].text: error: the text is empty"
std::string format(const rule_finding& f);

bool has_errors(const std::vector<rule_finding>& findings);
std::size_t count(const std::vector<rule_finding>& findings, severity level);

// Sorted by file, path, then message, for stable output.
void sort_findings(std::vector<rule_finding>& findings);

}  // namespace triagebot::rules
