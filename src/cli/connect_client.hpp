#pragma once
// `triagebot chat --connect ws://HOST:PORT/ws`: the terminal conversation over a WebSocket to a
// running `triagebot serve` (PROTOCOL v1). Beast stays inside connect_client.cpp.
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <variant>

namespace triagebot::cli {

struct websocket_url {
  std::string host;          // without brackets for IPv6
  std::uint16_t port = 80;   // 80 when the URL names none
  std::string target = "/";  // path and query, "/" when empty
};

// Parses ws://HOST[:PORT][/PATH]; the error is a sentence (wss:// is refused: this client has no TLS).
std::variant<websocket_url, std::string> parse_websocket_url(std::string_view url);

// Runs the conversation: reads lines from in, writes the bot to out and problems to err.
// Returns 0 at the end of input or /quit, 1 when the connection fails or is lost, 2 for a bad URL.
int run_connect_client(const std::string& url, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace triagebot::cli
