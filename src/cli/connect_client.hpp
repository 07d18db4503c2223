#pragma once
// `triagebot chat --connect ws[s]://HOST:PORT/ws`: the terminal conversation over a WebSocket to a
// running `triagebot serve` (PROTOCOL v1). Beast stays inside connect_client.cpp. wss:// verifies
// the server's certificate and name against the system's trusted CAs (plus --tls-ca).
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <variant>

namespace triagebot::cli {

struct websocket_url {
  bool tls = false;          // wss://
  std::string host;          // without brackets for IPv6
  std::uint16_t port = 80;   // 80 (ws://) or 443 (wss://) when the URL names none
  std::string target = "/";  // path and query, "/" when empty
};

// Parses ws[s]://HOST[:PORT][/PATH]; the error is a sentence.
std::variant<websocket_url, std::string> parse_websocket_url(std::string_view url);

struct connect_options {
  // A PEM file of CA or self-signed certificates to trust besides the system's (wss:// only).
  std::string tls_ca_file;
};

// Runs the conversation: reads lines from in, writes the bot to out and problems to err.
// Returns 0 at the end of input or /quit, 1 when the connection fails or is lost (an untrusted
// certificate included), 2 for a bad URL or an unusable --tls-ca file.
int run_connect_client(const std::string& url, std::istream& in, std::ostream& out, std::ostream& err,
                       const connect_options& options = {});

}  // namespace triagebot::cli
