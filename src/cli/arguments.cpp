#include "cli/arguments.hpp"

namespace triagebot::cli {

arguments::arguments(const std::vector<std::string>& args, std::set<std::string> value_options,
                     std::set<std::string> flag_options) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto& a = args[i];
    if (a.rfind("--", 0) != 0 || a == "--") {
      positional_.push_back(a);
      continue;
    }
    std::string name = a.substr(2);
    std::optional<std::string> inline_value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    if (flag_options.contains(name)) {
      if (inline_value) { error_ = "the option --" + name + " takes no value"; return; }
      flags_.insert(name);
    } else if (value_options.contains(name)) {
      if (inline_value) values_[name] = *inline_value;
      else if (i + 1 < args.size()) values_[name] = args[++i];
      else { error_ = "the option --" + name + " needs a value"; return; }
    } else {
      error_ = "unknown option --" + name;
      return;
    }
  }
}

std::optional<std::string> arguments::value(const std::string& name) const {
  const auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string arguments::value_or(const std::string& name, std::string fallback) const {
  return value(name).value_or(std::move(fallback));
}

}  // namespace triagebot::cli
