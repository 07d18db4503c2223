#pragma once
// Reads rule files field by field and reports every problem with its JSON path, instead of throwing
// library exceptions at the user.
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "rules/rule_finding.hpp"

namespace triagebot::rules {

class json_reader {
 public:
  using json = nlohmann::json;

  json_reader(std::string file, std::vector<rule_finding>& findings) : file_(std::move(file)), findings_(findings) {}

  void error(const std::string& path, std::string message);
  void warning(const std::string& path, std::string message);

  // True when j is an object; reports each field not in `allowed`, with a "did you mean".
  bool object(const json& j, const std::string& path, std::initializer_list<std::string_view> allowed);
  bool object_any_keys(const json& j, const std::string& path);
  bool array(const json& j, const std::string& path);

  // A string field; "" (and an error when required) if missing or not a string or empty.
  std::string text(const json& obj, const std::string& path, const char* key, bool required = true);
  std::vector<std::string> text_list(const json& obj, const std::string& path, const char* key, bool required = true);
  std::optional<double> number(const json& obj, const std::string& path, const char* key, bool required = true);
  bool flag(const json& obj, const std::string& path, const char* key, bool fallback = false);

  static std::string field(const std::string& path, std::string_view key) { return path + "." + std::string(key); }
  static std::string item(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::vector<rule_finding>& findings_;
};

std::string type_name(const nlohmann::json& j);
// The closest of `candidates` to `word`, when close enough to be a likely typo.
std::optional<std::string> did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace triagebot::rules
