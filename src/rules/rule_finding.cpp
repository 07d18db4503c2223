#include "rules/rule_finding.hpp"

#include <algorithm>
#include <tuple>

namespace triagebot::rules {

std::string format(const rule_finding& f) {
  return f.file + ":" + f.path + ": " + (f.level == severity::error ? "error" : "warning") + ": " + f.message;
}

bool has_errors(const std::vector<rule_finding>& findings) { return count(findings, severity::error) > 0; }

std::size_t count(const std::vector<rule_finding>& findings, severity level) {
  return static_cast<std::size_t>(
      std::count_if(findings.begin(), findings.end(), [&](const rule_finding& f) { return f.level == level; }));
}

void sort_findings(std::vector<rule_finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const rule_finding& a, const rule_finding& b) {
    return std::tie(a.file, a.path, a.message) < std::tie(b.file, b.path, b.message);
  });
}

}  // namespace triagebot::rules
