// The `chat --connect` client: Beast's synchronous WebSocket client (over TLS for wss://), one frame
// out, one frame back.
#include "cli/connect_client.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <type_traits>
#include <chrono>
#include <iostream>
#include <optional>
#include <string>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <nlohmann/json.hpp>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

namespace triagebot::cli {
namespace {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using json = nlohmann::json;

// The same look as the local `triagebot chat`.
void print_frame(std::ostream& out, const json& frame) {
  if (frame.value("type", "") == "error") {
    out << "  (" << frame.value("message", frame.value("code", "error")) << ")\n";
    return;
  }
  if (const auto it = frame.find("messages"); it != frame.end() && it->is_array())
    for (const auto& m : *it)
      if (m.is_object() && m.contains("text") && m.at("text").is_string()) out << "bot> " << m.at("text").get<std::string>() << "\n";
  const json input = frame.value("input", json::object());
  if (input.is_object() && input.value("kind", "") == "scale")
    out << "     (type a number from " << input.value("min", 0) << " to " << input.value("max", 10) << ")\n";
  std::size_t n = 0;
  if (const auto it = frame.find("quick_replies"); it != frame.end() && it->is_array())
    for (const auto& q : *it) out << "  [" << ++n << "] " << q.value("title", q.value("payload", "")) << "\n";
  const auto outcome = frame.find("outcome");
  if (outcome != frame.end() && outcome->is_object() && outcome->contains("exercises") && outcome->at("exercises").is_array() &&
      !outcome->at("exercises").empty()) {
    out << "  Exercises:\n";
    for (const auto& e : outcome->at("exercises")) {
      out << "   - " << e.value("name", "") << " (" << e.value("dose", "") << ")\n";
      std::size_t step = 0;
      if (e.contains("steps") && e.at("steps").is_array())
        for (const auto& s : e.at("steps"))
          if (s.is_string()) out << "       " << ++step << ". " << s.get<std::string>() << "\n";
    }
  }
}

using plain_websocket = websocket::stream<tcp::socket>;
using tls_websocket = websocket::stream<beast::ssl_stream<tcp::socket>>;

// Why the TLS handshake failed, as a sentence; an untrusted certificate says how to trust it.
std::string tls_failure(SSL* ssl, const beast::error_code& ec, const std::string& url, const std::string& host) {
  const long result = SSL_get_verify_result(ssl);
  if (result == X509_V_ERR_HOSTNAME_MISMATCH || result == X509_V_ERR_IP_ADDRESS_MISMATCH)
    return "the server's TLS certificate is not for \"" + host + "\" (" + X509_verify_cert_error_string(result) +
           "); connect with the name the certificate was issued for";
  if (result != X509_V_OK)
    return "the server's TLS certificate could not be verified (" + std::string(X509_verify_cert_error_string(result)) +
           "); to trust a private CA or a self-signed certificate, pass --tls-ca FILE";
  return "the TLS handshake with " + url + " failed: " + ec.message() + " (is it a wss:// server?)";
}

template <class Stream>
class connection {
 public:
  static constexpr bool tls = std::is_same_v<Stream, tls_websocket>;

  // tls_ctx: only for wss://; it outlives the connection.
  connection(std::string url, asio::ssl::context* tls_ctx) : url_(std::move(url)), ws_(make_stream(io_, tls_ctx)) {}

