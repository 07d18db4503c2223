#pragma once
// POST /webhooks/rest/webhook: the Rasa REST channel. A sender id maps to a durable conversation
// (a record keyed by sha256("rasa:" + sender) holds the session token); each request is one turn.
#include <functional>

#include "server/http_types.hpp"
#include "server/server_context.hpp"

namespace triagebot::server {

class rasa_webhook {
 public:
  explicit rasa_webhook(server_context& ctx) : ctx_(ctx) {}
  void handle(const http_request& request, std::function<void(http_response)> respond);

 private:
  server_context& ctx_;
};

}  // namespace triagebot::server
