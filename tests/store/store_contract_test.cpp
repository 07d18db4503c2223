// The session_store contract, run against both implementations: memory_store and sqlite_store.
#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/memory_store.hpp"
#include "store/sqlite_store.hpp"
#include "store_test_support.hpp"

namespace triagebot::store {
namespace {

using testing::make_request;
using testing::put_and_wait;
using testing::temp_dir;

struct memory_kind {
  static std::unique_ptr<session_store> make(const temp_dir&) { return std::make_unique<memory_store>(); }
};
struct sqlite_kind {
  static std::unique_ptr<session_store> make(const temp_dir& dir) {
    return std::make_unique<sqlite_store>(dir.file("sessions.db"));
  }
};

template <typename Kind>
class StoreContract : public ::testing::Test {
 protected:
  temp_dir dir_;
  std::unique_ptr<session_store> store_ = Kind::make(dir_);
};

struct kind_names {
  template <typename Kind>
  static std::string GetName(int) {
    return std::is_same_v<Kind, memory_kind> ? "Memory" : "Sqlite";
  }
};
using store_kinds = ::testing::Types<memory_kind, sqlite_kind>;
TYPED_TEST_SUITE(StoreContract, store_kinds, kind_names);

TYPED_TEST(StoreContract, PutThenGetRoundTripsEveryField) {
  session_store& store = *this->store_;
  put_request r = make_request("alpha", 0, 1, 5000);
  r.session.state_json = R"({"answers":{"pain":"yes"},"note":"é ü 'quoted'; DROP TABLE sessions; --"})";
  r.session.rules_version = "2026.11-r3";
  r.session.created_ms = 4321;
  r.session.updated_ms = 5000;
  r.session.expires_ms = 9'000'000'000'000;
  r.session.version = 77;  // ignored
  const put_result first = put_and_wait(store, r);
  ASSERT_EQ(first.status, put_status::ok) << first.error;
  EXPECT_EQ(first.version, 1u);

  const auto got = store.get(sha256_hex("alpha"), 6000);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->state_json, r.session.state_json);
  EXPECT_EQ(got->rules_version, "2026.11-r3");
  EXPECT_EQ(got->created_ms, 4321);
  EXPECT_EQ(got->updated_ms, 5000);
  EXPECT_EQ(got->expires_ms, 9'000'000'000'000);
  EXPECT_EQ(got->version, 1u);

  put_request next = make_request("alpha", 1, 2, 7000);
  next.session.state_json = R"({"answers":{}})";
  const put_result second = put_and_wait(store, next);
  ASSERT_EQ(second.status, put_status::ok) << second.error;
  EXPECT_EQ(second.version, 2u);
  const auto again = store.get(sha256_hex("alpha"), 7000);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->state_json, R"({"answers":{}})");
  EXPECT_EQ(again->updated_ms, 7000);
  EXPECT_EQ(again->version, 2u);

  const auto entries = store.transcript(sha256_hex("alpha"));
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].turn, 1);
  EXPECT_EQ(entries[0].in_frame, r.entry.in_frame);
  EXPECT_EQ(entries[0].out_frame, r.entry.out_frame);
  EXPECT_EQ(entries[0].at_ms, 5000);
}

TYPED_TEST(StoreContract, UnknownSessionIsNotFound) {
  EXPECT_FALSE(this->store_->get(sha256_hex("nobody"), 0).has_value());
  EXPECT_TRUE(this->store_->transcript(sha256_hex("nobody")).empty());
}

TYPED_TEST(StoreContract, StaleExpectedVersionConflictsAndChangesNothing) {
  session_store& store = *this->store_;
  ASSERT_EQ(put_and_wait(store, make_request("s", 0, 1, 1000)).status, put_status::ok);
  ASSERT_EQ(put_and_wait(store, make_request("s", 1, 2, 2000)).status, put_status::ok);

  put_request stale = make_request("s", 1, 3, 3000);
  stale.session.state_json = "stale";
  const put_result r = put_and_wait(store, stale);
  EXPECT_EQ(r.status, put_status::conflict);
  put_request again_new = make_request("s", 0, 1, 3000);  // "new" while a live session exists
  EXPECT_EQ(put_and_wait(store, again_new).status, put_status::conflict);
  put_request ahead = make_request("s", 9, 3, 3000);  // a version never stored
  EXPECT_EQ(put_and_wait(store, ahead).status, put_status::conflict);

  const auto got = store.get(sha256_hex("s"), 3000);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->version, 2u);
  EXPECT_NE(got->state_json, "stale");
  EXPECT_EQ(got->updated_ms, 2000);
  EXPECT_EQ(store.transcript(sha256_hex("s")).size(), 2u);
}