  // Connects and opens the WebSocket; false with the reason in error.
  bool open(const websocket_url& u, std::string& error) {
    beast::error_code ec;
    tcp::resolver resolver(io_);
    const auto results = resolver.resolve(u.host, std::to_string(u.port), ec);
    if (ec) {
      error = "cannot find the host \"" + u.host + "\": " + ec.message();
      return false;
    }
    asio::connect(beast::get_lowest_layer(ws_), results, ec);
    if (ec) {
      error = "cannot connect to " + url_ + ": " + ec.message() + " (is `triagebot serve` running there?)";
      return false;
    }
    if constexpr (tls) {
      SSL* ssl = ws_.next_layer().native_handle();
      asio::ip::make_address(u.host, ec);
      if (!ec) {
        X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), u.host.c_str());
      } else {
        // SNI, and the name the certificate must carry.
        SSL_set_tlsext_host_name(ssl, u.host.c_str());
        SSL_set1_host(ssl, u.host.c_str());
      }
      ws_.next_layer().handshake(asio::ssl::stream_base::client, ec);
      if (ec) {
        error = tls_failure(ssl, ec, url_, u.host);
        return false;
      }
    }
    const bool v6 = u.host.find(':') != std::string::npos;
    const std::string host_header = (v6 ? "[" + u.host + "]" : u.host) + ":" + std::to_string(u.port);
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::request_type& req) { req.set(beast::http::field::user_agent, "triagebot-chat"); }));
    ws_.read_message_max(16 * 1024 * 1024);
    ws_.handshake(host_header, u.target, ec);
    if (ec) {
      error = "the WebSocket handshake with " + url_ + " failed: " + ec.message();
      return false;
    }
    return true;
  }

  // Sends one client frame and returns its answer (a reply or an error frame); waits out rate_limited
  // and resends. nullopt when the connection is lost (error says why).
  std::optional<json> exchange(const json& frame, std::ostream& err, std::string& error) {
    for (int attempt = 0; attempt < 20; ++attempt) {
      beast::error_code ec;
      ws_.text(true);
      ws_.write(asio::buffer(frame.dump()), ec);
      if (ec) return lost(ec, error);
      for (;;) {
        beast::flat_buffer buffer;
        ws_.read(buffer, ec);
        if (ec) return lost(ec, error);
        json answer;
        try {
          answer = json::parse(beast::buffers_to_string(buffer.data()));
        } catch (const json::exception&) {
          err << "triagebot chat: the server sent a frame that is not JSON; ignored\n";
          continue;
        }
        if (!answer.is_object()) continue;
        if (answer.value("type", "") == "error" && answer.value("code", "") == "rate_limited") {
          long long wait = 1000;
          if (const auto it = answer.find("retry_after_ms"); it != answer.end() && it->is_number())
            wait = std::clamp(it->get<long long>(), 1LL, 60000LL);
          err << "  (the server asks to slow down: retrying in " << wait << " ms)\n";
          std::this_thread::sleep_for(std::chrono::milliseconds(wait));
          break;  // resend
        }
        return answer;
      }
    }
    error = "the server kept refusing messages as too fast (rate_limited); giving up";
    return std::nullopt;
  }

  void close() {
    beast::error_code ec;
    if (ws_.is_open()) ws_.close(websocket::close_code::normal, ec);
  }

 private:
  std::optional<json> lost(const beast::error_code& ec, std::string& error) {
    if (ec == websocket::error::closed) {
      const auto& reason = ws_.reason();
      error = "the server closed the connection (status " + std::to_string(reason.code);
      if (reason.code == 4001) error += ": this conversation was resumed on another connection";
      else if (reason.code == 4002) error += ": this conversation was erased";
      else if (reason.code == 1001) error += ": the server is shutting down or the connection was idle too long";
      if (!reason.reason.empty()) error += ", \"" + std::string(reason.reason.data(), reason.reason.size()) + "\"";
      error += ")";
    } else {
      error = "lost the connection to " + url_ + ": " + ec.message();
    }
    return std::nullopt;
  }

  static Stream make_stream(asio::io_context& io, asio::ssl::context* tls_ctx) {
    if constexpr (tls) return Stream(io, *tls_ctx);
    else return Stream(io);
  }

  std::string url_;
  asio::io_context io_;
  Stream ws_;
};

// The conversation itself, the same over ws:// and wss://.
template <class Stream>
int converse(connection<Stream>& conn, const websocket_url& u, std::istream& in, std::ostream& out, std::ostream& err) {
  std::string error;
  if (!conn.open(u, error)) {
    err << "triagebot chat: " << error << "\n";
    return 1;
  }
  auto fail = [&] {
    out << "\n";
    err << "triagebot chat: " << error << "\n";
    return 1;
  };
  auto first = conn.exchange(json{{"type", "start"}}, err, error);
  if (!first) return fail();
  print_frame(out, *first);
  json last = *first;
  std::string line;
  unsigned next_id = 0;
  while (out << "you> " << std::flush && std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line == "/quit" || line == "/exit") break;
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    std::string text = line;
    // A number picks the matching button (not for a scale question, where the number is the answer).
    if (line.find_first_not_of("0123456789") == std::string::npos && line.size() < 4 && last.contains("quick_replies") &&
        last.at("quick_replies").is_array()) {
      const auto choice = static_cast<std::size_t>(std::stoul(line));
      const auto& qr = last.at("quick_replies");
      const json input = last.value("input", json::object());
      const bool scale = input.is_object() && input.value("kind", "") == "scale";
      if (!scale && choice >= 1 && choice <= qr.size() && qr[choice - 1].contains("payload") &&
          qr[choice - 1].at("payload").is_string())
        text = qr[choice - 1].at("payload").get<std::string>();
    }
    const json frame = text == "/restart"
                           ? json{{"type", "restart"}}
                           : json{{"type", "message"}, {"text", text}, {"id", "c" + std::to_string(++next_id)}};
    auto answer = conn.exchange(frame, err, error);
    if (!answer) return fail();
    print_frame(out, *answer);
    if (answer->value("type", "") == "reply") last = *answer;
  }
  out << "\n";
  conn.close();
  return 0;
}

}  // namespace

