#include "server/connection_tracker.hpp"

#include <algorithm>

namespace triagebot::server {

admission& admission::operator=(admission&& other) noexcept {
  if (this != &other) {
    if (tracker_) tracker_->release(address_);
    tracker_ = other.tracker_;
    address_ = std::move(other.address_);
    other.tracker_ = nullptr;
  }
  return *this;
}

admission::~admission() {
  if (tracker_) tracker_->release(address_);
}

admission connection_tracker::admit(const std::string& address) {
  const std::lock_guard lock(mutex_);
  auto& n = per_address_[address];
  if (total_ >= max_total_ || n >= max_per_address_) {
    if (n == 0) per_address_.erase(address);
    return {};
  }
  ++n;
  ++total_;
  return admission(this, address);
}

void connection_tracker::release(const std::string& address) {
  const std::lock_guard lock(mutex_);
  const auto it = per_address_.find(address);
  if (it != per_address_.end() && --it->second == 0) per_address_.erase(it);
  if (total_ > 0) --total_;
}

void connection_tracker::watch(const std::weak_ptr<tracked_connection>& connection) {
  const std::lock_guard lock(mutex_);
  std::erase_if(watched_, [](const auto& w) { return w.expired(); });
  watched_.push_back(connection);
}

void connection_tracker::shutdown_all() {
  std::vector<std::shared_ptr<tracked_connection>> live;
  {
    const std::lock_guard lock(mutex_);
    for (const auto& w : watched_)
      if (auto c = w.lock()) live.push_back(std::move(c));
    watched_.clear();
  }
  for (const auto& c : live) c->shutdown();
}

std::size_t connection_tracker::active() const {
  const std::lock_guard lock(mutex_);
  return total_;
}

}  // namespace triagebot::server
