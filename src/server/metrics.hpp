#pragma once
// The server's counters and histograms, rendered in the Prometheus text format for GET /metrics.
// Thread-safe: the io threads and the store's writer thread report into it at once.
#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace triagebot::server {

// A Prometheus histogram with fixed upper bounds (cumulative buckets, sum and count). Not
// thread-safe on its own: metrics guards its histograms.
class histogram {
 public:
  // Seconds, from 100 µs (a turn on the memory store) to 1 s.
  static constexpr std::array<double, 12> latency_bounds{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                         0.01,   0.025,   0.05,   0.1,   0.5,    1.0};
  // Puts per store transaction: 1 when idle, up to the number of connections writing at once.
  static constexpr std::array<double, 12> batch_bounds{1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096};

  explicit histogram(const std::array<double, 12>& bounds = latency_bounds) : bounds_(bounds) {}
  void observe(double value);
  void render(std::string& out, const std::string& name, const std::string& help) const;

 private:
  std::array<double, 12> bounds_;
  std::array<std::uint64_t, 12> counts_{};
  std::uint64_t count_ = 0;
  double sum_ = 0;
};

class metrics {
 public:
  void turn(const std::string& outcome_level, double latency_seconds);  // "none" before an outcome
  void red_flag(const std::string& id);
  void error(const std::string& code);
  // How long one turn waited for the store to report its write durable (its queueing behind the
  // batch in progress included); called by the conversation service, per turn.
  void store_commit(double seconds);
  // One committed store transaction: its duration and how many puts it carried (group commit);
  // called by the SQLite store's writer thread, per batch.
  void store_transaction(double seconds, std::size_t batch_size);
  void rules_loaded(const std::string& version);

  std::string render(std::size_t connections) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::uint64_t> turns_;
  std::map<std::string, std::uint64_t> red_flags_;
  std::map<std::string, std::uint64_t> errors_;
  histogram turn_latency_;
  histogram commit_latency_;
  histogram transaction_seconds_;
  histogram batch_size_{histogram::batch_bounds};
  std::string rules_version_;
};

}  // namespace triagebot::server
