#include "store/memory_store.hpp"

#include <algorithm>
#include <utility>

namespace triagebot::store {

std::optional<stored_session> memory_store::get(const std::string& token_hash, std::int64_t now_ms) {
  const std::lock_guard lock(mutex_);
  const auto it = sessions_.find(token_hash);
  if (it == sessions_.end() || it->second.expires_ms <= now_ms) return std::nullopt;
  return it->second;
}

void memory_store::put(put_request request, std::function<void(put_result)> done) {
  put_result result;
  {
    const std::lock_guard lock(mutex_);
    const auto it = sessions_.find(request.token_hash);
    // The same rule as sqlite_store: a stored row that has expired by the turn's time counts as
    // absent for expected_version 0 (a new conversation reusing the key); versions keep counting up.
    std::uint64_t current = 0;
    bool live = false;
    if (it != sessions_.end()) {
      current = it->second.version;
      live = it->second.expires_ms > request.session.updated_ms;
    }
    const bool matches = request.expected_version == 0 ? (it == sessions_.end() || !live)
                                                       : request.expected_version == current;
    if (!matches) {
      result.status = put_status::conflict;
    } else {
      stored_session session = std::move(request.session);
      session.version = current + 1;
      result.version = session.version;
      sessions_[request.token_hash] = std::move(session);
      transcripts_[request.token_hash].push_back(std::move(request.entry));
    }
  }
  if (done) done(std::move(result));
}

bool memory_store::erase(const std::string& token_hash) {
  const std::lock_guard lock(mutex_);
  const bool had_session = sessions_.erase(token_hash) > 0;
  const bool had_transcript = transcripts_.erase(token_hash) > 0;
  return had_session || had_transcript;
}

std::size_t memory_store::expire(std::int64_t now_ms, std::int64_t transcript_cutoff_ms) {
  const std::lock_guard lock(mutex_);
  const std::size_t removed =
      std::erase_if(sessions_, [now_ms](const auto& item) { return item.second.expires_ms <= now_ms; });
  for (auto it = transcripts_.begin(); it != transcripts_.end();) {
    std::erase_if(it->second, [transcript_cutoff_ms](const transcript_entry& e) { return e.at_ms < transcript_cutoff_ms; });
    it = it->second.empty() ? transcripts_.erase(it) : std::next(it);
  }
  return removed;
}

std::vector<transcript_entry> memory_store::transcript(const std::string& token_hash) {
  const std::lock_guard lock(mutex_);
  const auto it = transcripts_.find(token_hash);
  if (it == transcripts_.end()) return {};
  return it->second;
}

std::optional<std::string> memory_store::reply_at(const std::string& token_hash, int turn) {
  const std::lock_guard lock(mutex_);
  const auto it = transcripts_.find(token_hash);
  if (it == transcripts_.end()) return std::nullopt;
  for (auto e = it->second.rbegin(); e != it->second.rend(); ++e)
    if (e->turn == turn) return e->out_frame;
  return std::nullopt;
}

}  // namespace triagebot::store
