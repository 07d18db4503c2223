// load_server_config: flags over TRIAGEBOT_* environment variables over a JSON file over defaults.
#include "server/config_loader.hpp"

#include <unistd.h>
#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <string_view>

#include <nlohmann/json.hpp>

#include "server/tls_files.hpp"

extern char** environ;

namespace triagebot::server {
namespace {

using json = nlohmann::json;

enum class kind { listen, text, path, store, whole, size, rate, boolean, origins };

using member = std::variant<std::monostate, std::string server_config::*, unsigned server_config::*,
                            std::size_t server_config::*, double server_config::*, bool server_config::*,
                            std::vector<std::string> server_config::*>;

struct option {
  std::string_view flag;  // without the leading "--"
  std::string_view key;   // JSON key
  std::string_view env;   // environment variable
  kind k;
  member field;
  double min = 0;  // inclusive range for numbers
  double max = 0;
};

constexpr double kMiB = 1024.0 * 1024.0;

const std::vector<option>& options() {
  static const std::vector<option> all = {
      {"listen", "listen", "TRIAGEBOT_LISTEN", kind::listen, std::monostate{}},
      {"data", "data", "TRIAGEBOT_DATA", kind::path, &server_config::data_dir},
      {"rules", "rules", "TRIAGEBOT_RULES", kind::path, &server_config::rules_dir},
      {"threads", "threads", "TRIAGEBOT_THREADS", kind::whole, &server_config::threads, 0, 1024},
      {"store", "store", "TRIAGEBOT_STORE", kind::store, &server_config::store},
      {"sync-full", "sync_full", "TRIAGEBOT_SYNC_FULL", kind::boolean, &server_config::sync_full},
      {"max-frame-bytes", "max_frame_bytes", "TRIAGEBOT_MAX_FRAME_BYTES", kind::size, &server_config::max_frame_bytes, 1,
       64 * kMiB},
      {"max-text-code-points", "max_text_code_points", "TRIAGEBOT_MAX_TEXT_CODE_POINTS", kind::size,
       &server_config::max_text_code_points, 1, 1000000},
      {"messages-per-second", "messages_per_second", "TRIAGEBOT_MESSAGES_PER_SECOND", kind::rate,
       &server_config::messages_per_second, 0, 1000000},
      {"message-burst", "message_burst", "TRIAGEBOT_MESSAGE_BURST", kind::rate, &server_config::message_burst, 1,
       1000000},
      {"idle-timeout", "idle_timeout", "TRIAGEBOT_IDLE_TIMEOUT", kind::whole, &server_config::idle_timeout_seconds, 1,
       7 * 86400},
      {"handshake-timeout", "handshake_timeout", "TRIAGEBOT_HANDSHAKE_TIMEOUT", kind::whole,
       &server_config::handshake_timeout_seconds, 1, 3600},
      {"http-timeout", "http_timeout", "TRIAGEBOT_HTTP_TIMEOUT", kind::whole, &server_config::http_timeout_seconds, 1,
       3600},
      {"max-header-bytes", "max_header_bytes", "TRIAGEBOT_MAX_HEADER_BYTES", kind::size, &server_config::max_header_bytes,
       1, 16 * kMiB},
      {"max-body-bytes", "max_body_bytes", "TRIAGEBOT_MAX_BODY_BYTES", kind::size, &server_config::max_body_bytes, 1,
       256 * kMiB},
      {"max-connections", "max_connections", "TRIAGEBOT_MAX_CONNECTIONS", kind::size, &server_config::max_connections, 1,
       10000000},
      {"max-connections-per-address", "max_connections_per_address", "TRIAGEBOT_MAX_CONNECTIONS_PER_ADDRESS", kind::size,
       &server_config::max_connections_per_address, 1, 10000000},
      {"write-queue-limit", "write_queue_limit", "TRIAGEBOT_WRITE_QUEUE_LIMIT", kind::size,
       &server_config::write_queue_limit, 1, 1000000},
      {"allowed-origin", "allowed_origins", "TRIAGEBOT_ALLOWED_ORIGINS", kind::origins, &server_config::allowed_origins},
      {"tls-certificate", "tls_certificate", "TRIAGEBOT_TLS_CERTIFICATE", kind::text,
       &server_config::tls_certificate_file},
      {"tls-key", "tls_key", "TRIAGEBOT_TLS_KEY", kind::text, &server_config::tls_key_file},
      {"session-ttl-hours", "session_ttl_hours", "TRIAGEBOT_SESSION_TTL_HOURS", kind::whole,
       &server_config::session_ttl_hours, 1, 24 * 365},
      {"transcript-retention-days", "transcript_retention_days", "TRIAGEBOT_TRANSCRIPT_RETENTION_DAYS", kind::whole,
       &server_config::transcript_retention_days, 1, 3650},
      {"purge-interval", "purge_interval", "TRIAGEBOT_PURGE_INTERVAL", kind::whole,
       &server_config::purge_interval_seconds, 1, 7 * 86400},
      {"admin-token", "admin_token", "TRIAGEBOT_ADMIN_TOKEN", kind::text, &server_config::admin_token},
      {"webhook-token", "webhook_token", "TRIAGEBOT_WEBHOOK_TOKEN", kind::text, &server_config::webhook_token},
      {"log-text", "log_text", "TRIAGEBOT_LOG_TEXT", kind::boolean, &server_config::log_text},
      {"echo", "echo", "TRIAGEBOT_ECHO", kind::boolean, &server_config::echo},
  };
  return all;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

// " (did you mean "x"?)" for the closest candidate, or "" when nothing is close.
std::string did_you_mean(std::string_view typed, const std::vector<std::string>& candidates, std::string_view prefix) {
  std::string best;
  std::size_t best_distance = std::numeric_limits<std::size_t>::max();
  for (const auto& c : candidates) {
    const auto d = edit_distance(typed, c);
    if (d < best_distance) best_distance = d, best = c;
  }
  const std::size_t allowed = std::max<std::size_t>(2, typed.size() / 3);
  if (best.empty() || best_distance > allowed) return "";
  return " (did you mean " + std::string(prefix) + best + "?)";
}

std::string in_quotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string describe(const json& v) {
  if (v.is_string()) return "the text " + in_quotes(v.get<std::string>());
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_null()) return "null";
  if (v.is_array()) return "a list";
  if (v.is_object()) return "an object";
  return v.dump();
}

std::string format_number(double d) {
  std::ostringstream out;
  out.precision(15);
  out << d;
  return out.str();
}

// A value as given on the command line or in the environment, turned into the JSON value a config
// file would hold, so that one function checks all three.
std::variant<json, std::string> from_text(const option& o, std::string_view text) {
  switch (o.k) {
    case kind::whole:
    case kind::size: {
      std::uint64_t n = 0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
      if (text.empty() || ec != std::errc{} || end != text.data() + text.size())
        return "must be a whole number from " + format_number(o.min) + " to " + format_number(o.max) + ", not " +
               in_quotes(text);
      return json(n);
    }
    case kind::rate: {
      double d = 0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
      if (text.empty() || ec != std::errc{} || end != text.data() + text.size())
        return "must be a number such as 5 or 0.5, not " + in_quotes(text);
      return json(d);
    }
    case kind::boolean: {
      std::string lower(text);
      std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (lower == "1" || lower == "true" || lower == "yes" || lower == "on") return json(true);
      if (lower == "0" || lower == "false" || lower == "no" || lower == "off" || lower.empty()) return json(false);
      return "must be true or false (also 1/0, yes/no, on/off), not " + in_quotes(text);
    }
    case kind::origins: {
      json list = json::array();
      std::size_t start = 0;
      while (start <= text.size()) {
        auto comma = text.find(',', start);
        if (comma == std::string_view::npos) comma = text.size();
        auto item = text.substr(start, comma - start);
        while (!item.empty() && std::isspace(static_cast<unsigned char>(item.front()))) item.remove_prefix(1);
        while (!item.empty() && std::isspace(static_cast<unsigned char>(item.back()))) item.remove_suffix(1);
        if (!item.empty()) list.push_back(std::string(item));
        start = comma + 1;
      }
      return list;
    }
    default:
      return json(std::string(text));
  }
}

std::optional<std::string> check_origin(std::string& origin) {
  std::transform(origin.begin(), origin.end(), origin.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const auto scheme_end = origin.find("://");
  const auto scheme = scheme_end == std::string::npos ? std::string() : origin.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https")
    return in_quotes(origin) + " is not an origin: write it as the browser sends it, e.g. https://www.example-clinic.com";
  const auto rest = origin.substr(scheme_end + 3);
  if (rest.empty()) return in_quotes(origin) + " has no host name";
  if (const auto slash = rest.find('/'); slash != std::string::npos)
    return in_quotes(origin) + " has a path or a trailing slash; an origin is only scheme://host[:port], e.g. " + scheme +
           "://" + rest.substr(0, slash);
  if (rest.find_first_of("?#@ *") != std::string::npos) return in_quotes(origin) + " is not an origin (scheme://host[:port])";
  return std::nullopt;
}

// Parses HOST:PORT. IPv6 addresses go in brackets: [::1]:8080. "localhost" means 127.0.0.1.
std::optional<std::string> parse_listen(const std::string& text, server_config& config) {
  const std::string hint = "must be HOST:PORT such as 127.0.0.1:8080, 0.0.0.0:8080 or [::1]:8080, not " + in_quotes(text);
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return hint;
  std::string host = text.substr(0, colon);
  const std::string port_text = text.substr(colon + 1);
  if (host.front() == '[') {
    if (host.back() != ']' || host.size() < 3) return hint;
    host = host.substr(1, host.size() - 2);
    in6_addr a6{};
    if (inet_pton(AF_INET6, host.c_str(), &a6) != 1) return hint + " (" + in_quotes(host) + " is not an IPv6 address)";
  } else {
    if (host == "localhost") host = "127.0.0.1";
    in_addr a4{};
    if (inet_pton(AF_INET, host.c_str(), &a4) != 1)
      return hint + " (the host must be an IP address; put IPv6 addresses in brackets)";
  }
  unsigned port = 0;
  const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc{} || end != port_text.data() + port_text.size() || port > 65535)
    return "the port must be a whole number from 0 to 65535 (0: any free port), not " + in_quotes(port_text);
  config.listen_host = host;
  config.listen_port = static_cast<std::uint16_t>(port);
  return std::nullopt;
}

// Checks a value and stores it; the error is the problem without its source.
std::optional<std::string> apply(const option& o, const json& v, server_config& config) {
  switch (o.k) {
    case kind::listen:
      if (!v.is_string()) return "must be a text \"HOST:PORT\", not " + describe(v);
      return parse_listen(v.get<std::string>(), config);
    case kind::text:
    case kind::path:
    case kind::store: {
      if (!v.is_string()) return "must be a text, not " + describe(v);
      const auto s = v.get<std::string>();
      if (o.k == kind::path && s.empty()) return "must not be empty";
      if (o.k == kind::store && s != "sqlite" && s != "memory") return "must be sqlite or memory, not " + in_quotes(s);
      config.*std::get<std::string server_config::*>(o.field) = s;
      return std::nullopt;
    }
    case kind::whole:
    case kind::size: {
      const std::string range = "a whole number from " + format_number(o.min) + " to " + format_number(o.max);
      if (!v.is_number_integer()) return "must be " + range + ", not " + describe(v);
      if (v.is_number_unsigned() ? static_cast<double>(v.get<std::uint64_t>()) > o.max
                                 : (v.get<std::int64_t>() < static_cast<std::int64_t>(o.min) ||
                                    static_cast<double>(v.get<std::int64_t>()) > o.max))
        return "must be " + range + ", not " + v.dump();
      const auto n = v.get<std::uint64_t>();
      if (static_cast<double>(n) < o.min) return "must be " + range + ", not " + v.dump();
      if (o.k == kind::whole) config.*std::get<unsigned server_config::*>(o.field) = static_cast<unsigned>(n);
      else config.*std::get<std::size_t server_config::*>(o.field) = static_cast<std::size_t>(n);
      return std::nullopt;
    }
    case kind::rate: {
      if (!v.is_number()) return "must be a number, not " + describe(v);
      const auto d = v.get<double>();
      const bool above_min = o.min == 0 ? d > 0 : d >= o.min;
      if (!std::isfinite(d) || !above_min || d > o.max)
        return std::string("must be ") + (o.min == 0 ? "more than 0" : "at least " + format_number(o.min)) + " and at most " +
               format_number(o.max) + ", not " + format_number(d);
      config.*std::get<double server_config::*>(o.field) = d;
      return std::nullopt;
    }
    case kind::boolean:
      if (!v.is_boolean()) return "must be true or false, not " + describe(v);
      config.*std::get<bool server_config::*>(o.field) = v.get<bool>();
      return std::nullopt;
    case kind::origins: {
      if (!v.is_array()) return "must be a list of origins such as [\"https://www.example-clinic.com\"], not " + describe(v);
      std::vector<std::string> list;
      for (const auto& item : v) {
        if (!item.is_string()) return "must hold only texts, not " + describe(item);
        auto origin = item.get<std::string>();
        if (auto problem = check_origin(origin)) return *problem;
        if (std::find(list.begin(), list.end(), origin) == list.end()) list.push_back(origin);
      }
      config.*std::get<std::vector<std::string> server_config::*>(o.field) = std::move(list);
      return std::nullopt;
    }
  }
  return std::nullopt;
}

const option* find_by(std::string_view option::*which, std::string_view name) {
  for (const auto& o : options())
    if (o.*which == name) return &o;
  return nullptr;
}

std::vector<std::string> names(std::string_view option::*which) {
  std::vector<std::string> out;
  for (const auto& o : options()) out.emplace_back(o.*which);
  return out;
}

struct flag_value {
  const option* o;
  std::string text;
};

std::pair<std::size_t, std::size_t> line_column(const std::string& text, std::size_t byte) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') ++line, column = 1;
    else ++column;
  }
  return {line, column};
}

