// Unit tests for store/versioned_cache: bounded LRU, expiry, and never replacing a newer version.
#include "store/versioned_cache.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace triagebot::store {
namespace {

using cache = versioned_cache<std::string>;

cache::entry item(const std::string& value, std::uint64_t version, std::int64_t expires_ms = 1000) {
  return cache::entry{std::make_shared<const std::string>(value), version, 1, expires_ms};
}

TEST(StoreVersionedCache, FindsWhatWasRemembered) {
  cache c(4);
  EXPECT_FALSE(c.find("a", 0).has_value());
  c.remember("a", item("state a", 3));
  const auto found = c.find("a", 0);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(*found->value, "state a");
  EXPECT_EQ(found->version, 3u);
  EXPECT_EQ(found->created_ms, 1);
  EXPECT_EQ(found->expires_ms, 1000);
}

TEST(StoreVersionedCache, ANewerVersionReplacesAnOlderOneNeverTheOtherWay) {
  cache c(4);
  c.remember("a", item("v2", 2));
  c.remember("a", item("v5", 5));
  EXPECT_EQ(*c.find("a", 0)->value, "v5");
  c.remember("a", item("v4 read before v5 was written", 4));
  EXPECT_EQ(*c.find("a", 0)->value, "v5");
  EXPECT_EQ(c.find("a", 0)->version, 5u);
  EXPECT_EQ(c.size(), 1u);
}

TEST(StoreVersionedCache, AnExpiredEntryIsNotFoundAndIsDropped) {
  cache c(4);
  c.remember("a", item("x", 1, 500));
  EXPECT_TRUE(c.find("a", 499).has_value());
  EXPECT_FALSE(c.find("a", 500).has_value());
  EXPECT_EQ(c.size(), 0u);
}

TEST(StoreVersionedCache, EvictsTheLeastRecentlyUsedWhenFull) {
  cache c(3);
  c.remember("a", item("a", 1));
  c.remember("b", item("b", 1));
  c.remember("c", item("c", 1));
  ASSERT_TRUE(c.find("a", 0).has_value());  // a is now the most recently used; b the least
  c.remember("d", item("d", 1));
  EXPECT_EQ(c.size(), 3u);
  EXPECT_FALSE(c.find("b", 0).has_value());
  EXPECT_TRUE(c.find("a", 0).has_value());
  EXPECT_TRUE(c.find("c", 0).has_value());
  EXPECT_TRUE(c.find("d", 0).has_value());
  // Updating an entry also makes it the most recently used.
  c.remember("a", item("a2", 2));  // order now: a, d, c
  c.remember("e", item("e", 1));   // evicts c
  EXPECT_FALSE(c.find("c", 0).has_value());
  EXPECT_EQ(*c.find("a", 0)->value, "a2");
}

TEST(StoreVersionedCache, ForgetRemovesAndUnknownKeysAreHarmless) {
  cache c(2);
  c.remember("a", item("a", 1));
  c.forget("a");
  c.forget("never there");
  EXPECT_FALSE(c.find("a", 0).has_value());
  EXPECT_EQ(c.size(), 0u);
  // After a forget an older version may come back (it is what the store holds now).
  c.remember("a", item("a", 1));
  EXPECT_TRUE(c.find("a", 0).has_value());
}

TEST(StoreVersionedCache, ZeroCapacityKeepsNothingAndNullValuesAreRefused) {
  cache none(0);
  none.remember("a", item("a", 1));
  EXPECT_FALSE(none.find("a", 0).has_value());
  cache c(2);
  c.remember("a", cache::entry{nullptr, 1, 0, 1000});
  EXPECT_FALSE(c.find("a", 0).has_value());
}

TEST(StoreVersionedCache, AFoundValueOutlivesItsEviction) {
  cache c(1);
  c.remember("a", item("kept by the reader", 1));
  const auto found = c.find("a", 0);
  c.remember("b", item("b", 1));  // evicts a
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(*found->value, "kept by the reader");
}

TEST(StoreVersionedCache, ManyThreadsKeepItConsistent) {
  cache c(64);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&c, t] {
      for (int i = 0; i < 2000; ++i) {
        const std::string key = "k" + std::to_string((i * 7 + t) % 100);
        c.remember(key, item(key, static_cast<std::uint64_t>(i)));
        if (const auto found = c.find(key, 0)) {
          EXPECT_EQ(*found->value, key);
        }
        if (i % 13 == 0) c.forget(key);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_LE(c.size(), 64u);
}

}  // namespace
}  // namespace triagebot::store
