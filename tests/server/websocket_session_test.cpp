// The WebSocket side of `triagebot serve`: conversations, resume, eviction, erasure, bad input,
// rate limiting, store failures, concurrency and graceful stop (PROTOCOL.md).
#include <gtest/gtest.h>

#include <sys/resource.h>

#include <tuple>

#include "test_server.hpp"

namespace triagebot::server::testing {
namespace {

// Starts (or continues) and answers until an outcome stands; returns the concluding reply.
json converse_to_outcome(ws_client& c, json reply, int max_turns = 40) {
  for (int i = 0; i < max_turns && reply.value("outcome", json(nullptr)).is_null(); ++i) {
    if (reply.value("type", "") != "reply") return reply;
    reply = c.send(next_answer(reply));
  }
  return reply;
}

TEST(WebSocketSession, WholeConversationReachesAnOutcome) {
  running_server s;
  ws_client c(s.port);
  auto reply = c.send({{"type", "start"}});
  ASSERT_EQ(reply.at("type"), "reply");
  EXPECT_EQ(reply.at("turn"), 1);
  EXPECT_EQ(reply.at("resumed"), false);
  EXPECT_GE(reply.at("session").get<std::string>().size(), 22u);
  reply = c.say("I have had low back pain for 3 weeks, it is about a 4 out of 10");
  reply = converse_to_outcome(c, reply);
  ASSERT_EQ(reply.at("type"), "reply") << reply.dump();
  ASSERT_TRUE(reply.at("outcome").is_object()) << reply.dump();
  EXPECT_TRUE(reply.at("outcome").contains("level"));
  EXPECT_TRUE(reply.at("outcome").contains("disclaimer"));
}

// One whole conversation per region, each to the outcome CLINICAL.md gives it, over the socket.
TEST(WebSocketSession, AConversationPerRegionReachesItsOutcome) {
  running_server s;
  const std::vector<std::tuple<std::string, std::string, std::string>> cases{
      {"I am 40 and my lower back has ached for 2 months, 5/10, not changing", "low_back", "physio"},
      {"I am 35 and my right hip has been a bit sore for 3 days after yoga, 2/10 and getting better", "hip", "self_care"},
      {"my calf is swollen, red and warm since yesterday", "leg", "urgent"}};
  for (const auto& [opening, region, level] : cases) {
    ws_client c(s.port);
    c.send({{"type", "start"}});
    auto reply = converse_to_outcome(c, c.say(opening));
    ASSERT_TRUE(reply.at("outcome").is_object()) << opening << ": " << reply.dump();
    EXPECT_EQ(reply.at("outcome").at("level"), level) << opening;
    EXPECT_EQ(reply.at("outcome").at("summary").at("region"), region) << opening;
  }
}

TEST(WebSocketSession, ResumeAfterReconnectContinuesTheTurnCount) {
  running_server s;
  std::string token;
  int turn = 0;
  {
    ws_client c(s.port);
    c.send({{"type", "start"}});
    const auto reply = c.say("hip pain");
    token = reply.at("session");
    turn = reply.at("turn");
  }
  ws_client again(s.port);
  const auto resumed = again.send({{"type", "start"}, {"session", token}});
  EXPECT_EQ(resumed.at("resumed"), true) << resumed.dump();
  EXPECT_EQ(resumed.at("session"), token);
  EXPECT_EQ(resumed.at("turn"), turn + 1);
  const auto next = again.send(next_answer(resumed));
  EXPECT_EQ(next.at("turn"), turn + 2);
}

TEST(WebSocketSession, SecondConnectionOnOneSessionClosesTheFirstWith4001) {
  running_server s;
  ws_client first(s.port);
  const std::string token = first.send({{"type", "start"}}).at("session");
  ws_client second(s.port);
  EXPECT_EQ(second.send({{"type", "start"}, {"session", token}}).at("resumed"), true);
  EXPECT_EQ(first.read_close_code(), 4001);
  // The second connection goes on.
  EXPECT_EQ(second.say("hip").at("type"), "reply");
}

TEST(WebSocketSession, EraseClosesTheHolderWith4002AndForgetsTheSession) {
  running_server s;
  ws_client holder(s.port);
  const std::string token = holder.send({{"type", "start"}}).at("session");
  const auto erased = http_call(s.port, "DELETE", "/v1/session", {}, "Authorization: Bearer " + token + "\r\n");
  EXPECT_EQ(erased.status, 204u);
  EXPECT_EQ(holder.read_close_code(), 4002);
  EXPECT_EQ(http_call(s.port, "DELETE", "/v1/session", {}, "Authorization: Bearer " + token + "\r\n").status, 404u);
  ws_client later(s.port);
  const auto reply = later.send({{"type", "start"}, {"session", token}});
  EXPECT_EQ(reply.at("resumed"), false);
  EXPECT_NE(reply.at("session"), token);
}

TEST(WebSocketSession, BadFramesGetExactErrorCodesAndTheConnectionStaysUsable) {
  running_server s([](server_config& c) { c.message_burst = 50; });
  ws_client c(s.port);
  c.send({{"type", "start"}});
  const std::vector<std::pair<std::string, std::string>> table = {
      {"this is not json", "bad_json"},
      {"[1, 2]", "bad_request"},
      {"42", "bad_request"},
      {R"({"type": "dance"})", "bad_request"},
      {R"({"text": "hip"})", "bad_request"},
      {R"({"type": "message"})", "bad_request"},
      {R"({"type": "message", "text": 42})", "bad_request"},
      {R"({"type": "message", "text": ""})", "bad_request"},
      {R"({"type": "message", "text": "    "})", "bad_request"},
      {json{{"type", "message"}, {"text", std::string(1001, 'a')}}.dump(), "too_long"},
  };
  for (const auto& [frame, code] : table) {
    c.send_text(frame);
    const auto reply = c.read();
    EXPECT_EQ(reply.value("type", ""), "error") << frame;
    EXPECT_EQ(reply.value("code", ""), code) << frame;
    EXPECT_FALSE(reply.value("message", "").empty()) << frame;
  }
  const auto ok = c.say("hip");
  EXPECT_EQ(ok.at("type"), "reply");
  EXPECT_EQ(ok.at("turn"), 2);  // the errors changed nothing
}

TEST(WebSocketSession, TransportViolationsCloseWithTheirCodesAndOthersAreStillServed) {
  running_server s;
  {
    ws_client c(s.port);
    c.send_binary(R"({"type": "start"})");
    EXPECT_EQ(c.read_close_code(), 1003);
  }
  {
    ws_client c(s.port);
    c.send_text(std::string("{\"type\": \"message\", \"text\": \"\xff\xfe\"}"));
    EXPECT_EQ(c.read_close_code(), 1007);
  }
  {
    ws_client c(s.port);
    c.send_text(json{{"type", "message"}, {"text", std::string(17 * 1024, 'a')}}.dump());
    EXPECT_EQ(c.read_close_code(), 1009);
  }
  ws_client other(s.port);
  EXPECT_EQ(other.send({{"type", "start"}}).at("type"), "reply");
}

TEST(WebSocketSession, AFloodIsRateLimitedAndWaitingGetsThrough) {
  running_server s([](server_config& c) {
    c.messages_per_second = 5;
    c.message_burst = 10;
  });
  ws_client c(s.port);
  c.send({{"type", "start"}});
  std::int64_t retry_after = -1;
  for (int i = 0; i < 30; ++i) c.send_text(json{{"type", "message"}, {"text", "hip"}}.dump());
  int limited = 0;
  for (int i = 0; i < 30; ++i) {
    const auto reply = c.read();
    if (reply.value("code", "") == "rate_limited") {
      ++limited;
      retry_after = reply.at("retry_after_ms").get<std::int64_t>();
    }
  }
  EXPECT_GT(limited, 0);
  ASSERT_GT(retry_after, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(retry_after + 50));
  EXPECT_EQ(c.say("hip").at("type"), "reply");
}

TEST(WebSocketSession, AFailedSaveIsAnInternalErrorAndChangesNothing) {
  running_server s;
  ws_client c(s.port);
  const auto first = c.send({{"type", "start"}});
  s.store.failing = true;
  const auto failed = c.say("hip");
  EXPECT_EQ(failed.value("code", ""), "internal");
  EXPECT_EQ(failed.value("message", ""), "the conversation could not be saved; please try again");
  s.store.failing = false;
  const auto ok = c.say("hip");
  EXPECT_EQ(ok.at("turn"), 2);
  EXPECT_EQ(ok.at("session"), first.at("session"));
}

TEST(WebSocketSession, AThousandConcurrentConversationsAllReachAnOutcome) {
  // 1,000 client sockets plus 1,000 server sockets in this process: raise the soft open-file limit
  // to the hard limit (no privilege needed).
  rlimit files{};
  ::getrlimit(RLIMIT_NOFILE, &files);
  if (files.rlim_cur < 2600 && files.rlim_max >= 2600) {
    files.rlim_cur = std::min<rlim_t>(files.rlim_max, 4096);
    ::setrlimit(RLIMIT_NOFILE, &files);
  }
  ::getrlimit(RLIMIT_NOFILE, &files);
  if (files.rlim_cur < 2600) GTEST_SKIP() << "the open-file limit (" << files.rlim_cur << ") is too low for 1,000 connections";
  running_server s([](server_config& c) { c.max_connections_per_address = 1000; });
  constexpr int n = 1000;
  std::vector<std::unique_ptr<ws_client>> clients;
  std::vector<json> last(n);
  for (int i = 0; i < n; ++i) clients.push_back(std::make_unique<ws_client>(s.port));
  for (int i = 0; i < n; ++i) clients[i]->send_text(json{{"type", "start"}}.dump());
  for (int i = 0; i < n; ++i) last[i] = clients[i]->read();
  for (int i = 0; i < n; ++i) clients[i]->send_text(json{{"type", "message"}, {"text", "my hip hurts since 2 weeks"}}.dump());
  for (int i = 0; i < n; ++i) last[i] = clients[i]->read();
  for (int round = 0; round < 40; ++round) {
    std::vector<int> going;
    for (int i = 0; i < n; ++i)
      if (last[i].value("type", "") == "reply" && last[i].at("outcome").is_null()) going.push_back(i);
    if (going.empty()) break;
    for (const int i : going) clients[i]->send_text(next_answer(last[i]).dump());
    for (const int i : going) last[i] = clients[i]->read();
  }
  int concluded = 0;
  for (int i = 0; i < n; ++i) concluded += last[i].value("outcome", json(nullptr)).is_object() ? 1 : 0;
  EXPECT_EQ(concluded, n);
}

TEST(WebSocketSession, GracefulStopClosesWith1001) {
  running_server s;
  ws_client c(s.port);
  c.send({{"type", "start"}});
  const auto started = std::chrono::steady_clock::now();
  std::thread stopper([&] { s.srv->stop(); });
  EXPECT_EQ(c.read_close_code(), 1001);
  stopper.join();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
}

TEST(WebSocketSession, EchoModeAnswersFramesOfTheSameSize) {
  running_server s([](server_config& c) { c.echo = true; });
  ws_client c(s.port);
  const std::string frame(1000, 'x');
  c.send_text(frame);
  EXPECT_EQ(c.read_raw().size(), frame.size());
}

}  // namespace
}  // namespace triagebot::server::testing

namespace triagebot::server::testing {
namespace {

TEST(WebSocketSession, AnIdleConnectionIsClosedWith1001) {
  running_server s([](server_config& c) { c.idle_timeout_seconds = 1; });
  ws_client c(s.port);
  c.send({{"type", "start"}});
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(c.read_close_code(), 1001);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

// A client that opens a connection and sends half a request is cut off after the HTTP timeout,
// and others are still served.
TEST(WebSocketSession, ASlowHandshakeIsCutOffAndOthersAreServed) {
  running_server s([](server_config& c) { c.http_timeout_seconds = 1; });
  net::io_context ioc;
  tcp::socket slow(ioc);
  slow.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), s.port));
  net::write(slow, net::buffer(std::string("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\n")));
  const auto started = std::chrono::steady_clock::now();
  char byte;
  boost::system::error_code ec;
  slow.read_some(net::buffer(&byte, 1), ec);  // returns when the server drops the connection
  EXPECT_TRUE(ec) << "the server kept a half-sent request open";
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  ws_client other(s.port);
  EXPECT_EQ(other.send({{"type", "start"}}).at("type"), "reply");
}

}  // namespace
}  // namespace triagebot::server::testing