// Reads the config file into config; where says where its name came from.
std::optional<std::string> apply_file(const std::string& path, const std::string& named_by, server_config& config,
                                      std::map<std::string, std::string>& source) {
  const std::string file = "the config file " + path + " (" + named_by + ")";
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return file + " does not exist";
  if (std::filesystem::is_directory(path, ec)) return file + " is a directory, not a JSON file";
  std::ifstream in(path, std::ios::binary);
  if (!in) return file + " cannot be read (permission denied?)";
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    const auto [line, column] = line_column(text, e.byte == 0 ? 0 : e.byte - 1);
    std::string what = e.what();
    if (const auto p = what.find("parse error"); p != std::string::npos) what = what.substr(p);
    return file + " is not valid JSON at line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + what;
  }
  if (!doc.is_object()) return file + " must hold a JSON object such as {\"listen\": \"0.0.0.0:8080\"}, not " + describe(doc);
  for (const auto& [key, value] : doc.items()) {
    if (!key.empty() && key.front() == '_') continue;  // "_comment" keys are allowed
    const option* o = find_by(&option::key, key);
    if (!o) return path + ": unknown key " + in_quotes(key) + did_you_mean(key, names(&option::key), "") + " (" + named_by + ")";
    const std::string where = path + ", key " + in_quotes(key);
    if (auto problem = apply(*o, value, config)) return where + ": " + *problem;
    source[std::string(o->key)] = where;
  }
  return std::nullopt;
}

