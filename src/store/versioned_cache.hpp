#pragma once
// versioned_cache<T>: a bounded, thread-safe, least-recently-used map from a session's token hash to
// an immutable value (the parsed conversation state) and the store version it was read or written
// at. It lets the server run a turn on a live connection without reading and parsing the state it
// wrote on the previous turn.
//
// Only committed data goes in (a state read from the store, or one whose put succeeded), tagged
// with its version, and a newer version is never replaced by an older one. So an entry can be stale
// but never wrong: when another connection or server instance wrote the session since, or it was
// erased, the next put's expected_version no longer matches, the store answers conflict, and the
// caller forgets the entry and reads the store again.
#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace triagebot::store {

template <typename T>
class versioned_cache {
 public:
  struct entry {
    std::shared_ptr<const T> value;
    std::uint64_t version = 0;
    std::int64_t created_ms = 0;
    std::int64_t expires_ms = 0;  // idle expiry, as stored
  };

  // At most `capacity` entries (0: the cache keeps nothing).
  explicit versioned_cache(std::size_t capacity) : capacity_(capacity) {}

  // The entry, when there is one that has not expired at now_ms; marks it most recently used. An
  // expired entry is dropped.
  std::optional<entry> find(const std::string& key, std::int64_t now_ms) {
    const std::lock_guard lock(mutex_);
    const auto it = entries_.find(key);
    if (it == entries_.end()) return std::nullopt;
    if (it->second.item.expires_ms <= now_ms) {
      order_.erase(it->second.position);
      entries_.erase(it);
      return std::nullopt;
    }
    order_.splice(order_.begin(), order_, it->second.position);
    return it->second.item;
  }

  // Keeps `item` under key unless the cache already holds a newer version of it; evicts the least
  // recently used entry when full.
  void remember(const std::string& key, entry item) {
    if (capacity_ == 0 || !item.value) return;
    const std::lock_guard lock(mutex_);
    const auto it = entries_.find(key);
    if (it != entries_.end()) {
      if (it->second.item.version > item.version) return;
      it->second.item = std::move(item);
      order_.splice(order_.begin(), order_, it->second.position);
      return;
    }
    if (entries_.size() >= capacity_) {
      const auto oldest = entries_.find(*order_.back());
      order_.pop_back();
      entries_.erase(oldest);
    }
    const auto [added, inserted] = entries_.emplace(key, slot{std::move(item), {}});
    order_.push_front(&added->first);
    added->second.position = order_.begin();
  }

  void forget(const std::string& key) {
    const std::lock_guard lock(mutex_);
    const auto it = entries_.find(key);
    if (it == entries_.end()) return;
    order_.erase(it->second.position);
    entries_.erase(it);
  }

  std::size_t size() const {
    const std::lock_guard lock(mutex_);
    return entries_.size();
  }

  std::size_t capacity() const { return capacity_; }

 private:
  // Most recently used first; the keys live in the map's nodes, which never move.
  using order_list = std::list<const std::string*>;
  struct slot {
    entry item;
    typename order_list::iterator position;
  };

  mutable std::mutex mutex_;
  std::size_t capacity_;
  order_list order_;
  std::unordered_map<std::string, slot> entries_;
};

}  // namespace triagebot::store
