#pragma once
// An in-process server on 127.0.0.1 (port 0) with an in-memory store, and small synchronous
// clients (Beast WebSocket, raw HTTP, and both over TLS) for the server's tests. Traffic stays on
// loopback.
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <nlohmann/json.hpp>
#include <openssl/x509v3.h>

#include "rules/rules_loader.hpp"
#include "server/server.hpp"
#include "server/server_log.hpp"
#include "store/memory_store.hpp"

namespace triagebot::server::testing {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;
using json = nlohmann::json;

// A memory store that can be told to fail its writes.
class failing_store : public store::session_store {
 public:
  std::optional<store::stored_session> get(const std::string& h, std::int64_t now) override { return inner.get(h, now); }
  void put(store::put_request r, std::function<void(store::put_result)> done) override {
    if (failing) {
      done(store::put_result{store::put_status::failed, 0, "the disk is full"});
      return;
    }
    inner.put(std::move(r), std::move(done));
  }
  bool erase(const std::string& h) override { return inner.erase(h); }
  std::size_t expire(std::int64_t now, std::int64_t cutoff) override { return inner.expire(now, cutoff); }
  std::vector<store::transcript_entry> transcript(const std::string& h) override { return inner.transcript(h); }
  bool healthy() override { return !failing; }
  void flush() override {}

  store::memory_store inner;
  std::atomic<bool> failing{false};
};

inline std::shared_ptr<const rules::rule_set> shipped_rules() {
  static const auto rules = rules::load_rules(TRIAGEBOT_RULES_DIR).rules;
  return rules;
}

struct running_server {
  explicit running_server(const std::function<void(server_config&)>& tweak = {}) {
    set_log_level(log_level::off);
    server_config c;
    c.listen_host = "127.0.0.1";
    c.listen_port = 0;
    c.threads = 2;
    c.store = "memory";
    c.rules_dir = TRIAGEBOT_RULES_DIR;
    if (tweak) tweak(c);
    srv = std::make_unique<server>(c, store, shipped_rules());
    port = srv->start(false);
  }
  ~running_server() { srv->stop(); }

  failing_store store;
  std::unique_ptr<server> srv;
  std::uint16_t port = 0;
};

struct http_result {
  unsigned status = 0;
  std::string body;
  http::response<http::string_body> response;
};

// Sends `raw` (a whole HTTP request) and reads one response.
inline http_result http_raw(std::uint16_t port, const std::string& raw) {
  net::io_context ioc;
  tcp::socket socket(ioc);
  socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  boost::system::error_code ec;
  net::write(socket, net::buffer(raw), ec);  // the server may answer (413) before reading it all
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(16u << 20);
  http::read(socket, buffer, parser, ec);
  http_result r;
  if (ec && !parser.is_header_done()) return r;
  r.response = parser.release();
  r.status = r.response.result_int();
  r.body = r.response.body();
  return r;
}

inline http_result http_call(std::uint16_t port, const std::string& method, const std::string& target, const std::string& body = {},
                             const std::string& extra_headers = {}) {
  std::string raw = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) + "\r\nConnection: close\r\n" +
                    extra_headers;
  if (!body.empty() || method == "POST") raw += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  raw += "\r\n" + body;
  return http_raw(port, raw);
}

// A synchronous WebSocket client.
class ws_client {
 public:
  explicit ws_client(std::uint16_t port, const std::string& origin = {}) : ws_(ioc_) {
    beast::get_lowest_layer(ws_).connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    if (!origin.empty())
      ws_.set_option(websocket::stream_base::decorator([origin](websocket::request_type& req) { req.set(http::field::origin, origin); }));
    ws_.handshake("127.0.0.1:" + std::to_string(port), "/ws");
  }

  void send_text(const std::string& text) {
    ws_.text(true);
    ws_.write(net::buffer(text));
  }
  void send_binary(const std::string& data) {
    ws_.binary(true);
    ws_.write(net::buffer(data));
  }
  json send(const json& frame) {
    send_text(frame.dump());
    return read();
  }
  json say(const std::string& text) { return send(json{{"type", "message"}, {"text", text}}); }

  json read() {
    beast::flat_buffer buffer;
    ws_.read(buffer);
    return json::parse(beast::buffers_to_string(buffer.data()));
  }
  std::string read_raw() {
    beast::flat_buffer buffer;
    ws_.read(buffer);
    return beast::buffers_to_string(buffer.data());
  }

