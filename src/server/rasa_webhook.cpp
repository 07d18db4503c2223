#include "server/rasa_webhook.hpp"

#include <nlohmann/json.hpp>

#include "server/server_log.hpp"

namespace triagebot::server {
namespace {

using json = nlohmann::json;


http_response bad(unsigned status, const std::string& code, const std::string& message) {
  return json_response(status, json{{"error", code}, {"message", message}});
}

// One element per bot message; the last also carries the buttons and the input and outcome.
json to_rasa(const std::string& sender, const json& reply) {
  json out = json::array();
  for (const auto& m : reply.at("messages")) out.push_back({{"recipient_id", sender}, {"text", m.value("text", "")}});
  if (out.empty()) out.push_back({{"recipient_id", sender}, {"text", ""}});
  json buttons = json::array();
  for (const auto& q : reply.value("quick_replies", json::array()))
    buttons.push_back({{"title", q.value("title", "")}, {"payload", q.value("payload", "")}});
  auto& last = out.back();
  last["buttons"] = buttons;
  last["custom"] = {{"input", reply.value("input", json(nullptr))}, {"outcome", reply.value("outcome", json(nullptr))},
                    {"session", reply.value("session", "")}, {"turn", reply.value("turn", 0)}};
  return out;
}

}  // namespace

void rasa_webhook::handle(const http_request& request, std::function<void(http_response)> respond) {
  if (!ctx_.config.webhook_token.empty() && !constant_time_equal(bearer_token(request.authorization), ctx_.config.webhook_token)) {
    respond(bad(401, "unauthorized", "this webhook needs Authorization: Bearer <webhook token>"));
    return;
  }
  json body;
  try {
    body = json::parse(request.body);
  } catch (const json::exception& e) {
    respond(bad(400, "bad_json", std::string("the body is not valid JSON: ") + e.what()));
    return;
  }
  if (!body.is_object() || !body.contains("sender") || !body.at("sender").is_string() || body.at("sender").get<std::string>().empty() ||
      !body.contains("message") || !body.at("message").is_string()) {
    respond(bad(400, "bad_request", "expected a JSON object {\"sender\": string, \"message\": string}"));
    return;
  }
  const auto sender = body.at("sender").get<std::string>();
  const auto message = body.at("message").get<std::string>();
  const auto key = store::sha256_hex("rasa:" + sender);

  // The sender's conversation, if any.
  std::string token;
  std::uint64_t mapping_version = 0;
  std::int64_t created = now_ms();
  if (auto mapping = ctx_.store.get(key, now_ms())) {
    try {
      token = json::parse(mapping->state_json).value("rasa_session", "");
      mapping_version = mapping->version;
      created = mapping->created_ms;
    } catch (const json::exception&) {
      token.clear();
    }
  }
  const json frame = message == "/restart" ? json{{"type", "restart"}} : json{{"type", "message"}, {"text", message}};
  auto& ctx = ctx_;
  ctx_.conversations.turn(token, frame.dump(), [&ctx, sender, key, token, mapping_version, created,
                                                respond = std::move(respond)](turn_reply r) mutable {
    const json reply = json::parse(r.frame, nullptr, false);
    if (r.is_error || !reply.is_object() || reply.value("type", "") != "reply") {
      const unsigned status = r.error_code == "internal" ? 500u : r.error_code == "rate_limited" ? 429u : 400u;
      respond(bad(status, reply.is_object() ? reply.value("code", "internal") : "internal",
                  reply.is_object() ? reply.value("message", "") : "the reply could not be read"));
      return;
    }
    auto answer = json_response(200, to_rasa(sender, reply));
    if (r.session_token == token) {
      respond(std::move(answer));
      return;
    }
    // A new conversation for this sender: remember its token under the sender's key.
    store::put_request mapping;
    mapping.token_hash = key;
    mapping.session.state_json = json{{"rasa_session", r.session_token}}.dump();
    mapping.session.created_ms = created;
    mapping.session.updated_ms = now_ms();
    mapping.session.expires_ms = mapping.session.updated_ms + std::int64_t{ctx.config.session_ttl_hours} * 3600 * 1000;
    mapping.expected_version = mapping_version;
    mapping.entry.turn = reply.value("turn", 0);
    mapping.entry.at_ms = mapping.session.updated_ms;
    ctx.store.put(std::move(mapping), [respond = std::move(respond), answer = std::move(answer), key](store::put_result result) mutable {
      if (result.status != store::put_status::ok) {
        log_event(log_level::error, "rasa_mapping_failed", {{"sender", short_hash(key)}, {"message", result.error}});
        respond(bad(500, "internal", "the conversation could not be saved; please try again"));
        return;
      }
      respond(std::move(answer));
    });
  });
}

}  // namespace triagebot::server
