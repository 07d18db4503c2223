// Unit tests for store::memory_store beyond the shared contract (store_contract_test.cpp).
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "store/memory_store.hpp"
#include "store_test_support.hpp"

namespace triagebot::store {
namespace {

using testing::make_request;
using testing::put_and_wait;

TEST(StoreMemory, DoneRunsSynchronouslyOnTheCallingThread) {
  memory_store store;
  bool called = false;
  std::thread::id where;
  store.put(make_request("sync", 0, 1, 1000), [&](put_result r) {
    EXPECT_EQ(r.status, put_status::ok);
    called = true;
    where = std::this_thread::get_id();
  });
  EXPECT_TRUE(called);  // before put() returned
  EXPECT_EQ(where, std::this_thread::get_id());
}

TEST(StoreMemory, ConcurrentPutsAndReadsAreSafe) {
  memory_store store;
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      const std::string token = "thread-" + std::to_string(t);
      std::uint64_t version = 0;
      for (int turn = 1; turn <= 50; ++turn) {
        const put_result r = put_and_wait(store, make_request(token, version, turn, 1000 + turn));
        if (r.status == put_status::ok) ++ok;
        version = r.version;
        (void)store.get(sha256_hex(token), 1000);
        (void)store.transcript(sha256_hex("thread-0"));
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 400);
  for (int t = 0; t < 8; ++t) {
    const auto got = store.get(sha256_hex("thread-" + std::to_string(t)), 1000);
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->version, 50u);
    EXPECT_EQ(store.transcript(sha256_hex("thread-" + std::to_string(t))).size(), 50u);
  }
}

TEST(StoreMemory, EraseOfATranscriptWithoutSessionCounts) {
  memory_store store;
  ASSERT_EQ(put_and_wait(store, make_request("x", 0, 1, 1000, 10)).status, put_status::ok);
  EXPECT_EQ(store.expire(5000, 0), 1u);  // the session goes, its transcript stays
  EXPECT_EQ(store.transcript(sha256_hex("x")).size(), 1u);
  EXPECT_TRUE(store.erase(sha256_hex("x")));
  EXPECT_TRUE(store.transcript(sha256_hex("x")).empty());
}

}  // namespace
}  // namespace triagebot::store
