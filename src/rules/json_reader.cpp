#include "rules/json_reader.hpp"

#include <algorithm>

#include "nlu/fuzzy_index.hpp"

namespace triagebot::rules {

std::string type_name(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "a list";
    case nlohmann::json::value_t::string: return "text";
    case nlohmann::json::value_t::boolean: return "true/false";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float: return "a number";
    default: return "something else";
  }
}

std::optional<std::string> did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  int best_distance = 4;
  for (const auto& c : candidates) {
    const int limit = std::max(1, static_cast<int>(std::min(word.size(), c.size()) / 3));
    const int d = nlu::damerau_levenshtein(word, c, limit);
    if (d <= limit && d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

void json_reader::error(const std::string& path, std::string message) {
  findings_.push_back({file_, path, severity::error, std::move(message)});
}

void json_reader::warning(const std::string& path, std::string message) {
  findings_.push_back({file_, path, severity::warning, std::move(message)});
}

bool json_reader::object(const json& j, const std::string& path, std::initializer_list<std::string_view> allowed) {
  if (!j.is_object()) {
    error(path, "expected an object ({...}) but found " + type_name(j));
    return false;
  }
  std::vector<std::string> names(allowed.begin(), allowed.end());
  for (const auto& [key, value] : j.items()) {
    if (std::find(names.begin(), names.end(), key) != names.end()) continue;
    std::string message = "unknown field \"" + key + "\"";
    if (auto near = did_you_mean(key, names)) message += " (did you mean \"" + *near + "\"?)";
    else {
      message += "; allowed here: ";
      for (std::size_t i = 0; i < names.size(); ++i) message += (i ? ", " : "") + names[i];
    }
    error(field(path, key), message);
  }
  return true;
}

bool json_reader::object_any_keys(const json& j, const std::string& path) {
  if (!j.is_object()) {
    error(path, "expected an object ({...}) but found " + type_name(j));
    return false;
  }
  return true;
}

bool json_reader::array(const json& j, const std::string& path) {
  if (!j.is_array()) {
    error(path, "expected a list ([...]) but found " + type_name(j));
    return false;
  }
  return true;
}

std::string json_reader::text(const json& obj, const std::string& path, const char* key, bool required) {
  const auto p = field(path, key);
  if (!obj.is_object() || !obj.contains(key)) {
    if (required) error(p, std::string("the field \"") + key + "\" is missing");
    return {};
  }
  const auto& v = obj.at(key);
  if (!v.is_string()) {
    error(p, "expected text but found " + type_name(v));
    return {};
  }
  auto s = v.get<std::string>();
  if (s.find_first_not_of(" \t\n") == std::string::npos) {
    if (required) error(p, "the text is empty");
    return {};
  }
  return s;
}

std::vector<std::string> json_reader::text_list(const json& obj, const std::string& path, const char* key, bool required) {
  const auto p = field(path, key);
  std::vector<std::string> out;
  if (!obj.is_object() || !obj.contains(key)) {
    if (required) error(p, std::string("the field \"") + key + "\" is missing");
    return out;
  }
  const auto& v = obj.at(key);
  if (!array(v, p)) return out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_string()) {
      error(item(p, i), "expected text but found " + type_name(v[i]));
      continue;
    }
    auto s = v[i].get<std::string>();
    if (s.find_first_not_of(" \t\n") == std::string::npos) {
      error(item(p, i), "the text is empty");
      continue;
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::optional<double> json_reader::number(const json& obj, const std::string& path, const char* key, bool required) {
  const auto p = field(path, key);
  if (!obj.is_object() || !obj.contains(key)) {
    if (required) error(p, std::string("the field \"") + key + "\" is missing");
    return std::nullopt;
  }
  const auto& v = obj.at(key);
  if (!v.is_number()) {
    error(p, "expected a number but found " + type_name(v));
    return std::nullopt;
  }
  return v.get<double>();
}

bool json_reader::flag(const json& obj, const std::string& path, const char* key, bool fallback) {
  if (!obj.is_object() || !obj.contains(key)) return fallback;
  const auto& v = obj.at(key);
  if (!v.is_boolean()) {
    error(field(path, key), "expected true or false but found " + type_name(v));
    return fallback;
  }
  return v.get<bool>();
}

}  // namespace triagebot::rules
