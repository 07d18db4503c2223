#include "server/session_registry.hpp"

namespace triagebot::server {

void session_registry::claim(const std::string& token_hash, const std::shared_ptr<session_holder>& holder) {
  std::shared_ptr<session_holder> previous;
  {
    const std::lock_guard lock(mutex_);
    auto& slot = holders_[token_hash];
    previous = slot.lock();
    slot = holder;
  }
  if (previous && previous != holder)
    previous->evict(close_resumed_elsewhere, "this conversation was resumed on another connection");
}

void session_registry::release(const std::string& token_hash, const session_holder* holder) {
  const std::lock_guard lock(mutex_);
  const auto it = holders_.find(token_hash);
  if (it == holders_.end()) return;
  const auto current = it->second.lock();
  if (!current || current.get() == holder) holders_.erase(it);
}

bool session_registry::evict(const std::string& token_hash, std::uint16_t code, const std::string& reason) {
  std::shared_ptr<session_holder> holder;
  {
    const std::lock_guard lock(mutex_);
    const auto it = holders_.find(token_hash);
    if (it == holders_.end()) return false;
    holder = it->second.lock();
    holders_.erase(it);
  }
  if (holder) holder->evict(code, reason);
  return holder != nullptr;
}

}  // namespace triagebot::server
