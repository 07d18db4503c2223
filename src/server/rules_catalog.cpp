#include "server/rules_catalog.hpp"

#include "rules/rules_loader.hpp"
#include "verify/static_checks.hpp"

namespace triagebot::server {

rules_catalog::rules_catalog(std::shared_ptr<const rules::rule_set> rules)
    : current_(std::make_shared<const engine::engine>(std::move(rules))) {
  by_version_[current_->rules().info.version] = current_;
}

std::shared_ptr<const engine::engine> rules_catalog::current() const {
  const std::lock_guard lock(mutex_);
  return current_;
}

std::shared_ptr<const engine::engine> rules_catalog::for_version(const std::string& version) const {
  const std::lock_guard lock(mutex_);
  const auto it = by_version_.find(version);
  return it == by_version_.end() ? current_ : it->second;
}

reload_result rules_catalog::reload(const std::string& directory) {
  reload_result result;
  auto loaded = rules::load_rules(directory);
  std::vector<rules::rule_finding> findings = loaded.findings;
  if (loaded.rules) {
    auto more = verify::check_static(*loaded.rules);
    findings.insert(findings.end(), more.begin(), more.end());
  }
  for (const auto& f : findings) result.findings.push_back(rules::format(f));
  if (!loaded.rules || rules::has_errors(findings)) {
    result.version = current()->rules().info.version;
    return result;
  }
  auto next = std::make_shared<const engine::engine>(loaded.rules);
  const std::lock_guard lock(mutex_);
  // A conversation keeps the rules it started on: an earlier set under the same version stays.
  by_version_.try_emplace(next->rules().info.version, next);
  current_ = next;
  result.ok = true;
  result.version = next->rules().info.version;
  return result;
}

}  // namespace triagebot::server
