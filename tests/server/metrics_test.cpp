// The /metrics text: the store's transaction and batch-size histograms next to the per-turn commit
// latency, and counts that add up when the writer thread and io threads report at once.
#include "server/metrics.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace triagebot::server {
namespace {

bool has(const std::string& text, const std::string& line) { return text.find(line) != std::string::npos; }

TEST(Metrics, StoreTransactionsFillTheDurationAndBatchSizeHistograms) {
  metrics m;
  m.store_transaction(0.0004, 1);
  m.store_transaction(0.002, 3);
  m.store_transaction(0.03, 40);
  const auto text = m.render(0);
  EXPECT_TRUE(has(text, "# TYPE triagebot_store_transaction_seconds histogram\n")) << text;
  EXPECT_TRUE(has(text, "triagebot_store_transaction_seconds_bucket{le=\"0.0005\"} 1\n")) << text;
  EXPECT_TRUE(has(text, "triagebot_store_transaction_seconds_bucket{le=\"0.0025\"} 2\n")) << text;
  EXPECT_TRUE(has(text, "triagebot_store_transaction_seconds_bucket{le=\"+Inf\"} 3\n")) << text;
  EXPECT_TRUE(has(text, "triagebot_store_transaction_seconds_count 3\n")) << text;
  EXPECT_TRUE(has(text, "# TYPE triagebot_store_batch_size histogram\n")) << text;
  EXPECT_TRUE(has(text, "triagebot_store_batch_size_bucket{le=\"1\"} 1\n")) << text;
  EXPECT_TRUE(has(text, "triagebot_store_batch_size_bucket{le=\"2\"} 1\n")) << text;
  EXPECT_TRUE(has(text, "triagebot_store_batch_size_bucket{le=\"4\"} 2\n")) << text;
  EXPECT_TRUE(has(text, "triagebot_store_batch_size_bucket{le=\"32\"} 2\n")) << text;
  EXPECT_TRUE(has(text, "triagebot_store_batch_size_bucket{le=\"64\"} 3\n")) << text;
  EXPECT_TRUE(has(text, "triagebot_store_batch_size_sum 44\n")) << text;
  EXPECT_TRUE(has(text, "triagebot_store_batch_size_count 3\n")) << text;
  // The per-turn latency is a different measure and says so.
  EXPECT_TRUE(has(text, "triagebot_store_commit_latency_seconds_count 0\n")) << text;
  EXPECT_TRUE(has(text, "# HELP triagebot_store_commit_latency_seconds Time a turn waited")) << text;
}

TEST(Metrics, ConcurrentReportsAreAllCounted) {
  metrics m;
  constexpr int per_thread = 2000;
  std::vector<std::thread> threads;
  threads.emplace_back([&] {
    for (int i = 0; i < per_thread; ++i) m.store_transaction(0.001, 2);
  });
  for (int t = 0; t < 2; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < per_thread; ++i) {
        m.store_commit(0.001);
        m.turn("none", 0.002);
        if (i % 100 == 0) m.render(1);
      }
    });
  for (auto& t : threads) t.join();
  const auto text = m.render(0);
  EXPECT_TRUE(has(text, "triagebot_store_transaction_seconds_count 2000\n")) << text;
  EXPECT_TRUE(has(text, "triagebot_store_batch_size_sum 4000\n")) << text;
  EXPECT_TRUE(has(text, "triagebot_store_commit_latency_seconds_count 4000\n")) << text;
  EXPECT_TRUE(has(text, "triagebot_turns_total{outcome=\"none\"} 4000\n")) << text;
}

}  // namespace
}  // namespace triagebot::server
