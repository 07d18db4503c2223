#pragma once
// Where conversations live between turns. The server keeps no conversation in memory: every turn
// reads the state, runs the engine and writes the new state plus the turn's transcript entry, and
// the reply goes out only once that write is durable.
//
// Sessions are keyed by the SHA-256 of their token (hex): the token itself is never stored.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace triagebot::store {

struct stored_session {
  std::string state_json;     // engine::to_json(conversation_state).dump()
  std::string rules_version;  // the rules the conversation runs on
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
  std::int64_t expires_ms = 0;  // idle expiry: updated_ms + idle timeout
  std::uint64_t version = 0;    // bumped by every successful put; 0 = not stored yet
};

struct transcript_entry {
  int turn = 0;
  std::string in_frame;   // the client frame as received
  std::string out_frame;  // the reply or error frame sent
  std::int64_t at_ms = 0;
};

enum class put_status { ok, conflict, failed };

struct put_result {
  put_status status = put_status::ok;
  std::uint64_t version = 0;  // the new version when ok
  std::string error;          // a sentence when failed ("the database file is read-only")
};

struct put_request {
  std::string token_hash;
  stored_session session;          // the new state (its version field is ignored)
  std::uint64_t expected_version;  // 0 for a new session; the version read before the turn otherwise
  transcript_entry entry;
};

class session_store {
 public:
  virtual ~session_store() = default;

  // The session, or nullopt when unknown or expired at now_ms.
  virtual std::optional<stored_session> get(const std::string& token_hash, std::int64_t now_ms) = 0;

  // Saves a turn atomically (state + transcript entry), only if the stored version still equals
  // expected_version (else conflict). `done` runs once the write is durable (or failed), possibly on
  // another thread; implementations may batch several puts into one transaction (group commit).
  virtual void put(put_request request, std::function<void(put_result)> done) = 0;

  // Erases the session and its transcript; false when unknown.
  virtual bool erase(const std::string& token_hash) = 0;

  // Removes sessions idle past their expiry and transcript entries older than transcript_cutoff_ms;
  // returns how many sessions were removed.
  virtual std::size_t expire(std::int64_t now_ms, std::int64_t transcript_cutoff_ms) = 0;

  virtual std::vector<transcript_entry> transcript(const std::string& token_hash) = 0;

  // The frame the session sent at `turn` (the out_frame of its latest transcript entry for that
  // turn), or nullopt when the transcript has none (purged by retention, or erased). The server
  // answers a repeated message id with it. This default reads the whole transcript; stores override
  // it with a direct lookup.
  virtual std::optional<std::string> reply_at(const std::string& token_hash, int turn) {
    auto entries = transcript(token_hash);
    for (auto it = entries.rbegin(); it != entries.rend(); ++it)
      if (it->turn == turn) return std::move(it->out_frame);
    return std::nullopt;
  }

  // True while the store can read and write (for /readyz).
  virtual bool healthy() = 0;

  // Waits for every queued put to be durable (graceful stop).
  virtual void flush() = 0;
};

// Lower-case hex SHA-256 of a string (session tokens, Rasa sender ids).
std::string sha256_hex(const std::string& text);

}  // namespace triagebot::store
