#pragma once
// memory_store: a session_store kept in memory, for tests and `serve --store memory`. Thread-safe
// (one mutex); nothing survives the process. `done` runs synchronously, on the thread calling put(),
// after the mutex is released (so it may call the store again).
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "store/session_store.hpp"

namespace triagebot::store {

class memory_store final : public session_store {
 public:
  memory_store() = default;

  std::optional<stored_session> get(const std::string& token_hash, std::int64_t now_ms) override;
  void put(put_request request, std::function<void(put_result)> done) override;
  bool erase(const std::string& token_hash) override;
  std::size_t expire(std::int64_t now_ms, std::int64_t transcript_cutoff_ms) override;
  std::vector<transcript_entry> transcript(const std::string& token_hash) override;
  std::optional<std::string> reply_at(const std::string& token_hash, int turn) override;
  bool healthy() override { return true; }
  void flush() override {}

 private:
  std::mutex mutex_;
  std::map<std::string, stored_session> sessions_;
  // Transcripts outlive their session's idle expiry: they have their own retention (expire()).
  std::map<std::string, std::vector<transcript_entry>> transcripts_;
};

}  // namespace triagebot::store
