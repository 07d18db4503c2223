// The HTTP side of `triagebot serve`: routes, limits, Origin checks, metrics, the Rasa webhook and
// the admin API (PROTOCOL.md, HTTP).
#include <gtest/gtest.h>
#include <unistd.h>
#include <fstream>
#include <filesystem>

#include "test_server.hpp"

namespace triagebot::server::testing {
namespace {

std::string upgrade_request(std::uint16_t port, const std::string& origin_header) {
  return "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
         "\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
         "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" +
         origin_header + "\r\n";
}

TEST(HttpSession, HealthAndReadiness) {
  running_server s;
  EXPECT_EQ(http_call(s.port, "GET", "/healthz").status, 200u);
  EXPECT_EQ(http_call(s.port, "GET", "/readyz").status, 200u);
  s.store.failing = true;
  EXPECT_EQ(http_call(s.port, "GET", "/readyz").status, 503u);
  EXPECT_EQ(http_call(s.port, "GET", "/healthz").status, 200u);
}

TEST(HttpSession, MetricsCountTurnsErrorsAndRules) {
  running_server s;
  {
    ws_client c(s.port);
    c.send({{"type", "start"}});
    c.send_text("not json");
    c.read();
  }
  const auto m = http_call(s.port, "GET", "/metrics");
  EXPECT_EQ(m.status, 200u);
  EXPECT_NE(m.body.find("triagebot_connections "), std::string::npos);
  EXPECT_NE(m.body.find("triagebot_turns_total{outcome=\"none\"} 1"), std::string::npos) << m.body;
  EXPECT_NE(m.body.find("triagebot_errors_total{code=\"bad_json\"} 1"), std::string::npos) << m.body;
  EXPECT_NE(m.body.find("triagebot_turn_latency_seconds_bucket{le=\"+Inf\"} 1"), std::string::npos);
  EXPECT_NE(m.body.find("triagebot_store_commit_latency_seconds_count 1"), std::string::npos);
  EXPECT_NE(m.body.find("triagebot_rules_info{version=\""), std::string::npos);
}

TEST(HttpSession, RoutesAnswer404And405And426) {
  running_server s;
  EXPECT_EQ(http_call(s.port, "GET", "/nowhere").status, 404u);
  EXPECT_EQ(http_call(s.port, "POST", "/healthz", "{}").status, 405u);
  EXPECT_EQ(http_call(s.port, "GET", "/webhooks/rest/webhook").status, 405u);
  EXPECT_EQ(http_call(s.port, "GET", "/ws").status, 426u);
}

TEST(HttpSession, DemoPageAndWidget) {
  running_server s;
  const auto page = http_call(s.port, "GET", "/");
  EXPECT_EQ(page.status, 200u);
  EXPECT_NE(std::string(page.response[http::field::content_type]).find("text/html"), std::string::npos);
  const auto widget = http_call(s.port, "GET", "/widget.js");
  EXPECT_EQ(widget.status, 200u);
  EXPECT_NE(std::string(widget.response[http::field::content_type]).find("javascript"), std::string::npos);
}

TEST(HttpSession, OriginCheckOnTheUpgrade) {
  running_server s([](server_config& c) { c.allowed_origins = {"https://clinic.example"}; });
  EXPECT_EQ(http_raw(s.port, upgrade_request(s.port, "")).status, 101u);  // no Origin: allowed
  EXPECT_EQ(http_raw(s.port, upgrade_request(s.port, "Origin: http://127.0.0.1:" + std::to_string(s.port) + "\r\n")).status, 101u);
  EXPECT_EQ(http_raw(s.port, upgrade_request(s.port, "Origin: https://clinic.example\r\n")).status, 101u);
  EXPECT_EQ(http_raw(s.port, upgrade_request(s.port, "Origin: https://evil.example\r\n")).status, 403u);
  // Another client is still served.
  ws_client c(s.port);
  EXPECT_EQ(c.send({{"type", "start"}}).at("type"), "reply");
}

TEST(HttpSession, SizeLimitsOnHeadersAndBody) {
  running_server s;
  const auto big_header = http_call(s.port, "GET", "/healthz", {}, "X-Filler: " + std::string(10 * 1024, 'a') + "\r\n");
  EXPECT_TRUE(big_header.status == 431u || big_header.status == 400u) << big_header.status;
  const auto big_body = http_call(s.port, "POST", "/webhooks/rest/webhook", std::string(65 * 1024 + 1, ' '));
  EXPECT_EQ(big_body.status, 413u);
  EXPECT_EQ(http_call(s.port, "GET", "/healthz").status, 200u);
}

TEST(HttpSession, ErasureNeedsABearerTokenAndAnswersPreflight) {
  running_server s([](server_config& c) { c.allowed_origins = {"https://clinic.example"}; });
  EXPECT_EQ(http_call(s.port, "DELETE", "/v1/session").status, 401u);
  EXPECT_EQ(http_call(s.port, "DELETE", "/v1/session", {}, "Authorization: Bearer unknown-token-123\r\n").status, 404u);
  const auto preflight = http_call(s.port, "OPTIONS", "/v1/session", {},
                                   "Origin: https://clinic.example\r\nAccess-Control-Request-Method: DELETE\r\n");
  EXPECT_EQ(preflight.status, 204u);
  EXPECT_EQ(std::string(preflight.response["Access-Control-Allow-Origin"]), "https://clinic.example");
  EXPECT_EQ(http_call(s.port, "OPTIONS", "/v1/session", {}, "Origin: https://evil.example\r\n").status, 403u);
}

TEST(HttpSession, RasaWebhookEndToEnd) {
  running_server s;
  const auto first = http_call(s.port, "POST", "/webhooks/rest/webhook", json{{"sender", "alice"}, {"message", "my hip hurts"}}.dump());
  ASSERT_EQ(first.status, 200u) << first.body;
  const auto a = json::parse(first.body);
  ASSERT_TRUE(a.is_array());
  ASSERT_GE(a.size(), 2u);
  EXPECT_EQ(a.front().at("recipient_id"), "alice");
  EXPECT_FALSE(a.front().at("text").get<std::string>().empty());  // the greeting comes first
  EXPECT_FALSE(a.front().contains("buttons"));
  EXPECT_TRUE(a.back().contains("buttons"));
  EXPECT_TRUE(a.back().at("custom").contains("input"));
  EXPECT_TRUE(a.back().at("custom").contains("outcome"));
  const int turn = a.back().at("custom").at("turn");

  // The same sender continues the same conversation.
  const auto second = http_call(s.port, "POST", "/webhooks/rest/webhook", json{{"sender", "alice"}, {"message", "2 weeks"}}.dump());
  ASSERT_EQ(second.status, 200u);
  EXPECT_EQ(json::parse(second.body).back().at("custom").at("turn"), turn + 1);

  // /restart starts again from turn 1.
  const auto restarted = http_call(s.port, "POST", "/webhooks/rest/webhook", json{{"sender", "alice"}, {"message", "/restart"}}.dump());
  ASSERT_EQ(restarted.status, 200u);
  EXPECT_EQ(json::parse(restarted.body).back().at("custom").at("turn"), 1);

  for (const std::string bad : {"not json", "[]", R"({"sender": "a"})", R"({"message": "hi"})", R"({"sender": 1, "message": "hi"})"}) {
    const auto r = http_call(s.port, "POST", "/webhooks/rest/webhook", bad);
    EXPECT_EQ(r.status, 400u) << bad;
    const auto body = json::parse(r.body);
    EXPECT_TRUE(body.at("error").is_string());
    EXPECT_TRUE(body.at("message").is_string());
  }
}

TEST(HttpSession, RasaWebhookWithATokenNeedsIt) {
  running_server s([](server_config& c) { c.webhook_token = "hook-secret"; });
  const auto body = json{{"sender", "bob"}, {"message", "hello"}}.dump();
  EXPECT_EQ(http_call(s.port, "POST", "/webhooks/rest/webhook", body).status, 401u);
  EXPECT_EQ(http_call(s.port, "POST", "/webhooks/rest/webhook", body, "Authorization: Bearer wrong\r\n").status, 401u);
  EXPECT_EQ(http_call(s.port, "POST", "/webhooks/rest/webhook", body, "Authorization: Bearer hook-secret\r\n").status, 200u);
}

TEST(HttpSession, AdminApiIsOffWithoutATokenAndGuardedWithOne) {
  {
    running_server s;
    EXPECT_EQ(http_call(s.port, "POST", "/admin/reload", "{}").status, 404u);
  }
  running_server s([](server_config& c) { c.admin_token = "admin-secret"; });
  ws_client c(s.port);
  const std::string token = c.send({{"type", "start"}}).at("session");
  EXPECT_EQ(http_call(s.port, "GET", "/admin/sessions/" + token + "/transcript").status, 401u);
  const auto t = http_call(s.port, "GET", "/admin/sessions/" + token + "/transcript", {}, "Authorization: Bearer admin-secret\r\n");
  ASSERT_EQ(t.status, 200u);
  EXPECT_EQ(json::parse(t.body).size(), 1u);
  const auto reload = http_call(s.port, "POST", "/admin/reload", "{}", "Authorization: Bearer admin-secret\r\n");
  EXPECT_EQ(reload.status, 200u) << reload.body;
}

TEST(HttpSession, ConnectionsOverThePerAddressLimitAreRefused) {
  running_server s([](server_config& c) { c.max_connections_per_address = 2; });
  ws_client a(s.port);
  ws_client b(s.port);
  EXPECT_EQ(http_call(s.port, "GET", "/healthz").status, 503u);
}

}  // namespace
}  // namespace triagebot::server::testing