std::optional<std::string> check_tls(const server_config& config, const std::map<std::string, std::string>& source) {
  const auto& cert = config.tls_certificate_file;
  const auto& key = config.tls_key_file;
  auto from = [&](const char* k) {
    const auto it = source.find(k);
    return it == source.end() ? std::string(k) : it->second;
  };
  if (cert.empty() && key.empty()) return std::nullopt;
  if (key.empty()) return from("tls_certificate") + ": TLS needs a key file too (--tls-key, TRIAGEBOT_TLS_KEY or tls_key)";
  if (cert.empty())
    return from("tls_key") + ": TLS needs a certificate file too (--tls-certificate, TRIAGEBOT_TLS_CERTIFICATE or tls_certificate)";
  for (const auto& [k, path] : {std::pair{"tls_certificate", cert}, std::pair{"tls_key", key}}) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return from(k) + ": the file " + in_quotes(path) + " does not exist";
    if (!std::ifstream(path)) return from(k) + ": the file " + in_quotes(path) + " cannot be read";
  }
  if (auto problem = check_tls_files(cert, key))
    return from(problem->in_key_file ? "tls_key" : "tls_certificate") + ": " + problem->sentence;
  return std::nullopt;
}

}  // namespace

std::variant<server_config, std::string> load_server_config(const std::vector<std::string>& args,
                                                            const std::map<std::string, std::string>& environment) {
  // 1. Read the flags (applied last, but read first: --config names the file).
  std::vector<flag_value> flags;
  std::optional<std::string> config_flag;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto& a = args[i];
    if (a.rfind("--", 0) != 0 || a == "--") return "unexpected argument " + in_quotes(a) + " (options start with --)";
    std::string name = a.substr(2);
    std::optional<std::string> inline_value;
    if (const auto eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    if (name == "allowed-origins") name = "allowed-origin";
    const option* o = find_by(&option::flag, name);
    if (!o && name != "config") {
      auto candidates = names(&option::flag);
      candidates.emplace_back("config");
      return "unknown option --" + name + did_you_mean(name, candidates, "--");
    }
    std::string value;
    if (o && o->k == kind::boolean && !inline_value) {
      value = "true";
    } else if (inline_value) {
      value = *inline_value;
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return "the option --" + name + " needs a value";
    }
    if (!o) config_flag = value;
    else flags.push_back({o, value});
  }

  server_config config;
  std::map<std::string, std::string> source;  // JSON key -> where its value came from

  // 2. The config file.
  if (config_flag) {
    if (config_flag->empty()) return std::string("the option --config: needs a file name");
    if (auto problem = apply_file(*config_flag, "from --config", config, source)) return *problem;
  } else if (const auto it = environment.find("TRIAGEBOT_CONFIG"); it != environment.end() && !it->second.empty()) {
    if (auto problem = apply_file(it->second, "from TRIAGEBOT_CONFIG", config, source)) return *problem;
  }

  // 3. The environment.
  for (const auto& o : options()) {
    const auto it = environment.find(std::string(o.env));
    if (it == environment.end()) continue;
    const std::string where = "the environment variable " + std::string(o.env);
    auto value = from_text(o, it->second);
    if (auto* problem = std::get_if<std::string>(&value)) return where + ": " + *problem;
    if (auto problem = apply(o, std::get<json>(value), config)) return where + ": " + *problem;
    source[std::string(o.key)] = where;
  }

  // 4. The flags. --allowed-origin may be repeated: the flags' origins together replace the others.
  json origins = json::array();
  const option* origin_option = nullptr;
  for (const auto& f : flags) {
    const std::string where = "the option --" + std::string(f.o->flag);
    auto value = from_text(*f.o, f.text);
    if (auto* problem = std::get_if<std::string>(&value)) return where + ": " + *problem;
    if (f.o->k == kind::origins) {
      for (auto& item : std::get<json>(value)) origins.push_back(item);
      origin_option = f.o;
      continue;
    }
    if (auto problem = apply(*f.o, std::get<json>(value), config)) return where + ": " + *problem;
    source[std::string(f.o->key)] = where;
  }
  if (origin_option) {
    if (auto problem = apply(*origin_option, origins, config)) return "the option --allowed-origin: " + *problem;
    source["allowed_origins"] = "the option --allowed-origin";
  }

  // 5. Checks across options.
  if (auto problem = check_tls(config, source)) return *problem;
  return config;
}