TYPED_TEST(StoreContract, RacingPutsWithTheSameVersionLetOnlyTheFirstThrough) {
  session_store& store = *this->store_;
  ASSERT_EQ(put_and_wait(store, make_request("race", 0, 1, 1000)).status, put_status::ok);
  // Both queued before either is written (with sqlite_store: usually the same batch).
  std::promise<put_result> first_promise;
  std::promise<put_result> second_promise;
  store.put(make_request("race", 1, 2, 2000), [&](put_result r) { first_promise.set_value(std::move(r)); });
  store.put(make_request("race", 1, 2, 2001), [&](put_result r) { second_promise.set_value(std::move(r)); });
  const put_result first = first_promise.get_future().get();
  const put_result second = second_promise.get_future().get();
  EXPECT_EQ(first.status, put_status::ok);
  EXPECT_EQ(first.version, 2u);
  EXPECT_EQ(second.status, put_status::conflict);
  const auto got = store.get(sha256_hex("race"), 2000);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->updated_ms, 2000);
  EXPECT_EQ(store.transcript(sha256_hex("race")).size(), 2u);
}

TYPED_TEST(StoreContract, ExpiredSessionsAreNotReturned) {
  session_store& store = *this->store_;
  ASSERT_EQ(put_and_wait(store, make_request("idle", 0, 1, 1000, 500)).status, put_status::ok);  // expires at 1500
  EXPECT_TRUE(store.get(sha256_hex("idle"), 1499).has_value());
  EXPECT_FALSE(store.get(sha256_hex("idle"), 1500).has_value());
  EXPECT_FALSE(store.get(sha256_hex("idle"), 99'999).has_value());
}

TYPED_TEST(StoreContract, ExpireRemovesIdleSessionsAndOldTranscriptEntries) {
  session_store& store = *this->store_;
  ASSERT_EQ(put_and_wait(store, make_request("old", 0, 1, 100, 900)).status, put_status::ok);  // expires 1000
  ASSERT_EQ(put_and_wait(store, make_request("old", 1, 2, 200, 800)).status, put_status::ok);  // expires 1000
  ASSERT_EQ(put_and_wait(store, make_request("live", 0, 1, 3000, 2000)).status, put_status::ok);  // expires 5000

  EXPECT_EQ(store.expire(2000, 150), 1u);
  EXPECT_FALSE(store.get(sha256_hex("old"), 0).has_value());  // gone, not just hidden
  EXPECT_TRUE(store.get(sha256_hex("live"), 2000).has_value());
  const auto old_entries = store.transcript(sha256_hex("old"));  // kept until they are old themselves
  ASSERT_EQ(old_entries.size(), 1u);
  EXPECT_EQ(old_entries[0].at_ms, 200);
  EXPECT_EQ(store.transcript(sha256_hex("live")).size(), 1u);

  EXPECT_EQ(store.expire(2000, 10'000), 0u);
  EXPECT_TRUE(store.transcript(sha256_hex("old")).empty());
  EXPECT_TRUE(store.transcript(sha256_hex("live")).empty());
  EXPECT_TRUE(store.get(sha256_hex("live"), 2000).has_value());
}

TYPED_TEST(StoreContract, AnExpiredKeyCanStartANewConversation) {
  session_store& store = *this->store_;
  ASSERT_EQ(put_and_wait(store, make_request("sender", 0, 1, 1000, 500)).status, put_status::ok);
  // Not yet expired at the new turn's time: "new" conflicts.
  EXPECT_EQ(put_and_wait(store, make_request("sender", 0, 1, 1400)).status, put_status::conflict);
  // Expired (not yet purged): a new conversation replaces it; versions keep counting up.
  const put_result r = put_and_wait(store, make_request("sender", 0, 1, 2000));
  ASSERT_EQ(r.status, put_status::ok) << r.error;
  EXPECT_EQ(r.version, 2u);
  const auto got = store.get(sha256_hex("sender"), 2000);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->updated_ms, 2000);
}

TYPED_TEST(StoreContract, EraseRemovesSessionAndTranscript) {
  session_store& store = *this->store_;
  ASSERT_EQ(put_and_wait(store, make_request("gone", 0, 1, 1000)).status, put_status::ok);
  ASSERT_EQ(put_and_wait(store, make_request("gone", 1, 2, 1100)).status, put_status::ok);
  ASSERT_EQ(put_and_wait(store, make_request("kept", 0, 1, 1000)).status, put_status::ok);

  EXPECT_TRUE(store.erase(sha256_hex("gone")));
  EXPECT_FALSE(store.get(sha256_hex("gone"), 1100).has_value());
  EXPECT_TRUE(store.transcript(sha256_hex("gone")).empty());
  EXPECT_FALSE(store.erase(sha256_hex("gone")));
  EXPECT_FALSE(store.erase(sha256_hex("never")));
  EXPECT_TRUE(store.get(sha256_hex("kept"), 1100).has_value());
  EXPECT_EQ(store.transcript(sha256_hex("kept")).size(), 1u);
  // A put holding the erased version cannot bring it back.
  EXPECT_EQ(put_and_wait(store, make_request("gone", 2, 3, 1200)).status, put_status::conflict);
  EXPECT_FALSE(store.get(sha256_hex("gone"), 1200).has_value());
}

TYPED_TEST(StoreContract, TranscriptIsInTurnOrder) {
  session_store& store = *this->store_;
  for (int turn = 1; turn <= 6; ++turn) {
    const put_result r = put_and_wait(store, make_request("talk", static_cast<std::uint64_t>(turn - 1), turn, 1000 + turn));
    ASSERT_EQ(r.status, put_status::ok) << r.error;
  }
  ASSERT_EQ(put_and_wait(store, make_request("other", 0, 1, 1000)).status, put_status::ok);
  const auto entries = store.transcript(sha256_hex("talk"));
  ASSERT_EQ(entries.size(), 6u);
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(entries[static_cast<std::size_t>(i)].turn, i + 1);
    EXPECT_EQ(entries[static_cast<std::size_t>(i)].out_frame, make_request("talk", 0, i + 1, 0).entry.out_frame);
  }
}

TYPED_TEST(StoreContract, FlushWaitsForEveryQueuedPut) {
  session_store& store = *this->store_;
  std::atomic<int> finished{0};
  std::atomic<int> ok{0};
  for (int i = 0; i < 100; ++i) {
    store.put(make_request("flush-" + std::to_string(i), 0, 1, 1000), [&](put_result r) {
      if (r.status == put_status::ok) ++ok;
      ++finished;
    });
  }
  store.flush();
  EXPECT_EQ(finished.load(), 100);
  EXPECT_EQ(ok.load(), 100);
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(store.get(sha256_hex("flush-" + std::to_string(i)), 1000).has_value());
}

TYPED_TEST(StoreContract, DoneMayPutAgain) {
  session_store& store = *this->store_;
  std::promise<put_result> chained;
  store.put(make_request("chain", 0, 1, 1000), [&](put_result first) {
    EXPECT_EQ(first.status, put_status::ok);
    store.put(make_request("chain", first.version, 2, 1001), [&](put_result second) { chained.set_value(second); });
  });
  const put_result second = chained.get_future().get();
  EXPECT_EQ(second.status, put_status::ok);
  EXPECT_EQ(second.version, 2u);
}

TYPED_TEST(StoreContract, ReplyAtFindsTheFrameSentAtATurn) {
  session_store& store = *this->store_;
  ASSERT_EQ(put_and_wait(store, make_request("alpha", 0, 1, 5000)).status, put_status::ok);
  ASSERT_EQ(put_and_wait(store, make_request("alpha", 1, 2, 5001)).status, put_status::ok);
  ASSERT_EQ(put_and_wait(store, make_request("beta", 0, 1, 5002)).status, put_status::ok);
  EXPECT_EQ(store.reply_at(sha256_hex("alpha"), 1), std::optional<std::string>(R"({"type":"reply","turn":1})"));
  EXPECT_EQ(store.reply_at(sha256_hex("alpha"), 2), std::optional<std::string>(R"({"type":"reply","turn":2})"));
  EXPECT_FALSE(store.reply_at(sha256_hex("alpha"), 3).has_value());
  EXPECT_FALSE(store.reply_at(sha256_hex("nobody"), 1).has_value());
  // The latest entry for a turn wins (a key reused by a new conversation after expiry).
  put_request again = make_request("beta", 0, 1, 5002 + testing::day_ms);
  again.entry.out_frame = R"({"type":"reply","turn":1,"again":true})";
  ASSERT_EQ(put_and_wait(store, again).status, put_status::ok);
  EXPECT_EQ(store.reply_at(sha256_hex("beta"), 1), std::optional<std::string>(again.entry.out_frame));
  // Erased with the session.
  ASSERT_TRUE(store.erase(sha256_hex("alpha")));
  EXPECT_FALSE(store.reply_at(sha256_hex("alpha"), 1).has_value());
}

TYPED_TEST(StoreContract, HealthyOnAGoodStore) {
  EXPECT_TRUE(this->store_->healthy());
  ASSERT_EQ(put_and_wait(*this->store_, make_request("h", 0, 1, 1000)).status, put_status::ok);
  EXPECT_TRUE(this->store_->healthy());
}

}  // namespace
}  // namespace triagebot::store