  // Reads until the server closes; returns the close code (0 when the connection just dropped).
  int read_close_code() {
    for (;;) {
      beast::flat_buffer buffer;
      boost::system::error_code ec;
      ws_.read(buffer, ec);
      if (ec == websocket::error::closed) return ws_.reason().code;
      if (ec) return 0;
    }
  }

  websocket::stream<tcp::socket>& stream() { return ws_; }

 private:
  net::io_context ioc_;
  websocket::stream<tcp::socket> ws_;
};

// The committed test-only certificate (localhost, 127.0.0.1, self-signed) and its key; see
// tests/data/tls/README.md.
inline std::string test_certificate() { return TRIAGEBOT_TEST_DATA_DIR "/tls/server.crt"; }
inline std::string test_key() { return TRIAGEBOT_TEST_DATA_DIR "/tls/server.key"; }

inline void use_test_tls(server_config& c) {
  c.tls_certificate_file = test_certificate();
  c.tls_key_file = test_key();
}

// A client context that trusts exactly the test certificate.
inline std::unique_ptr<net::ssl::context> test_client_tls() {
  auto ctx = std::make_unique<net::ssl::context>(net::ssl::context::tls_client);
  ctx->load_verify_file(test_certificate());
  ctx->set_verify_mode(net::ssl::verify_peer);
  return ctx;
}

using tls_socket = beast::ssl_stream<tcp::socket>;

// Connects to 127.0.0.1:port and completes a verified TLS handshake (the certificate must be for
// 127.0.0.1).
inline void tls_connect(tls_socket& stream, std::uint16_t port) {
  beast::get_lowest_layer(stream).connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(stream.native_handle()), "127.0.0.1");
  stream.handshake(net::ssl::stream_base::client);
}

// One HTTPS request (Connection: close) and its response.
inline http_result https_call(std::uint16_t port, const std::string& method, const std::string& target) {
  net::io_context ioc;
  auto ctx = test_client_tls();
  tls_socket stream(ioc, *ctx);
  tls_connect(stream, port);
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
  req.keep_alive(false);
  http::write(stream, req);
  beast::flat_buffer buffer;
  http_result r;
  http::read(stream, buffer, r.response);
  r.status = r.response.result_int();
  r.body = r.response.body();
  return r;
}

// A synchronous WebSocket client over TLS (wss://), trusting the test certificate.
class wss_client {
 public:
  explicit wss_client(std::uint16_t port) : ctx_(test_client_tls()), ws_(ioc_, *ctx_) {
    tls_connect(ws_.next_layer(), port);
    ws_.handshake("127.0.0.1:" + std::to_string(port), "/ws");
  }

  json send(const json& frame) {
    ws_.text(true);
    ws_.write(net::buffer(frame.dump()));
    beast::flat_buffer buffer;
    ws_.read(buffer);
    return json::parse(beast::buffers_to_string(buffer.data()));
  }

  // Reads until the server closes; returns the close code (0 when the connection just dropped).
  int read_close_code() {
    for (;;) {
      beast::flat_buffer buffer;
      boost::system::error_code ec;
      ws_.read(buffer, ec);
      if (ec == websocket::error::closed) return ws_.reason().code;
      if (ec) return 0;
    }
  }

  websocket::stream<tls_socket>& stream() { return ws_; }

 private:
  net::io_context ioc_;
  std::unique_ptr<net::ssl::context> ctx_;
  websocket::stream<tls_socket> ws_;
};

// The answer a person gives to keep a conversation going: the reassuring button, or a number.
inline json next_answer(const json& reply) {
  const auto& qr = reply.value("quick_replies", json::array());
  const auto kind = reply.value("input", json::object()).value("kind", "none");
  for (const char* preferred : {"no", "none", "stable", "better", "same"})
    for (const auto& q : qr)
      if (q.value("payload", "") == preferred) return json{{"type", "message"}, {"text", preferred}};
  if (kind == "number") return json{{"type", "message"}, {"text", "5"}};
  if (kind == "scale") return json{{"type", "message"}, {"text", "3"}};
  if (!qr.empty()) return json{{"type", "message"}, {"text", qr.front().value("payload", "no")}};
  return json{{"type", "message"}, {"text", "no"}};
}

}  // namespace triagebot::server::testing
