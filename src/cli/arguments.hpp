#pragma once
// A small command-line reader: "--name value", "--name=value" and bare flags, with clear errors.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace triagebot::cli {

class arguments {
 public:
  // value_options take a value; flag_options do not. Anything else starting with "--" is an error.
  arguments(const std::vector<std::string>& args, std::set<std::string> value_options, std::set<std::string> flag_options);

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  bool has(const std::string& name) const { return values_.contains(name) || flags_.contains(name); }
  std::optional<std::string> value(const std::string& name) const;
  std::string value_or(const std::string& name, std::string fallback) const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::map<std::string, std::string> values_;
  std::set<std::string> flags_;
  std::vector<std::string> positional_;
  std::string error_;
};

}  // namespace triagebot::cli
