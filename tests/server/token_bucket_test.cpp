#include "server/token_bucket.hpp"

#include <gtest/gtest.h>

namespace triagebot::server {
namespace {

TEST(TokenBucket, BurstThenRateAndRetryAfter) {
  const auto t0 = token_bucket::clock::now();
  token_bucket b(5.0, 3.0, t0);
  EXPECT_TRUE(b.take(t0));
  EXPECT_TRUE(b.take(t0));
  EXPECT_TRUE(b.take(t0));
  EXPECT_FALSE(b.take(t0));
  EXPECT_EQ(b.retry_after_ms(t0), 200);
  EXPECT_TRUE(b.take(t0 + std::chrono::milliseconds(200)));
  EXPECT_FALSE(b.take(t0 + std::chrono::milliseconds(200)));
}

}  // namespace
}  // namespace triagebot::server
