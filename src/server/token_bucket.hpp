#pragma once
// A token bucket: `rate` tokens a second up to `burst`; each client frame takes one.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>

namespace triagebot::server {

class token_bucket {
 public:
  using clock = std::chrono::steady_clock;

  token_bucket(double rate, double burst, clock::time_point now = clock::now())
      : rate_(rate > 0 ? rate : 1e9), burst_(burst >= 1 ? burst : 1), tokens_(burst_), last_(now) {}

  // Takes a token when one is there; otherwise leaves the bucket as it was.
  bool take(clock::time_point now = clock::now()) {
    refill(now);
    if (tokens_ < 1.0) return false;
    tokens_ -= 1.0;
    return true;
  }

  // Milliseconds until a token is there (0 when one is).
  std::int64_t retry_after_ms(clock::time_point now = clock::now()) {
    refill(now);
    if (tokens_ >= 1.0) return 0;
    return static_cast<std::int64_t>(std::ceil((1.0 - tokens_) / rate_ * 1000.0));
  }

 private:
  void refill(clock::time_point now) {
    if (now <= last_) return;
    const double seconds = std::chrono::duration<double>(now - last_).count();
    tokens_ = std::min(burst_, tokens_ + seconds * rate_);
    last_ = now;
  }

  double rate_;
  double burst_;
  double tokens_;
  clock::time_point last_;
};

}  // namespace triagebot::server
