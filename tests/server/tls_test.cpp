// The server with a certificate and key: every connection on its port is TLS (https://, wss://);
// plain-text and silent clients are let go quickly; a graceful stop is bounded with TLS clients.
#include <gtest/gtest.h>

#include <sys/socket.h>
#include <sys/time.h>

#include <chrono>

#include "test_server.hpp"

namespace triagebot::server::testing {
namespace {

using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point start) { return std::chrono::duration<double>(clock_type::now() - start).count(); }

// A raw TCP connection with a receive timeout, so a server that never answers fails the test
// instead of hanging it.
struct raw_connection {
  explicit raw_connection(std::uint16_t port) : socket(ioc) {
    socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    timeval limit{8, 0};
    ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  }
  // Reads until the server closes; false when it did not close within the receive timeout.
  bool read_until_closed(std::string& received) {
    std::array<char, 4096> chunk{};
    for (;;) {
      const auto n = ::recv(socket.native_handle(), chunk.data(), chunk.size(), 0);
      if (n == 0) return true;
      if (n < 0) return errno == ECONNRESET;
      received.append(chunk.data(), static_cast<std::size_t>(n));
    }
  }
  net::io_context ioc;
  tcp::socket socket;
};

TEST(Tls, AWholeConversationOverWssReachesAnOutcome) {
  running_server s(use_test_tls);
  wss_client client(s.port);
  auto reply = client.send({{"type", "start"}});
  ASSERT_EQ(reply.at("type"), "reply");
  EXPECT_EQ(reply.at("turn"), 1);
  reply = client.send({{"type", "message"}, {"text", "my lower back has hurt for 3 weeks"}});
  for (int i = 0; i < 40 && reply.at("outcome").is_null(); ++i) {
    ASSERT_EQ(reply.at("type"), "reply") << reply.dump();
    reply = client.send(next_answer(reply));
  }
  ASSERT_TRUE(reply.at("outcome").is_object()) << reply.dump();
  EXPECT_TRUE(reply.at("outcome").contains("level"));
  // The session resumes over a second TLS connection.
  const auto token = reply.at("session").get<std::string>();
  wss_client again(s.port);
  const auto resumed = again.send({{"type", "start"}, {"session", token}});
  EXPECT_EQ(resumed.at("resumed"), true);
  EXPECT_EQ(resumed.at("outcome"), reply.at("outcome"));
}

TEST(Tls, HealthzAndMetricsOverHttps) {
  running_server s(use_test_tls);
  auto r = https_call(s.port, "GET", "/healthz");
  EXPECT_EQ(r.status, 200u);
  r = https_call(s.port, "GET", "/metrics");
  EXPECT_EQ(r.status, 200u);
  EXPECT_NE(r.body.find("triagebot_connections"), std::string::npos) << r.body;
}

TEST(Tls, KeepAliveRequestsShareOneTlsConnection) {
  running_server s(use_test_tls);
  net::io_context ioc;
  auto ctx = test_client_tls();
  tls_socket stream(ioc, *ctx);
  tls_connect(stream, s.port);
  for (int i = 0; i < 3; ++i) {
    http::request<http::string_body> req{http::verb::get, "/healthz", 11};
    req.set(http::field::host, "127.0.0.1");
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(stream, buffer, res);
    EXPECT_EQ(res.result_int(), 200u);
    EXPECT_TRUE(res.keep_alive());
  }
}

TEST(Tls, APlainHttpRequestIsRefusedAtOnceWithASentence) {
  running_server s(use_test_tls);
  const auto start = clock_type::now();
  const auto r = http_call(s.port, "GET", "/healthz");
  EXPECT_LT(seconds_since(start), 2.0);
  EXPECT_EQ(r.status, 400u);
  EXPECT_NE(r.body.find("TLS"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("https://"), std::string::npos) << r.body;
  // The server is unharmed.
  EXPECT_EQ(https_call(s.port, "GET", "/healthz").status, 200u);
}

TEST(Tls, APlainWebSocketClientFailsFast) {
  running_server s(use_test_tls);
  const auto start = clock_type::now();
  EXPECT_ANY_THROW(ws_client client(s.port));
  EXPECT_LT(seconds_since(start), 2.0);
}

TEST(Tls, AClientThatNeverSendsAClientHelloIsDroppedWithinTheHandshakeTimeout) {
  running_server s([](server_config& c) {
    use_test_tls(c);
    c.handshake_timeout_seconds = 1;
  });
  raw_connection silent(s.port);
  const auto start = clock_type::now();
  std::string received;
  EXPECT_TRUE(silent.read_until_closed(received)) << "the server did not drop the silent client";
  const auto waited = seconds_since(start);
  EXPECT_GE(waited, 0.8);
  EXPECT_LT(waited, 3.0);
  EXPECT_TRUE(received.empty());
}

TEST(Tls, AClientThatStopsHalfwayThroughTheHandshakeIsDroppedToo) {
  running_server s([](server_config& c) {
    use_test_tls(c);
    c.handshake_timeout_seconds = 1;
  });
  raw_connection half(s.port);
  // The start of a TLS record carrying a ClientHello, and then nothing.
  const unsigned char record_start[] = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01};
  net::write(half.socket, net::buffer(record_start, sizeof record_start));
  const auto start = clock_type::now();
  std::string received;
  EXPECT_TRUE(half.read_until_closed(received));
  EXPECT_LT(seconds_since(start), 3.0);
}

TEST(Tls, OldTlsVersionsAreRefused) {
  running_server s(use_test_tls);
  net::io_context ioc;
  auto ctx = test_client_tls();
  // Let the client offer TLS 1.1 at most; the server must not agree.
  SSL_CTX_set_security_level(ctx->native_handle(), 0);
  SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_VERSION);
  SSL_CTX_set_max_proto_version(ctx->native_handle(), TLS1_1_VERSION);
  tls_socket stream(ioc, *ctx);
  EXPECT_ANY_THROW(tls_connect(stream, s.port));
  // TLS 1.2 is accepted.
  auto ctx12 = test_client_tls();
  SSL_CTX_set_max_proto_version(ctx12->native_handle(), TLS1_2_VERSION);
  tls_socket stream12(ioc, *ctx12);
  tls_connect(stream12, s.port);
  EXPECT_STREQ(SSL_get_version(stream12.native_handle()), "TLSv1.2");
}

TEST(Tls, GracefulStopClosesWssClientsWith1001) {
  running_server s(use_test_tls);
  wss_client client(s.port);
  client.send({{"type", "start"}});
  std::thread stopper([&] { s.srv->request_stop(); });
  EXPECT_EQ(client.read_close_code(), 1001);
  stopper.join();
}

TEST(Tls, APeerThatNeverAnswersTheCloseDoesNotHoldTheStop) {
  auto s = std::make_unique<running_server>(use_test_tls);
  wss_client client(s->port);  // opened, then never read from again
  client.send({{"type", "start"}});
  const auto start = clock_type::now();
  s->srv->stop();
  EXPECT_LT(seconds_since(start), 6.0);
}

TEST(Tls, AnUnusableKeyFailsTheStartWithASentence) {
  set_log_level(log_level::off);
  store::memory_store memory;
  server_config c;
  c.listen_port = 0;
  c.tls_certificate_file = test_certificate();
  c.tls_key_file = TRIAGEBOT_TEST_DATA_DIR "/tls/other.key";
  server s(c, memory, shipped_rules());
  try {
    s.start();
    ADD_FAILURE() << "the server started with a key of another certificate";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("other.key"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("does not belong"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace triagebot::server::testing
