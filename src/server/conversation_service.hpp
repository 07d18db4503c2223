#pragma once
// One conversation turn as the server runs it: resolve the session from the store, pick the engine
// for the conversation's rules version, run it, save state + transcript entry, and only once the
// store reports the write durable hand back the reply. No networking here.
#include <chrono>
#include <functional>
#include <string>

#include "server/metrics.hpp"
#include "server/rules_catalog.hpp"
#include "server/server_config.hpp"
#include "store/session_store.hpp"

namespace triagebot::server {

struct turn_reply {
  std::string frame;          // the reply or error frame to send, compact JSON
  std::string session_token;  // the session the connection holds after this turn ("" = none)
  bool is_error = false;
  std::string error_code;
};

// A fresh session token: 128+ random bits, URL-safe (22 characters of base64url).
std::string new_session_token();
// The local weekday, 1 = Monday ... 7 = Sunday.
int local_weekday();
std::int64_t now_ms();

class conversation_service {
 public:
  conversation_service(store::session_store& store, rules_catalog& catalog, metrics& stats, const server_config& config)
      : store_(store), catalog_(catalog), metrics_(stats), config_(config) {}

  // Answers one client frame for a connection holding `current_token` ("" when none). `done` runs
  // exactly once, maybe on another thread (the store's).
  void turn(const std::string& current_token, std::string raw_frame, std::function<void(turn_reply)> done);

  store::session_store& store() { return store_; }

 private:
  struct pending;
  void run(const std::shared_ptr<pending>& p);
  void finish_error(const std::shared_ptr<pending>& p, const std::string& code, const std::string& message);

  store::session_store& store_;
  rules_catalog& catalog_;
  metrics& metrics_;
  const server_config& config_;
};

}  // namespace triagebot::server
