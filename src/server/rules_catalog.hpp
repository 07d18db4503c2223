#pragma once
// The rule sets the server runs: the current one for new conversations, and every earlier one a
// conversation in progress started on (it finishes on the rules it started with).
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/engine.hpp"

namespace triagebot::server {

struct reload_result {
  bool ok = false;
  std::string version;                 // the version now current
  std::vector<std::string> findings;   // formatted findings (errors refuse the reload)
};

class rules_catalog {
 public:
  explicit rules_catalog(std::shared_ptr<const rules::rule_set> rules);

  std::shared_ptr<const engine::engine> current() const;
  // The engine for a conversation's rules version; the current one when that version is unknown.
  std::shared_ptr<const engine::engine> for_version(const std::string& version) const;

  // Loads and statically checks the rules in `directory`; on any error keeps the current rules.
  reload_result reload(const std::string& directory);

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const engine::engine> current_;
  std::map<std::string, std::shared_ptr<const engine::engine>> by_version_;
};

}  // namespace triagebot::server
