#include "server/http_router.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "server/server_log.hpp"

namespace triagebot::server {

// The files of web/ the server publishes. The demo page's stylesheet is a file of its own because the
// page's Content-Security-Policy allows no inline style.
struct static_asset {
  const char* path;
  const char* file;
  const char* content_type;
  const char* builtin;  // served when web/ has no such file; nullptr: 404
};

namespace {

using json = nlohmann::json;

http_response text(unsigned status, std::string body) {
  http_response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}


http_response method_not_allowed(const std::string& allow) {
  auto r = text(405, "method not allowed\n");
  r.headers.emplace_back("Allow", allow);
  return r;
}

// What a deployment without web/ serves: a plain page and a minimal widget that still hold a
// conversation, so a missing web/ directory degrades to a working chat rather than a blank page.
constexpr const char* kDemoPage = R"(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>triagebot</title></head>
<body><h1>triagebot</h1>
<p>This is the built-in page: this deployment has no web/ directory beside its rules, so the full chat
widget is not installed. You can still talk to the triage assistant here. It is not a diagnosis; in an
emergency, call your local emergency number.</p>
<div id="log" aria-live="polite"></div>
<label for="say">Your message</label> <input id="say" autocomplete="off" autofocus>
<script src="/widget.js"></script></body></html>
)";

constexpr const char* kDemoWidget = R"(// Minimal built-in widget (no web/ directory): connects to /ws and shows the conversation as text.
(function () {
  var log = document.getElementById('log'), say = document.getElementById('say');
  if (!log || !say) return;
  var ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
  function show(who, text) { var p = document.createElement('p'); p.textContent = who + ': ' + text; log.appendChild(p); }
  ws.onopen = function () { ws.send(JSON.stringify({type: 'start', session: sessionStorage.getItem('triagebot') || undefined})); };
  ws.onclose = function () { show('status', 'disconnected; reload the page to continue'); };
  ws.onmessage = function (e) {
    var f = JSON.parse(e.data);
    if (f.type === 'error') { show('error', f.message); return; }
    sessionStorage.setItem('triagebot', f.session);
    f.messages.forEach(function (m) { show('bot', m.text); });
    if (f.quick_replies.length) show('choices', f.quick_replies.map(function (q) { return q.title; }).join(' | '));
    if (f.outcome) show('outcome', f.outcome.level + ': ' + f.outcome.advice);
  };
  say.onkeydown = function (e) {
    if (e.key !== 'Enter' || !say.value.trim()) return;
    show('you', say.value); ws.send(JSON.stringify({type: 'message', text: say.value})); say.value = '';
  };
})();
)";

const static_asset kAssets[] = {
    {"/", "index.html", "text/html; charset=utf-8", kDemoPage},
    {"/index.html", "index.html", "text/html; charset=utf-8", kDemoPage},
    {"/widget.js", "widget.js", "text/javascript; charset=utf-8", kDemoWidget},
    {"/demo.css", "demo.css", "text/css; charset=utf-8", nullptr},
};

const static_asset* find_asset(const std::string& path) {
  for (const auto& a : kAssets)
    if (path == a.path) return &a;
  return nullptr;
}

// A strong validator for a file's bytes (FNV-1a, 64 bits): equal bytes, equal tag.
std::string entity_tag(const std::string& body) {
  std::uint64_t h = 1469598103934665603ull;
  for (const unsigned char c : body) {
    h ^= c;
    h *= 1099511628211ull;
  }
  static const char* hex = "0123456789abcdef";
  std::string tag = "\"";
  for (int shift = 60; shift >= 0; shift -= 4) tag += hex[(h >> shift) & 0xf];
  return tag + "\"";
}

// If-None-Match uses the weak comparison (RFC 9110 13.1.2): "*", or any listed tag equal to ours
// once a W/ prefix is dropped.
bool etag_matches(const std::string& if_none_match, const std::string& tag) {
  std::size_t at = 0;
  while (at < if_none_match.size()) {
    const auto end = std::min(if_none_match.find(',', at), if_none_match.size());
    auto item = if_none_match.substr(at, end - at);
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (item.rfind("W/", 0) == 0) item.erase(0, 2);
    if (item == "*" || item == tag) return true;
    at = end + 1;
  }
  return false;
}

// The Host header goes into the demo page's Content-Security-Policy, so only a plain host[:port]
// is used; anything else falls back to the address the server listens on.
std::string csp_host(const std::string& host, const std::string& fallback) {
  const bool plain = !host.empty() && host.size() <= 255 && std::all_of(host.begin(), host.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
  });
  return plain ? host : fallback;
}

