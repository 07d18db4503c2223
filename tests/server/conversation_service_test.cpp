// Unit tests for server/conversation_service: one turn = state (cached or read) -> engine -> store
// -> reply, and the cache of parsed states never serves a conversation the store no longer holds
// as it is: not after another instance wrote it, not after an erase, not across a restart.
#include "server/conversation_service.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "rules/rules_loader.hpp"
#include "server/server_log.hpp"
#include "store/memory_store.hpp"
#include "store/sqlite_store.hpp"
#include "../store/store_test_support.hpp"

namespace triagebot::server {
namespace {

using json = nlohmann::json;

std::shared_ptr<const rules::rule_set> shipped_rules() {
  static const auto rules = rules::load_rules(TRIAGEBOT_RULES_DIR).rules;
  return rules;
}

// A memory store that counts reads, so a test can tell a cached turn from one that read the store.
class counting_store : public store::session_store {
 public:
  std::optional<store::stored_session> get(const std::string& h, std::int64_t now) override {
    ++gets;
    return inner.get(h, now);
  }
  void put(store::put_request r, std::function<void(store::put_result)> done) override { inner.put(std::move(r), std::move(done)); }
  bool erase(const std::string& h) override { return inner.erase(h); }
  std::size_t expire(std::int64_t now, std::int64_t cutoff) override { return inner.expire(now, cutoff); }
  std::vector<store::transcript_entry> transcript(const std::string& h) override { return inner.transcript(h); }
  bool healthy() override { return true; }
  void flush() override {}

  store::memory_store inner;
  std::atomic<int> gets{0};
};

// One server instance's conversation service over a shared store.
struct instance {
  instance(store::session_store& s, std::size_t cache_capacity = 100) : catalog(shipped_rules()) {
    set_log_level(log_level::off);
    config.max_connections = cache_capacity;
    service = std::make_unique<conversation_service>(s, catalog, stats, config);
  }

  // Runs one frame for a connection holding `token`; the store must answer before returning (the
  // memory store does; the SQLite store's writer thread is waited for).
  turn_reply say(const std::string& token, const std::string& frame) {
    std::promise<turn_reply> promise;
    auto future = promise.get_future();
    service->turn(token, frame, [&promise](turn_reply r) { promise.set_value(std::move(r)); });
    return future.get();
  }