std::map<std::string, std::string> triagebot_environment() {
  std::map<std::string, std::string> out;
  for (char** e = environ; e && *e; ++e) {
    const std::string_view entry(*e);
    if (entry.rfind("TRIAGEBOT_", 0) != 0) continue;
    const auto eq = entry.find('=');
    if (eq == std::string_view::npos) continue;
    out.emplace(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
  }
  return out;
}

const char* server_config_help() {
  return "options (each also TRIAGEBOT_<NAME> in the environment and <name> in the --config JSON file;\n"
         "flags win over the environment, which wins over the file; see docs/configuration.md):\n"
         "  --config FILE                    a JSON config file (or TRIAGEBOT_CONFIG)\n"
         "  --listen HOST:PORT               address to listen on (default 127.0.0.1:8080; port 0: any free port)\n"
         "  --data DIR                       where the SQLite database lives (default ./data)\n"
         "  --rules DIR                      the rules directory (default ./rules)\n"
         "  --threads N                      worker threads (default 0: one per core)\n"
         "  --store sqlite|memory            where conversations are kept (default sqlite)\n"
         "  --sync-full                      SQLite synchronous=FULL: survive power loss, slower writes\n"
         "  --max-frame-bytes N              largest WebSocket frame accepted (default 16384)\n"
         "  --max-text-code-points N         longest message text (default 1000, as PROTOCOL v1 says)\n"
         "  --messages-per-second R          per-connection message rate (default 5)\n"
         "  --message-burst N                messages allowed at once above the rate (default 10)\n"
         "  --idle-timeout SECONDS           close idle WebSocket connections (default 600)\n"
         "  --handshake-timeout SECONDS      time allowed for the TLS and WebSocket handshakes (default 10)\n"
         "  --http-timeout SECONDS           time allowed for a plain HTTP request (default 10)\n"
         "  --max-header-bytes N             largest HTTP header block (default 8192)\n"
         "  --max-body-bytes N               largest HTTP request body (default 65536)\n"
         "  --max-connections N              connections at once (default 10000)\n"
         "  --max-connections-per-address N  connections at once from one IP address (default 100)\n"
         "  --write-queue-limit N            frames waiting to be sent on one connection (default 64)\n"
         "  --allowed-origin ORIGIN          a website allowed to open the chat (repeatable; env: comma-separated)\n"
         "  --tls-certificate FILE           PEM certificate chain (server first): every connection is TLS,\n"
         "                                   https:// and wss:// (needs --tls-key; TLS 1.2+; restart to renew)\n"
         "  --tls-key FILE                   unencrypted PEM private key of that certificate\n"
         "  --session-ttl-hours N            forget idle conversations after N hours (default 24)\n"
         "  --transcript-retention-days N    delete transcripts after N days (default 30)\n"
         "  --purge-interval SECONDS         how often expired data is deleted (default 3600)\n"
         "  --admin-token TOKEN              bearer token for the admin API (default: admin API off)\n"
         "  --webhook-token TOKEN            bearer token required by the Rasa webhook (default: none)\n"
         "  --log-text                       log what people type (local testing only)\n"
         "  --echo                           benchmark baseline: echo frames, no engine or store\n";
}

}  // namespace triagebot::server