std::string ends_after(const std::string& path, const std::string& prefix, const std::string& suffix) {
  if (path.size() <= prefix.size() + suffix.size() || path.rfind(prefix, 0) != 0 ||
      path.compare(path.size() - suffix.size(), suffix.size(), suffix) != 0)
    return {};
  return path.substr(prefix.size(), path.size() - prefix.size() - suffix.size());
}

}  // namespace

http_response json_response(unsigned status, const nlohmann::json& body) {
  http_response r;
  r.status = status;
  r.content_type = "application/json";
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

std::string bearer_token(const std::string& authorization) {
  static const std::string prefix = "Bearer ";
  if (authorization.size() <= prefix.size()) return {};
  if (!std::equal(prefix.begin(), prefix.end(), authorization.begin(),
                  [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)); }))
    return {};
  auto token = authorization.substr(prefix.size());
  const auto first = token.find_first_not_of(' ');
  const auto last = token.find_last_not_of(' ');
  return first == std::string::npos ? std::string() : token.substr(first, last - first + 1);
}

bool constant_time_equal(const std::string& a, const std::string& b) {
  const std::size_t n = std::max(a.size(), b.size());
  unsigned diff = a.size() == b.size() ? 0u : 1u;
  for (std::size_t i = 0; i < n; ++i) {
    const auto x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0u;
    const auto y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0u;
    diff |= x ^ y;
  }
  return diff == 0;
}

bool http_router::origin_allowed(const http_request& request) const {
  if (!request.has_origin) return true;
  const auto& o = request.origin;
  const std::string own = ctx_.config.listen_host + ":" + std::to_string(ctx_.port.load());
  if (o == "http://" + own || o == "https://" + own) return true;
  if (!request.host.empty() && (o == "http://" + request.host || o == "https://" + request.host)) return true;
  return std::find(ctx_.config.allowed_origins.begin(), ctx_.config.allowed_origins.end(), o) != ctx_.config.allowed_origins.end();
}

void http_router::handle(const http_request& request, std::function<void(http_response)> respond) {
  const auto path = request.path();
  const auto& m = request.method;
  if (path == "/healthz") {
    respond(m == "GET" || m == "HEAD" ? text(200, "ok\n") : method_not_allowed("GET, HEAD"));
    return;
  }
  if (path == "/readyz") {
    if (m != "GET" && m != "HEAD") return respond(method_not_allowed("GET, HEAD"));
    const bool rules = ctx_.catalog.current() != nullptr;
    const bool store = ctx_.store.healthy();
    respond(text(rules && store && !ctx_.stopping ? 200 : 503,
                 std::string("rules ") + (rules ? "loaded" : "missing") + ", store " + (store ? "ok" : "failing") + "\n"));
    return;
  }
  if (path == "/metrics") {
    if (m != "GET") return respond(method_not_allowed("GET"));
    auto r = text(200, ctx_.stats.render(ctx_.connections.active()));
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    respond(std::move(r));
    return;
  }
  if (const auto* asset = find_asset(path)) {
    if (m != "GET" && m != "HEAD") return respond(method_not_allowed("GET, HEAD"));
    respond(static_file(*asset, request));
    return;
  }
  if (path == "/v1/session") {
    if (!origin_allowed(request)) return respond(text(403, "origin not allowed\n"));
    std::vector<std::pair<std::string, std::string>> cors;
    if (request.has_origin) {
      cors = {{"Access-Control-Allow-Origin", request.origin}, {"Vary", "Origin"}};
    }
    http_response r;
    if (m == "OPTIONS") {
      r = text(204, "");
      r.headers = cors;
      r.headers.emplace_back("Access-Control-Allow-Methods", "DELETE, OPTIONS");
      r.headers.emplace_back("Access-Control-Allow-Headers", "Authorization");
      r.headers.emplace_back("Access-Control-Max-Age", "600");
    } else if (m == "DELETE") {
      r = erase_session(request);
      r.headers.insert(r.headers.end(), cors.begin(), cors.end());
    } else {
      r = method_not_allowed("DELETE, OPTIONS");
    }
    respond(std::move(r));
    return;
  }
  if (path == "/webhooks/rest/webhook") {
    if (m != "POST") return respond(method_not_allowed("POST"));
    rasa_.handle(request, std::move(respond));
    return;
  }
  if (path.rfind("/admin/", 0) == 0) {
    respond(admin(request));
    return;
  }
  respond(text(404, "not found\n"));
}