std::variant<websocket_url, std::string> parse_websocket_url(std::string_view url) {
  const std::string shown = "\"" + std::string(url) + "\"";
  const std::string example = " (expected ws://HOST:PORT/ws or wss://HOST:PORT/ws, e.g. ws://127.0.0.1:8080/ws)";
  websocket_url u;
  std::string_view rest;
  if (url.rfind("wss://", 0) == 0) {
    u.tls = true;
    u.port = 443;
    rest = url.substr(6);
  } else if (url.rfind("ws://", 0) == 0) {
    rest = url.substr(5);
  } else {
    return shown + " is not a ws:// or wss:// URL" + example;
  }
  const auto path_start = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, path_start);
  if (path_start != std::string_view::npos) {
    u.target = std::string(rest.substr(path_start));
    if (u.target.front() == '?') u.target.insert(0, "/");
  }
  if (authority.find('@') != std::string_view::npos) return shown + ": user names in the URL are not supported" + example;
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return shown + ": the IPv6 address has no closing ]" + example;
    u.host = std::string(authority.substr(1, close - 1));
    const auto after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return shown + ": unexpected text after the IPv6 address" + example;
      port_text = after.substr(1);
      if (port_text.empty()) return shown + ": the port is missing after \":\"" + example;
    }
  } else {
    const auto colon = authority.find(':');
    u.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) {
      port_text = authority.substr(colon + 1);
      if (port_text.empty()) return shown + ": the port is missing after \":\"" + example;
    }
  }
  if (u.host.empty()) return shown + " names no host" + example;
  if (u.host.find_first_of(" \t#%") != std::string::npos) return shown + ": the host name is not valid" + example;
  if (!port_text.empty()) {
    unsigned port = 0;
    const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc{} || end != port_text.data() + port_text.size() || port == 0 || port > 65535)
      return shown + ": the port must be a number from 1 to 65535" + example;
    u.port = static_cast<std::uint16_t>(port);
  }
  if (u.target.find_first_of(" \t#") != std::string::npos) return shown + ": the path is not valid" + example;
  return u;
}

int run_connect_client(const std::string& url, std::istream& in, std::ostream& out, std::ostream& err,
                       const connect_options& options) {
  const auto parsed = parse_websocket_url(url);
  if (const auto* problem = std::get_if<std::string>(&parsed)) {
    err << "triagebot chat: --connect " << *problem << "\n";
    return 2;
  }
  const auto& u = std::get<websocket_url>(parsed);
  if (!u.tls) {
    if (!options.tls_ca_file.empty()) {
      err << "triagebot chat: --tls-ca only applies to a wss:// URL, and " << url << " is ws://\n";
      return 2;
    }
    connection<plain_websocket> conn(url, nullptr);
    return converse(conn, u, in, out, err);
  }
  asio::ssl::context ctx(asio::ssl::context::tls_client);
  SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_2_VERSION);
  ctx.set_verify_mode(asio::ssl::verify_peer);
  beast::error_code ec;
  ctx.set_default_verify_paths(ec);
  if (ec) err << "triagebot chat: the system's trusted certificates could not be loaded: " << ec.message() << "\n";
  if (!options.tls_ca_file.empty()) {
    if (!std::ifstream(options.tls_ca_file)) {
      err << "triagebot chat: --tls-ca \"" << options.tls_ca_file << "\": the file cannot be read\n";
      return 2;
    }
    ctx.load_verify_file(options.tls_ca_file, ec);
    if (ec) {
      err << "triagebot chat: --tls-ca \"" << options.tls_ca_file << "\" holds no PEM certificate (" << ec.message() << ")\n";
      return 2;
    }
  }
  connection<tls_websocket> conn(url, &ctx);
  return converse(conn, u, in, out, err);
}

}  // namespace triagebot::cli
