#pragma once
// PROTOCOL v1 client frames, parsed and checked, and the error frames that answer bad ones.
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

namespace triagebot::engine {

inline constexpr int protocol_version = 1;
inline constexpr std::size_t max_text_code_points = 1000;

struct start_frame {
  std::optional<std::string> session;
  std::optional<std::string> locale;
};
struct message_frame {
  std::string text;  // trimmed
  std::optional<std::string> id;
};
struct restart_frame {};

using client_frame = std::variant<start_frame, message_frame, restart_frame>;

struct protocol_error {
  std::string code;     // bad_json | bad_request | too_long | rate_limited | internal
  std::string message;  // a sentence saying what was wrong and where
};

// Parses one frame's text; never throws.
std::variant<client_frame, protocol_error> parse_client_frame(std::string_view raw);
std::variant<client_frame, protocol_error> parse_client_frame(const nlohmann::json& j);

nlohmann::json error_frame(const protocol_error& e);

}  // namespace triagebot::engine
