#include "server/metrics.hpp"

#include <fmt/format.h>

namespace triagebot::server {
namespace {

std::string escape_label(const std::string& value) {
  std::string out;
  for (const char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

void render_counter(std::string& out, const std::string& name, const std::string& help, const std::string& label,
                    const std::map<std::string, std::uint64_t>& values) {
  out += fmt::format("# HELP {} {}\n# TYPE {} counter\n", name, help, name);
  for (const auto& [key, n] : values) out += fmt::format("{}{{{}=\"{}\"}} {}\n", name, label, escape_label(key), n);
}

}  // namespace

void histogram::observe(double value) {
  for (std::size_t i = 0; i < bounds_.size(); ++i)
    if (value <= bounds_[i]) ++counts_[i];
  ++count_;
  sum_ += value;
}

void histogram::render(std::string& out, const std::string& name, const std::string& help) const {
  out += fmt::format("# HELP {} {}\n# TYPE {} histogram\n", name, help, name);
  for (std::size_t i = 0; i < bounds_.size(); ++i) out += fmt::format("{}_bucket{{le=\"{}\"}} {}\n", name, bounds_[i], counts_[i]);
  out += fmt::format("{}_bucket{{le=\"+Inf\"}} {}\n{}_sum {}\n{}_count {}\n", name, count_, name, sum_, name, count_);
}

void metrics::turn(const std::string& outcome_level, double latency_seconds) {
  const std::lock_guard lock(mutex_);
  ++turns_[outcome_level];
  turn_latency_.observe(latency_seconds);
}

void metrics::red_flag(const std::string& id) {
  const std::lock_guard lock(mutex_);
  ++red_flags_[id];
}

void metrics::error(const std::string& code) {
  const std::lock_guard lock(mutex_);
  ++errors_[code];
}

void metrics::store_commit(double seconds) {
  const std::lock_guard lock(mutex_);
  commit_latency_.observe(seconds);
}

void metrics::store_transaction(double seconds, std::size_t batch_size) {
  const std::lock_guard lock(mutex_);
  transaction_seconds_.observe(seconds);
  batch_size_.observe(static_cast<double>(batch_size));
}

void metrics::rules_loaded(const std::string& version) {
  const std::lock_guard lock(mutex_);
  rules_version_ = version;
}

std::string metrics::render(std::size_t connections) const {
  const std::lock_guard lock(mutex_);
  std::string out;
  out += fmt::format("# HELP triagebot_connections Open client connections.\n# TYPE triagebot_connections gauge\n"
                     "triagebot_connections {}\n",
                     connections);
  render_counter(out, "triagebot_turns_total", "Conversation turns answered, by the outcome level standing after the turn.",
                 "outcome", turns_);
  render_counter(out, "triagebot_red_flags_total", "Red flags found, by id.", "id", red_flags_);
  render_counter(out, "triagebot_errors_total", "Error frames sent, by code.", "code", errors_);
  turn_latency_.render(out, "triagebot_turn_latency_seconds", "Time from a client frame to its reply, store commit included.");
  commit_latency_.render(out, "triagebot_store_commit_latency_seconds",
                         "Time a turn waited for the store to make its write durable, from handing it over to the "
                         "store's answer (waiting behind the batch in progress included).");
  transaction_seconds_.render(out, "triagebot_store_transaction_seconds",
                              "Duration of each store transaction (one batch of turns, BEGIN to the end of COMMIT); "
                              "SQLite store only.");
  batch_size_.render(out, "triagebot_store_batch_size", "Turns written per store transaction (group commit); SQLite store only.");
  out += fmt::format("# HELP triagebot_rules_info The rules version in use.\n# TYPE triagebot_rules_info gauge\n"
                     "triagebot_rules_info{{version=\"{}\"}} 1\n",
                     escape_label(rules_version_));
  return out;
}

}  // namespace triagebot::server