  server_config config;
  rules_catalog catalog;
  metrics stats;
  std::unique_ptr<conversation_service> service;
};

std::string msg(const std::string& text, const std::string& id = "") {
  json f = {{"type", "message"}, {"text", text}};
  if (!id.empty()) f["id"] = id;
  return f.dump();
}

json frame_of(const turn_reply& r) { return json::parse(r.frame); }

TEST(ServerConversationService, ALiveConversationRunsOnTheCachedStateWithoutReadingTheStore) {
  counting_store s;
  instance a(s);
  auto r = a.say("", R"({"type":"start"})");
  ASSERT_FALSE(r.is_error) << r.frame;
  const auto token = r.session_token;
  EXPECT_EQ(a.service->cached_states(), 1u);
  const int reads_after_start = s.gets;
  r = a.say(token, msg("my lower back hurts"));
  r = a.say(token, msg("2 weeks"));
  ASSERT_FALSE(r.is_error) << r.frame;
  EXPECT_EQ(frame_of(r)["turn"], 3);
  EXPECT_EQ(s.gets, reads_after_start) << "a cached turn read the store";
  // What the store holds is what the cache served: a fresh instance resumes at the same point.
  instance b(s);
  const auto resumed = frame_of(b.say("", json{{"type", "start"}, {"session", token}}.dump()));
  EXPECT_EQ(resumed["resumed"], true);
  EXPECT_EQ(resumed["turn"], 4);
}

TEST(ServerConversationService, CachedAndUncachedServicesGiveTheSameReplies) {
  counting_store s1, s2;
  instance cached(s1, 100), uncached(s2, 0);
  const std::vector<std::string> frames{R"({"type":"start"})", msg("my lower back hurts", "a"), msg("about 2 weeks", "b"),
                                        msg("6"), msg("worse"), msg("44"), msg("saddle", "c"), msg("saddle", "c")};
  std::string t1, t2;
  for (const auto& f : frames) {
    const auto a = cached.say(t1, f);
    const auto b = uncached.say(t2, f);
    t1 = a.session_token;
    t2 = b.session_token;
    auto fa = frame_of(a), fb = frame_of(b);
    fa.erase("session");
    fb.erase("session");
    EXPECT_EQ(fa.dump(), fb.dump()) << f;
  }
  EXPECT_EQ(uncached.service->cached_states(), 0u);
}

TEST(ServerConversationService, AResumeFromTheStoreShowsTheWholeHistory) {
  // The saved state keeps the bot's messages as references to the transcript; a service that has
  // not cached the conversation (a reconnect to another instance) puts the texts back from there.
  counting_store s;
  instance first(s), second(s);
  std::string token;
  for (const auto& f : {std::string(R"({"type":"start"})"), msg("my lower back hurts"), msg("about 2 weeks"), msg("6")})
    token = first.say(token, f).session_token;
  const std::string resume = json{{"type", "start"}, {"session", token}}.dump();
  auto from_cache = frame_of(first.say(token, resume));
  auto from_store = frame_of(second.say("", resume));
  ASSERT_TRUE(from_store["resumed"].get<bool>());
  const auto& history = from_store.at("history");
  ASSERT_GE(history.size(), 6u);
  for (const auto& h : history) EXPECT_FALSE(h.at("text").get<std::string>().empty()) << h.dump();
  from_cache.erase("turn");
  from_store.erase("turn");
  EXPECT_EQ(from_store.dump(), from_cache.dump());
  // What the store keeps is the slim state: no bot text in its history.
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch());
  const auto stored = s.inner.get(store::sha256_hex(token), now.count());
  ASSERT_TRUE(stored.has_value());
  const auto saved = json::parse(stored->state_json);
  for (const auto& h : saved.at("history"))
    if (h.at("from") == "bot") {
      EXPECT_FALSE(h.contains("text")) << h.dump();
    }
}

TEST(ServerConversationService, AStaleCacheAfterAnotherInstanceWroteIsDetectedAndTheTurnRedone) {
  counting_store s;
  instance a(s), b(s);
  const auto token = a.say("", R"({"type":"start"})").session_token;
  a.say(token, msg("my lower back hurts"));  // turn 2, cached in a
  // Another instance resumes the conversation and answers a question: turns 3 and 4.
  b.say("", json{{"type", "start"}, {"session", token}}.dump());
  const auto on_b = frame_of(b.say(token, msg("2 weeks")));
  ASSERT_EQ(on_b["turn"], 4);
  // a's cache still holds turn 2: its put conflicts, it reads the store and redoes the turn.
  const int reads = s.gets;
  const auto r = a.say(token, msg("6"));
  ASSERT_FALSE(r.is_error) << r.frame;
  EXPECT_EQ(frame_of(r)["turn"], 5);
  EXPECT_GT(s.gets, reads);
  // The duration b recorded survived: the next question is not the duration question again.
  EXPECT_NE(frame_of(r)["input"].value("slot", ""), "duration_days");
}

TEST(ServerConversationService, EraseDropsTheCachedStateToo) {
  counting_store s;
  instance a(s);
  const auto token = a.say("", R"({"type":"start"})").session_token;
  a.say(token, msg("my lower back hurts"));
  ASSERT_EQ(a.service->cached_states(), 1u);
  EXPECT_TRUE(a.service->erase(store::sha256_hex(token)));
  EXPECT_EQ(a.service->cached_states(), 0u);
  EXPECT_FALSE(a.service->erase(store::sha256_hex(token)));
  // The connection's next frame finds nothing: a new conversation with a new token.
  const auto r = a.say(token, msg("2 weeks"));
  ASSERT_FALSE(r.is_error) << r.frame;
  EXPECT_NE(r.session_token, token);
  EXPECT_EQ(frame_of(r)["turn"], 1);
}

TEST(ServerConversationService, AnEraseStraightInTheStoreIsNotServedFromTheCache) {
  counting_store s;
  instance a(s);
  const auto token = a.say("", R"({"type":"start"})").session_token;
  a.say(token, msg("my lower back hurts"));
  ASSERT_TRUE(s.erase(store::sha256_hex(token)));  // behind the service's back
  const auto r = a.say(token, msg("2 weeks"));
  ASSERT_FALSE(r.is_error) << r.frame;
  EXPECT_NE(r.session_token, token);
  EXPECT_EQ(frame_of(r)["turn"], 1);
  EXPECT_FALSE(s.get(store::sha256_hex(token), now_ms()).has_value());
}

TEST(ServerConversationService, ARestartMovesTheCacheToTheNewSession) {
  counting_store s;
  instance a(s);
  const auto old_token = a.say("", R"({"type":"start"})").session_token;
  a.say(old_token, msg("my lower back hurts"));
  const auto r = a.say(old_token, R"({"type":"restart"})");
  ASSERT_FALSE(r.is_error) << r.frame;
  EXPECT_NE(r.session_token, old_token);
  EXPECT_EQ(a.service->cached_states(), 1u);
  // The old conversation is still resumable, from the store.
  const auto resumed = frame_of(a.say("", json{{"type", "start"}, {"session", old_token}}.dump()));
  EXPECT_EQ(resumed["resumed"], true);
  EXPECT_EQ(resumed["turn"], 3);
}

TEST(ServerConversationService, TheCacheIsBoundedByTheConnectionLimit) {
  counting_store s;
  instance a(s, 3);
  for (int i = 0; i < 10; ++i) a.say("", R"({"type":"start"})");
  EXPECT_EQ(a.service->cached_states(), 3u);
}

TEST(ServerConversationService, ARepeatedMessageIdGetsTheSameReplyFromTheCacheOrTheStore) {
  counting_store s;
  instance a(s);
  const auto token = a.say("", R"({"type":"start"})").session_token;
  const auto first = a.say(token, msg("my lower back hurts", "m-1"));
  a.say(token, msg("2 weeks", "m-2"));
  EXPECT_EQ(a.say(token, msg("my lower back hurts", "m-1")).frame, first.frame);
  instance b(s);  // nothing cached
  EXPECT_EQ(b.say(token, msg("my lower back hurts", "m-1")).frame, first.frame);
}

TEST(ServerConversationService, ARepeatedIdWhoseReplyLeftTheTranscriptIsHandledAgain) {
  counting_store s;
  instance a(s);
  const auto token = a.say("", R"({"type":"start"})").session_token;
  a.say(token, msg("my lower back hurts", "m-1"));
  // Transcript retention shorter than the session's life: the remembered frame is gone.
  s.expire(now_ms(), now_ms() + 1);
  ASSERT_TRUE(s.transcript(store::sha256_hex(token)).empty());
  const auto again = a.say(token, msg("my lower back hurts", "m-1"));
  ASSERT_FALSE(again.is_error) << again.frame;
  EXPECT_EQ(frame_of(again)["turn"], 3);  // a new turn, not a crash nor an empty frame
  EXPECT_EQ(frame_of(again)["type"], "reply");
}

TEST(ServerConversationService, WorksOnTheSqliteStoreAcrossItsWriterThread) {
  const store::testing::temp_dir dir;
  store::sqlite_store s(dir.file("sessions.db"));
  instance a(s);
  const auto token = a.say("", R"({"type":"start"})").session_token;
  turn_reply r;
  for (const auto* text : {"my lower back hurts", "2 weeks", "6"}) r = a.say(token, msg(text));
  ASSERT_FALSE(r.is_error) << r.frame;
  EXPECT_EQ(frame_of(r)["turn"], 4);
  const auto stored = s.get(store::sha256_hex(token), now_ms());
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(json::parse(stored->state_json)["turn"], 4);
}

}  // namespace
}  // namespace triagebot::server