namespace triagebot::server::testing {
namespace {

// Hot reload: broken rules are refused with the reason and the old set keeps serving; good rules
// load, and a conversation that started before finishes on the rules version it started with.
TEST(HttpSession, ReloadRefusesBrokenRulesAndKeepsConversationsOnTheirVersion) {
  namespace fs = std::filesystem;
  const auto dir = fs::temp_directory_path() / ("triagebot-reload-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(TRIAGEBOT_RULES_DIR, dir, fs::copy_options::recursive);
  running_server s([&](server_config& c) {
    c.admin_token = "admin-secret";
    c.rules_dir = dir.string();
  });
  const std::string auth = "Authorization: Bearer admin-secret\r\n";
  ws_client before(s.port);
  before.send({{"type", "start"}});
  before.say("my lower back hurts since 3 days");

  // Broken: a flow step asks a question that does not exist.
  auto flow = json::parse(std::ifstream(dir / "flow.json"));
  flow["common"][1]["ask"] = "duraton";
  std::ofstream(dir / "flow.json") << flow.dump(1);
  const auto refused = http_call(s.port, "POST", "/admin/reload", "{}", auth);
  EXPECT_EQ(refused.status, 422u);
  EXPECT_NE(refused.body.find("duraton"), std::string::npos) << refused.body;
  ws_client during(s.port);
  EXPECT_EQ(during.send({{"type", "start"}}).at("type"), "reply");  // the old rules still serve

  // Good again, with a new version.
  flow["common"][1]["ask"] = "duration";
  std::ofstream(dir / "flow.json") << flow.dump(1);
  auto manifest = json::parse(std::ifstream(dir / "manifest.json"));
  manifest["version"] = "reloaded-2";
  std::ofstream(dir / "manifest.json") << manifest.dump(1);
  const auto loaded = http_call(s.port, "POST", "/admin/reload", "{}", auth);
  ASSERT_EQ(loaded.status, 200u) << loaded.body;
  EXPECT_EQ(json::parse(loaded.body).at("version"), "reloaded-2");

  // The conversation started before keeps its version in the store; new ones get the new one.
  const auto old_reply = before.say("4");
  EXPECT_EQ(old_reply.at("type"), "reply");
  const auto old_state = json::parse(s.store.get(store::sha256_hex(old_reply.at("session").get<std::string>()), 0)->state_json);
  EXPECT_EQ(old_state.at("rules_version"), "2026.11.1");
  ws_client after(s.port);
  const auto fresh = after.send({{"type", "start"}});
  const auto new_state = json::parse(s.store.get(store::sha256_hex(fresh.at("session").get<std::string>()), 0)->state_json);
  EXPECT_EQ(new_state.at("rules_version"), "reloaded-2");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace triagebot::server::testing
