#include "cli/connect_client.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <sstream>
#include <thread>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

#include "../server/test_server.hpp"

namespace triagebot::cli {
namespace {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = boost::asio::ip::tcp;
using json = nlohmann::json;

websocket_url parsed(const std::string& url) {
  auto r = parse_websocket_url(url);
  if (auto* e = std::get_if<std::string>(&r)) {
    ADD_FAILURE() << url << ": " << *e;
    return {};
  }
  return std::get<websocket_url>(r);
}

std::string refused(const std::string& url) {
  auto r = parse_websocket_url(url);
  if (std::holds_alternative<websocket_url>(r)) {
    ADD_FAILURE() << url << " was accepted";
    return {};
  }
  return std::get<std::string>(r);
}

TEST(ConnectClientUrl, ParsesHostPortAndPath) {
  const auto u = parsed("ws://127.0.0.1:8080/ws");
  EXPECT_EQ(u.host, "127.0.0.1");
  EXPECT_EQ(u.port, 8080);
  EXPECT_EQ(u.target, "/ws");
  const auto d = parsed("ws://localhost");
  EXPECT_EQ(d.host, "localhost");
  EXPECT_EQ(d.port, 80);
  EXPECT_EQ(d.target, "/");
  const auto v6 = parsed("ws://[::1]:9000/ws?x=1");
  EXPECT_EQ(v6.host, "::1");
  EXPECT_EQ(v6.port, 9000);
  EXPECT_EQ(v6.target, "/ws?x=1");
}

TEST(ConnectClientUrl, WssMeansTlsWithPort443ByDefault) {
  const auto u = parsed("wss://chat.example-clinic.com/ws");
  EXPECT_TRUE(u.tls);
  EXPECT_EQ(u.host, "chat.example-clinic.com");
  EXPECT_EQ(u.port, 443);
  EXPECT_EQ(u.target, "/ws");
  const auto p = parsed("wss://127.0.0.1:8443/ws");
  EXPECT_TRUE(p.tls);
  EXPECT_EQ(p.port, 8443);
  EXPECT_FALSE(parsed("ws://127.0.0.1:8080/ws").tls);
}

TEST(ConnectClientUrl, RefusesBadUrlsWithASentence) {
  EXPECT_NE(refused("http://127.0.0.1:8080/ws").find("not a ws:// or wss:// URL"), std::string::npos);
  EXPECT_NE(refused("127.0.0.1:8080").find("ws://HOST:PORT/ws"), std::string::npos);
  EXPECT_NE(refused("wss://:8443/ws").find("no host"), std::string::npos);
  EXPECT_NE(refused("ws://:8080/ws").find("no host"), std::string::npos);
  EXPECT_NE(refused("ws://127.0.0.1:99999/ws").find("port"), std::string::npos);
  EXPECT_NE(refused("ws://127.0.0.1:/ws").find("port"), std::string::npos);
  EXPECT_NE(refused("ws://127.0.0.1:80x/ws").find("port"), std::string::npos);
  EXPECT_NE(refused("ws://[::1/ws").find("]"), std::string::npos);
}

TEST(ConnectClient, BadUrlExitsTwo) {
  std::istringstream in;
  std::ostringstream out, err;
  EXPECT_EQ(run_connect_client("http://x/ws", in, out, err), 2);
  EXPECT_NE(err.str().find("not a ws:// or wss:// URL"), std::string::npos) << err.str();
}

TEST(ConnectClient, NoServerExitsOneWithASentence) {
  boost::asio::io_context io;
  tcp::acceptor probe(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  const auto port = probe.local_endpoint().port();
  probe.close();
  std::istringstream in;
  std::ostringstream out, err;
  EXPECT_EQ(run_connect_client("ws://127.0.0.1:" + std::to_string(port) + "/ws", in, out, err), 1);
  EXPECT_NE(err.str().find("cannot connect"), std::string::npos) << err.str();
}

// A one-connection WebSocket server in a thread, scripted by the test.
class scripted_server {
 public:
  explicit scripted_server(std::function<void(websocket::stream<tcp::socket>&)> script)
      : acceptor_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}) {
    thread_ = std::thread([this, script = std::move(script)] {
      try {
        tcp::socket socket(io_);
        acceptor_.accept(socket);
        websocket::stream<tcp::socket> ws(std::move(socket));
        ws.accept();
        script(ws);
      } catch (const std::exception& e) {
        failure_ = e.what();
      }
    });
  }
  ~scripted_server() {
    if (thread_.joinable()) thread_.join();
  }
  std::string url() const { return "ws://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) + "/ws"; }
  void join() { thread_.join(); }
  const std::string& failure() const { return failure_; }

 private:
  boost::asio::io_context io_;
  tcp::acceptor acceptor_;
  std::thread thread_;
  std::string failure_;
};

json read_frame(websocket::stream<tcp::socket>& ws) {
  beast::flat_buffer buffer;
  ws.read(buffer);
  return json::parse(beast::buffers_to_string(buffer.data()));
}

void send(websocket::stream<tcp::socket>& ws, const json& frame) {
  ws.text(true);
  ws.write(boost::asio::buffer(frame.dump()));
}

json reply(const std::string& text, json quick_replies = json::array()) {
  return {{"type", "reply"},   {"protocol", 1},       {"session", "s"},
          {"resumed", false},  {"locale", "en"},      {"turn", 1},
          {"messages", json::array({{{"text", text}}})}, {"quick_replies", std::move(quick_replies)},
          {"input", {{"kind", "yes_no"}, {"slot", "x"}}}, {"outcome", nullptr}};
}

TEST(ConnectClient, ConversationWithButtonsErrorsAndRateLimit) {
  std::vector<json> received;
  scripted_server server([&](websocket::stream<tcp::socket>& ws) {
    received.push_back(read_frame(ws));  // start
    send(ws, reply("Hello, where is the pain?", json::array({{{"title", "Yes"}, {"payload", "yes"}},
                                                             {{"title", "No"}, {"payload", "no"}}})));
    received.push_back(read_frame(ws));  // "1" -> yes
    send(ws, {{"type", "error"}, {"code", "rate_limited"}, {"message", "slow down"}, {"retry_after_ms", 20}});
    received.push_back(read_frame(ws));  // the same frame again
    send(ws, reply("Got it."));
    received.push_back(read_frame(ws));  // "   " is skipped; "x" -> error frame
    send(ws, {{"type", "error"}, {"code", "bad_request"}, {"message", "that was odd"}});
    received.push_back(read_frame(ws));  // /restart
    send(ws, reply("Starting again."));
    beast::flat_buffer rest;
    beast::error_code ec;
    ws.read(rest, ec);  // the client's close at end of input
  });
  std::istringstream in("1\n   \nx\n/restart\n");
  std::ostringstream out, err;
  EXPECT_EQ(run_connect_client(server.url(), in, out, err), 0) << err.str();
  server.join();
  const auto text = out.str();
  EXPECT_NE(text.find("bot> Hello, where is the pain?"), std::string::npos) << text;
  EXPECT_NE(text.find("  [1] Yes\n  [2] No"), std::string::npos) << text;
  EXPECT_NE(text.find("bot> Got it."), std::string::npos) << text;
  EXPECT_NE(text.find("  (that was odd)"), std::string::npos) << text;
  EXPECT_NE(text.find("bot> Starting again."), std::string::npos) << text;
  EXPECT_EQ(text.find("slow down"), std::string::npos) << text;
  ASSERT_EQ(received.size(), 5u);
  EXPECT_EQ(received[0].at("type"), "start");
  EXPECT_FALSE(received[0].contains("session"));
  EXPECT_EQ(received[1].at("text"), "yes");
  EXPECT_EQ(received[2], received[1]);  // resent unchanged, same id
  EXPECT_TRUE(received[1].contains("id"));
  EXPECT_EQ(received[3].at("text"), "x");
  EXPECT_EQ(received[4].at("type"), "restart");
}

TEST(ConnectClient, ConnectionLossExitsOneWithASentence) {
  scripted_server server([&](websocket::stream<tcp::socket>& ws) {
    read_frame(ws);
    send(ws, reply("Hello."));
    read_frame(ws);
    ws.close(websocket::close_reason(static_cast<websocket::close_code>(4002), "erased"));
    beast::flat_buffer buffer;
    beast::error_code ec;
    ws.read(buffer, ec);  // until the client answers the close
  });
  std::istringstream in("hello\nmore\n");
  std::ostringstream out, err;
  EXPECT_EQ(run_connect_client(server.url(), in, out, err), 1);
  server.join();
  EXPECT_TRUE(server.failure().empty()) << server.failure();
  EXPECT_NE(err.str().find("closed the connection (status 4002"), std::string::npos) << err.str();
}

// Against the real server with TLS on (the committed test certificate for 127.0.0.1).
class ConnectClientTls : public ::testing::Test {
 protected:
  server::testing::running_server server_{server::testing::use_test_tls};
  std::string url() const { return "wss://127.0.0.1:" + std::to_string(server_.port) + "/ws"; }
};

TEST_F(ConnectClientTls, WithTheCertificateAsTlsCaItHoldsAConversation) {
  std::istringstream in("my lower back has hurt for 3 weeks\n6\n/restart\n");
  std::ostringstream out, err;
  connect_options options;
  options.tls_ca_file = server::testing::test_certificate();
  EXPECT_EQ(run_connect_client(url(), in, out, err, options), 0) << err.str();
  const auto text = out.str();
  std::size_t bot_lines = 0;
  for (auto at = text.find("bot> "); at != std::string::npos; at = text.find("bot> ", at + 1)) ++bot_lines;
  EXPECT_GE(bot_lines, 4u) << text;  // greeting, two answers, the restarted greeting
  EXPECT_TRUE(err.str().empty()) << err.str();
}

TEST_F(ConnectClientTls, WithoutTlsCaTheSelfSignedCertificateIsNotTrusted) {
  std::istringstream in("hello\n");
  std::ostringstream out, err;
  EXPECT_EQ(run_connect_client(url(), in, out, err), 1);
  EXPECT_NE(err.str().find("the server's TLS certificate could not be verified (self-signed certificate)"), std::string::npos)
      << err.str();
  EXPECT_NE(err.str().find("--tls-ca FILE"), std::string::npos) << err.str();
  EXPECT_TRUE(out.str().empty()) << out.str();
}

TEST_F(ConnectClientTls, PlainWsToTheTlsPortFailsWithASentence) {
  std::istringstream in("hello\n");
  std::ostringstream out, err;
  EXPECT_EQ(run_connect_client("ws://127.0.0.1:" + std::to_string(server_.port) + "/ws", in, out, err), 1);
  EXPECT_NE(err.str().find("the WebSocket handshake with"), std::string::npos) << err.str();
}

TEST_F(ConnectClientTls, TlsCaMustBeAReadablePemFileAndOnlyForWss) {
  std::istringstream in;
  std::ostringstream out, err;
  connect_options options;
  options.tls_ca_file = "/nonexistent/ca.pem";
  EXPECT_EQ(run_connect_client(url(), in, out, err, options), 2);
  EXPECT_NE(err.str().find("--tls-ca \"/nonexistent/ca.pem\": the file cannot be read"), std::string::npos) << err.str();
  std::ostringstream err2;
  options.tls_ca_file = TRIAGEBOT_TEST_DATA_DIR "/tls/README.md";
  EXPECT_EQ(run_connect_client(url(), in, out, err2, options), 2);
  EXPECT_NE(err2.str().find("holds no PEM certificate"), std::string::npos) << err2.str();
  std::ostringstream err3;
  options.tls_ca_file = server::testing::test_certificate();
  EXPECT_EQ(run_connect_client("ws://127.0.0.1:1/ws", in, out, err3, options), 2);
  EXPECT_NE(err3.str().find("--tls-ca only applies to a wss:// URL"), std::string::npos) << err3.str();
}

TEST(ConnectClientWss, WssToAPlainServerFailsWithASentence) {
  server::testing::running_server plain;
  std::istringstream in("hello\n");
  std::ostringstream out, err;
  connect_options options;
  options.tls_ca_file = server::testing::test_certificate();
  EXPECT_EQ(run_connect_client("wss://127.0.0.1:" + std::to_string(plain.port) + "/ws", in, out, err, options), 1);
  EXPECT_NE(err.str().find("TLS handshake"), std::string::npos) << err.str();
}

}  // namespace
}  // namespace triagebot::cli
