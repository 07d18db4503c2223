// Unit tests for bench/latency_histogram.hpp: the bucket layout is continuous and tight, and
// quantiles are within the promised 1/32 of the true value.
#include "../../bench/latency_histogram.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

namespace triagebot::bench {
namespace {

TEST(BenchLatencyHistogram, BucketsAreContinuousAndEachValueLiesInItsBucket) {
  std::size_t previous = 0;
  for (std::uint64_t v = 0; v < 200000; ++v) {
    const auto i = latency_histogram::index_of(v);
    ASSERT_LT(i, latency_histogram::bucket_count);
    ASSERT_TRUE(i == previous || i == previous + 1) << v;  // no gaps, never backwards
    ASSERT_LE(v, latency_histogram::upper_edge(i)) << v;
    if (i > 0) {
      ASSERT_GT(v, latency_histogram::upper_edge(i - 1)) << v;
    }
    previous = i;
  }
  // The largest values still fit.
  const auto top = latency_histogram::index_of(UINT64_MAX);
  EXPECT_EQ(top, latency_histogram::bucket_count - 1);
  EXPECT_EQ(latency_histogram::upper_edge(top), UINT64_MAX);
}

TEST(BenchLatencyHistogram, BucketWidthIsWithinOneThirtySecondOfTheValue) {
  for (std::uint64_t v : {70ull, 1000ull, 123456ull, 987654321ull, 3600000000000ull}) {
    const auto i = latency_histogram::index_of(v);
    const double width = static_cast<double>(latency_histogram::upper_edge(i) - latency_histogram::upper_edge(i - 1));
    EXPECT_LE(width / static_cast<double>(v), 1.0 / 32) << v;
  }
}

TEST(BenchLatencyHistogram, QuantilesMatchTheSortedValues) {
  std::mt19937_64 random(7);
  std::lognormal_distribution<double> latency(12.0, 1.0);  // around 160 µs, long tail
  std::vector<std::uint64_t> values;
  latency_histogram h;
  for (int i = 0; i < 100000; ++i) {
    const auto v = static_cast<std::uint64_t>(latency(random));
    values.push_back(v);
    h.record(v);
  }
  std::sort(values.begin(), values.end());
  EXPECT_EQ(h.count(), values.size());
  EXPECT_EQ(h.max(), values.back());
  EXPECT_EQ(h.min(), values.front());
  for (double q : {0.5, 0.9, 0.99, 0.999}) {
    const auto exact = values[static_cast<std::size_t>(q * static_cast<double>(values.size())) - 1];
    const auto got = h.quantile(q);
    EXPECT_GE(got, exact) << q;  // the bucket's upper edge: never optimistic
    EXPECT_LE(static_cast<double>(got), static_cast<double>(exact) * (1.0 + 1.0 / 32)) << q;
  }
  EXPECT_EQ(h.quantile(1.0), values.back());
}

TEST(BenchLatencyHistogram, EmptyAndMerged) {
  latency_histogram a, b;
  EXPECT_EQ(a.quantile(0.99), 0u);
  EXPECT_EQ(a.max(), 0u);
  EXPECT_EQ(a.mean(), 0.0);
  for (std::uint64_t v = 1; v <= 100; ++v) a.record(v);
  for (std::uint64_t v = 1001; v <= 1100; ++v) b.record(v);
  a.merge(b);
  EXPECT_EQ(a.count(), 200u);
  EXPECT_EQ(a.max(), 1100u);
  EXPECT_EQ(a.min(), 1u);
  EXPECT_DOUBLE_EQ(a.mean(), (5050.0 + 105050.0) / 200.0);
  // The 100th value is 100: its bucket's upper edge, within 1/32.
  EXPECT_GE(a.quantile(0.5), 100u);
  EXPECT_LE(a.quantile(0.5), 103u);
  EXPECT_GE(a.quantile(0.51), 1001u);
}

}  // namespace
}  // namespace triagebot::bench
