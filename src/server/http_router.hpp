#pragma once
// The HTTP routes (everything but the WebSocket upgrade): health, readiness, metrics, the demo page
// and widget, erasure, the Rasa webhook and the admin API. Beast-free.
#include <functional>

#include "server/http_types.hpp"
#include "server/rasa_webhook.hpp"
#include "server/server_context.hpp"

namespace triagebot::server {

struct static_asset;

class http_router {
 public:
  explicit http_router(server_context& ctx) : ctx_(ctx), rasa_(ctx) {}

  // Answers `request` through `respond` (exactly once, maybe on another thread).
  void handle(const http_request& request, std::function<void(http_response)> respond);

  // No Origin (a non-browser client), the server's own origin, or one of config.allowed_origins.
  bool origin_allowed(const http_request& request) const;

 private:
  http_response erase_session(const http_request& request);
  http_response admin(const http_request& request);
  http_response static_file(const static_asset& asset, const http_request& request) const;

  server_context& ctx_;
  rasa_webhook rasa_;
};

}  // namespace triagebot::server
