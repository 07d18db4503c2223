#pragma once
// The server's counters and histograms, rendered in the Prometheus text format for GET /metrics.
#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace triagebot::server {

class histogram {
 public:
  static constexpr std::array<double, 12> bounds{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                 0.01,   0.025,   0.05,   0.1,   0.5,    1.0};
  void observe(double seconds);
  void render(std::string& out, const std::string& name, const std::string& help) const;

 private:
  std::array<std::uint64_t, bounds.size()> counts_{};
  std::uint64_t count_ = 0;
  double sum_ = 0;
};

class metrics {
 public:
  void turn(const std::string& outcome_level, double latency_seconds);  // "none" before an outcome
  void red_flag(const std::string& id);
  void error(const std::string& code);
  void store_commit(double seconds);
  void rules_loaded(const std::string& version);

  std::string render(std::size_t connections) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::uint64_t> turns_;
  std::map<std::string, std::uint64_t> red_flags_;
  std::map<std::string, std::uint64_t> errors_;
  histogram turn_latency_;
  histogram commit_latency_;
  std::string rules_version_;
};

}  // namespace triagebot::server
