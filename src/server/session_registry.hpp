#pragma once
// Which connection holds which conversation (by token hash), so a second connection resuming a
// session closes the first (4001) and an erasure closes its holder (4002).
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace triagebot::server {

inline constexpr std::uint16_t close_resumed_elsewhere = 4001;
inline constexpr std::uint16_t close_erased = 4002;

class session_holder {
 public:
  virtual ~session_holder() = default;
  // Closes the connection with `code`; safe from any thread.
  virtual void evict(std::uint16_t code, std::string reason) = 0;
};

class session_registry {
 public:
  // `holder` now holds the session; another live holder is closed with 4001.
  void claim(const std::string& token_hash, const std::shared_ptr<session_holder>& holder);
  // Forgets the session if `holder` still holds it.
  void release(const std::string& token_hash, const session_holder* holder);
  // Closes the holder (if any) with `code`; true when there was one.
  bool evict(const std::string& token_hash, std::uint16_t code, const std::string& reason);

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, std::weak_ptr<session_holder>> holders_;
};

}  // namespace triagebot::server
