#pragma once
// One conversation turn as the server runs it: resolve the session from the store, pick the engine
// for the conversation's rules version, run it, save state + transcript entry, and only once the
// store reports the write durable hand back the reply. No networking here.
#include <chrono>
#include <functional>
#include <string>

#include "engine/conversation_state.hpp"
#include "server/metrics.hpp"
#include "server/rules_catalog.hpp"
#include "server/server_config.hpp"
#include "store/session_store.hpp"
#include "store/versioned_cache.hpp"

namespace triagebot::server {

struct turn_reply {
  std::string frame;          // the reply or error frame to send, compact JSON
  std::string session_token;  // the session the connection holds after this turn ("" = none)
  bool is_error = false;
  std::string error_code;
};

// The local weekday, 1 = Monday ... 7 = Sunday.
int local_weekday();
std::int64_t now_ms();

// Turns on a live connection run on the state cached when its previous turn committed (a bounded
// write-through cache, one entry per open connection at most); only a cache miss reads and parses
// the stored state. The store's version check keeps this correct when another connection or another
// server instance wrote the session meanwhile (docs/benchmarks.md, "what we changed").
class conversation_service {
 public:
  conversation_service(store::session_store& store, rules_catalog& catalog, metrics& stats, const server_config& config)
      : store_(store), catalog_(catalog), metrics_(stats), config_(config), cache_(config.max_connections) {}

  // Answers one client frame for a connection holding `current_token` ("" when none). `done` runs
  // exactly once, maybe on another thread (the store's).
  void turn(const std::string& current_token, std::string raw_frame, std::function<void(turn_reply)> done);

  store::session_store& store() { return store_; }

  // Erases a session from the store and from the cache of parsed states; false when it was unknown.
  // The erasure route calls this rather than store().erase, so that no copy of an erased
  // conversation stays in memory.
  bool erase(const std::string& token_hash);

  // How many parsed states are cached (for tests and metrics).
  std::size_t cached_states() const { return cache_.size(); }

 private:
  struct pending;
  void run(const std::shared_ptr<pending>& p);
  void finish_error(const std::shared_ptr<pending>& p, const std::string& code, const std::string& message);
  void fill_history_from_transcript(engine::conversation_state& state, const std::string& token_hash);

  store::session_store& store_;
  rules_catalog& catalog_;
  metrics& metrics_;
  const server_config& config_;
  store::versioned_cache<engine::conversation_state> cache_;
  const engine::conversation_state blank_{};  // the state of a conversation not started yet
};

}  // namespace triagebot::server