http_response http_router::erase_session(const http_request& request) {
  const auto token = bearer_token(request.authorization);
  if (token.empty()) {
    auto r = json_response(401, json{{"error", "unauthorized"}, {"message", "send the session token as Authorization: Bearer <token>"}});
    r.headers.emplace_back("WWW-Authenticate", "Bearer");
    return r;
  }
  const auto hash = store::sha256_hex(token);
  const bool erased = ctx_.conversations.erase(hash);
  const bool held = ctx_.sessions.evict(hash, close_erased, "this conversation was erased");
  log_event(log_level::info, "session_erased", {{"session", short_hash(hash)}, {"found", erased}, {"connection_closed", held}});
  return erased ? text(204, "") : text(404, "no such session\n");
}

http_response http_router::admin(const http_request& request) {
  if (ctx_.config.admin_token.empty()) return text(404, "not found\n");
  if (!constant_time_equal(bearer_token(request.authorization), ctx_.config.admin_token)) {
    auto r = text(401, "unauthorized\n");
    r.headers.emplace_back("WWW-Authenticate", "Bearer");
    return r;
  }
  const auto path = request.path();
  if (path == "/admin/reload") {
    if (request.method != "POST") return method_not_allowed("POST");
    const auto result = ctx_.catalog.reload(ctx_.config.rules_dir);
    if (result.ok) ctx_.stats.rules_loaded(result.version);
    log_event(result.ok ? log_level::info : log_level::error, "rules_reload",
              {{"ok", result.ok}, {"version", result.version}, {"findings", result.findings}});
    return json_response(result.ok ? 200 : 422, json{{"ok", result.ok}, {"version", result.version}, {"findings", result.findings}});
  }
  const auto token = ends_after(path, "/admin/sessions/", "/transcript");
  if (!token.empty() && token.find('/') == std::string::npos) {
    if (request.method != "GET") return method_not_allowed("GET");
    const auto entries = ctx_.store.transcript(store::sha256_hex(token));
    if (entries.empty()) return text(404, "no such session\n");
    json out = json::array();
    for (const auto& e : entries) {
      out.push_back({{"turn", e.turn}, {"at_ms", e.at_ms}, {"in", json::parse(e.in_frame, nullptr, false).is_discarded() ? json(e.in_frame) : json::parse(e.in_frame)},
                     {"out", json::parse(e.out_frame, nullptr, false).is_discarded() ? json(e.out_frame) : json::parse(e.out_frame)}});
    }
    return json_response(200, out);
  }
  return text(404, "not found\n");
}

http_response http_router::static_file(const static_asset& asset, const http_request& request) const {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto rules = fs::absolute(ctx_.config.rules_dir, ec).lexically_normal();
  const auto file = (rules.has_filename() ? rules.parent_path() : rules.parent_path().parent_path()) / "web" / asset.file;
  http_response r;
  if (std::ifstream in(file, std::ios::binary); in) {
    std::ostringstream content;
    content << in.rdbuf();
    r.body = content.str();
  } else if (asset.builtin != nullptr) {
    r.body = asset.builtin;
  } else {
    return text(404, "not found\n");
  }
  r.content_type = asset.content_type;
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  const auto tag = entity_tag(r.body);
  r.headers.emplace_back("ETag", tag);
  const bool page = r.content_type.rfind("text/html", 0) == 0;
  if (page) {
    // The page is small and names the widget by a fixed URL: always revalidate, so a new deployment
    // shows at once. Scripts only from this server, no inline script or style, WebSocket and the
    // erasure request only to this server, and no framing (clickjacking of the chat).
    const auto& listen = ctx_.config.listen_host;
    const auto own = (listen.find(':') != std::string::npos ? "[" + listen + "]" : listen) + ":" + std::to_string(ctx_.port.load());
    const auto host = csp_host(request.host, own);
    r.headers.emplace_back("Cache-Control", "no-cache");
    r.headers.emplace_back("Content-Security-Policy",
                           "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "connect-src 'self' ws://" + host + " wss://" + host +
                               "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    r.headers.emplace_back("X-Frame-Options", "DENY");
    r.headers.emplace_back("Referrer-Policy", "no-referrer");
  } else {
    // Clinic pages embed widget.js from another origin; a short lifetime lets a new version reach
    // every visitor within minutes without a versioned URL in the clinic's script tag.
    r.headers.emplace_back("Cache-Control", "public, max-age=300");
    r.headers.emplace_back("Cross-Origin-Resource-Policy", "cross-origin");
  }
  if (etag_matches(request.if_none_match, tag)) {
    r.status = 304;
    r.body.clear();
  }
  return r;
}

}  // namespace triagebot::server
