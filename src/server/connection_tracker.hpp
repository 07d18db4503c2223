#pragma once
// Counts open connections in total and per client address (admission limits), and reaches every
// open connection at shutdown.
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace triagebot::server {

class tracked_connection {
 public:
  virtual ~tracked_connection() = default;
  // Begins a graceful close (WebSocket: 1001); safe from any thread.
  virtual void shutdown() = 0;
};

class connection_tracker;

// One admitted connection; releases its place when destroyed. Move-only.
class admission {
 public:
  admission() = default;
  admission(connection_tracker* tracker, std::string address) : tracker_(tracker), address_(std::move(address)) {}
  admission(admission&& other) noexcept : tracker_(other.tracker_), address_(std::move(other.address_)) { other.tracker_ = nullptr; }
  admission& operator=(admission&& other) noexcept;
  admission(const admission&) = delete;
  admission& operator=(const admission&) = delete;
  ~admission();

  explicit operator bool() const { return tracker_ != nullptr; }
  const std::string& address() const { return address_; }

 private:
  connection_tracker* tracker_ = nullptr;
  std::string address_;
};

class connection_tracker {
 public:
  connection_tracker(std::size_t max_total, std::size_t max_per_address) : max_total_(max_total), max_per_address_(max_per_address) {}

  // An admission, or an empty one when a limit is reached.
  admission admit(const std::string& address);
  void watch(const std::weak_ptr<tracked_connection>& connection);
  void shutdown_all();
  std::size_t active() const;

 private:
  friend class admission;
  void release(const std::string& address);

  std::size_t max_total_;
  std::size_t max_per_address_;
  mutable std::mutex mutex_;
  std::size_t total_ = 0;
  std::unordered_map<std::string, std::size_t> per_address_;
  std::vector<std::weak_ptr<tracked_connection>> watched_;
};

}  // namespace triagebot::server
