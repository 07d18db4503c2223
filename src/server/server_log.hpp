#pragma once
// The server's log: one JSON object per line on stderr (spdlog). Never the person's text unless
// the configuration says so (log_text).
#include <string>

#include <nlohmann/json.hpp>

namespace triagebot::server {

enum class log_level { debug, info, warn, error, off };

void set_log_level(log_level level);
// Writes {"ts":..., "level":..., "event": event, ...fields} as one line.
void log_event(log_level level, const std::string& event, nlohmann::json fields = nlohmann::json::object());

// The first 12 hex characters of a session's hash: enough to follow a conversation in the log.
inline std::string short_hash(const std::string& token_hash) { return token_hash.substr(0, 12); }

}  // namespace triagebot::server
