// Unit tests for store::sqlite_store beyond the shared contract (store_contract_test.cpp): the file,
// WAL, durability (close/reopen and kill -9), group commit, flush and errors on opening.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>
#include <vector>

#include "store/sqlite_store.hpp"
#include "store_test_support.hpp"

namespace triagebot::store {
namespace {

using testing::make_request;
using testing::put_and_wait;
using testing::temp_dir;

// One PRAGMA read through a separate connection, as another process would see the file.
std::string pragma_of_file(const std::string& path, const char* pragma) {
  sqlite3* db = nullptr;
  std::string value;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, pragma, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
      value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return value;
}

void expect_open_fails(const std::string& path, const std::string& mention) {
  std::string error;
  const auto store = sqlite_store::open(path, {}, error);
  EXPECT_EQ(store, nullptr);
  EXPECT_NE(error.find(mention), std::string::npos) << error;
  EXPECT_THROW(sqlite_store{path}, store_error);
}

TEST(StoreSqlite, UsesWriteAheadLogging) {
  temp_dir dir;
  const std::string path = dir.file("sessions.db");
  sqlite_store store(path);
  EXPECT_EQ(store.journal_mode(), "wal");
  EXPECT_EQ(store.synchronous(), 1);  // NORMAL
  EXPECT_EQ(pragma_of_file(path, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(store.path(), path);
}

TEST(StoreSqlite, SyncFullIsAnOption) {
  temp_dir dir;
  sqlite_options options;
  options.sync_full = true;
  sqlite_store store(dir.file("sessions.db"), options);
  EXPECT_EQ(store.synchronous(), 2);  // FULL
  EXPECT_EQ(put_and_wait(store, make_request("a", 0, 1, 1000)).status, put_status::ok);
}

TEST(StoreSqlite, CreatesTheParentDirectory) {
  temp_dir dir;
  const std::string path = (dir.path() / "data" / "nested" / "sessions.db").string();
  std::string error;
  const auto store = sqlite_store::open(path, {}, error);
  ASSERT_NE(store, nullptr) << error;
  EXPECT_TRUE(store->healthy());
  EXPECT_TRUE(std::filesystem::exists(path));
}

TEST(StoreSqlite, DataSurvivesClosingAndReopening) {
  temp_dir dir;
  const std::string path = dir.file("sessions.db");
  {
    sqlite_store store(path);
    ASSERT_EQ(put_and_wait(store, make_request("keep", 0, 1, 1000)).status, put_status::ok);
    ASSERT_EQ(put_and_wait(store, make_request("keep", 1, 2, 2000)).status, put_status::ok);
    // Not waited for: the destructor flushes it.
    store.put(make_request("late", 0, 1, 3000), nullptr);
  }
  sqlite_store store(path);
  const auto got = store.get(sha256_hex("keep"), 2000);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->version, 2u);
  EXPECT_EQ(got->state_json, make_request("keep", 1, 2, 2000).session.state_json);
  EXPECT_EQ(store.transcript(sha256_hex("keep")).size(), 2u);
  EXPECT_TRUE(store.get(sha256_hex("late"), 3000).has_value());
  // The versions carry on.
  const put_result r = put_and_wait(store, make_request("keep", 2, 3, 4000));
  EXPECT_EQ(r.status, put_status::ok);
  EXPECT_EQ(r.version, 3u);
}

// Every turn whose done ran is on disk, even when the process is killed right after (kill -9).
TEST(StoreSqlite, RepliedTurnsSurviveKill9) {
  temp_dir dir;
  const std::string path = dir.file("sessions.db");
  constexpr int turns = 25;
  const pid_t child = ::fork();
  ASSERT_NE(child, -1);
  if (child == 0) {
    {
      sqlite_store store(path);
      std::uint64_t version = 0;
      for (int turn = 1; turn <= turns; ++turn) {
        const put_result r = put_and_wait(store, make_request("durable", version, turn, 1000 + turn));
        if (r.status != put_status::ok) ::_exit(3);
        version = r.version;  // "the reply went out"
      }
      ::kill(::getpid(), SIGKILL);  // no flush, no close, no checkpoint
      ::pause();
    }
    ::_exit(4);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status)) << "child exited with " << WEXITSTATUS(status);
  ASSERT_EQ(WTERMSIG(status), SIGKILL);

  sqlite_store store(path);
  const auto got = store.get(sha256_hex("durable"), 2000);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->version, static_cast<std::uint64_t>(turns));
  const auto entries = store.transcript(sha256_hex("durable"));
  ASSERT_EQ(entries.size(), static_cast<std::size_t>(turns));
  for (int i = 0; i < turns; ++i) EXPECT_EQ(entries[static_cast<std::size_t>(i)].turn, i + 1);
}

// 8 threads x 50 puts: all ok, in fewer transactions than puts. The first done holds the writer
// until every put is queued, so batching is certain: everything queued meanwhile is the next batch.
TEST(StoreSqlite, GroupCommitBatchesConcurrentPuts) {
  temp_dir dir;
  constexpr int thread_count = 8;
  constexpr int puts_per_thread = 50;
  constexpr int total_puts = thread_count * puts_per_thread;
  std::atomic<std::size_t> batches{0};
  std::atomic<std::size_t> batched_puts{0};
  std::atomic<bool> latency_ok{true};
  sqlite_options options;
  options.on_commit = [&](double seconds, std::size_t batch_size) {
    ++batches;
    batched_puts += batch_size;
    if (!(seconds >= 0.0 && seconds < 60.0)) latency_ok = false;
  };
  sqlite_store store(dir.file("sessions.db"), options);

  std::mutex gate_mutex;
  std::condition_variable gate;
  int enqueued = 0;
  std::atomic<bool> first_done{true};
  std::atomic<int> ok{0};
  std::atomic<int> finished{0};
  const auto done = [&](put_result r) {
    if (r.status == put_status::ok) ++ok;
    if (first_done.exchange(false)) {
      std::unique_lock lock(gate_mutex);
      gate.wait(lock, [&] { return enqueued == total_puts; });
    }
    ++finished;
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < thread_count; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < puts_per_thread; ++i) {
        store.put(make_request("group-" + std::to_string(t) + "-" + std::to_string(i), 0, 1, 1000), done);
        {
          const std::lock_guard lock(gate_mutex);
          ++enqueued;
        }
        gate.notify_all();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  store.flush();

  EXPECT_EQ(finished.load(), total_puts);
  EXPECT_EQ(ok.load(), total_puts);
  EXPECT_EQ(batched_puts.load(), static_cast<std::size_t>(total_puts));
  EXPECT_LT(batches.load(), static_cast<std::size_t>(total_puts));
  EXPECT_LE(batches.load(), 2u);
  EXPECT_TRUE(latency_ok.load());
  for (int t = 0; t < thread_count; ++t)
    EXPECT_TRUE(store.get(sha256_hex("group-" + std::to_string(t) + "-49"), 1000).has_value());
}

// Puts `count` turns of one session with a state of about 8 KB each (two or three WAL pages a turn).
void put_large_turns(sqlite_store& store, const std::string& token, int count) {
  for (int turn = 1; turn <= count; ++turn) {
    auto request = make_request(token, static_cast<std::uint64_t>(turn - 1), turn, 1000 + turn);
    request.session.state_json = R"({"turn":)" + std::to_string(turn) + R"(,"pad":")" + std::string(8000, 'x') + R"("})";
    ASSERT_EQ(put_and_wait(store, std::move(request)).status, put_status::ok) << "turn " << turn;
  }
}

std::uintmax_t size_of(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  return ec ? 0 : size;
}

TEST(StoreSqlite, TheCheckpointerCopiesTheWalIntoTheDatabaseWhileOpen) {
  temp_dir dir;
  const std::string path = dir.file("sessions.db");
  sqlite_options options;
  options.checkpoint_pages = 20;
  options.wal_limit_pages = 1'000'000;  // the writer never checkpoints itself here
  sqlite_store store(path, options);
  const auto empty_size = size_of(path);
  put_large_turns(store, "checkpointed", 60);
  // The writer does not checkpoint (no automatic checkpoint), so only the checkpointer thread can
  // have grown the database file while the store is open.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (size_of(path) < empty_size + 16 * 1024 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_GE(size_of(path), empty_size + 16 * 1024) << "the database file was never checkpointed into";
  EXPECT_TRUE(store.get(sha256_hex("checkpointed"), 1000).has_value());
}

TEST(StoreSqlite, TheWalStaysUnderItsLimitWhenTheCheckpointerFallsBehind) {
  temp_dir dir;
  const std::string path = dir.file("sessions.db");
  sqlite_options options;
  options.checkpoint_pages = 1'000'000;  // the checkpointer never wakes: only the limit acts
  options.wal_limit_pages = 40;
  {
    sqlite_store store(path, options);
    const auto empty_size = size_of(path);
    put_large_turns(store, "bounded", 200);  // about 500 pages written in all
    // The WAL is reused from its start after the writer's own checkpoint, so its file is as large as
    // the limit plus the one commit that crossed it (a frame is a 4 KiB page and a 24-byte header).
    EXPECT_LE(size_of(path + "-wal"), std::uintmax_t{40 + 8} * (4096 + 24) + 32);
    EXPECT_GT(size_of(path), empty_size + 16 * 1024) << "the writer never checkpointed";
  }
  sqlite_store reopened(path, options);
  const auto stored = reopened.get(sha256_hex("bounded"), 1000);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->version, 200u);
}

TEST(StoreSqlite, AReaderHoldingTheWalBackDoesNotHoldUpCommits) {
  temp_dir dir;
  const std::string path = dir.file("sessions.db");
  sqlite_options options;
  options.checkpoint_pages = 20;
  options.wal_limit_pages = 40;
  sqlite_store store(path, options);
  put_large_turns(store, "before", 5);

  // A long reader, as a backup with VACUUM INTO is: its snapshot keeps every later frame in the WAL.
  sqlite3* reader = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path.c_str(), &reader, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(reader, "BEGIN; SELECT count(*) FROM sessions;", nullptr, nullptr, nullptr), SQLITE_OK);
  const auto started = std::chrono::steady_clock::now();
  put_large_turns(store, "during", 60);  // far past the limit
  const auto held_for = std::chrono::steady_clock::now() - started;
  // Waiting for the reader (the busy timeout is 5 s) would take minutes here.
  EXPECT_LT(held_for, std::chrono::seconds(4));
  const auto wal_while_held = size_of(path + "-wal");
  ASSERT_EQ(sqlite3_exec(reader, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(reader);

  // With the reader gone the WAL starts again from its beginning at the next try (at most 64 pages
  // later): the file stops growing. Without that these 60 turns would add about 300 frames.
  put_large_turns(store, "after", 60);
  EXPECT_LE(size_of(path + "-wal"), wal_while_held + std::uintmax_t{128} * (4096 + 24));
  EXPECT_TRUE(store.get(sha256_hex("during"), 1000).has_value());
  EXPECT_TRUE(store.get(sha256_hex("after"), 1000).has_value());
}

TEST(StoreSqlite, DoneRunsOnTheWriterThreadAfterTheCommit) {
  temp_dir dir;
  std::atomic<std::size_t> commits{0};
  sqlite_options options;
  options.on_commit = [&](double, std::size_t) { ++commits; };
  sqlite_store store(dir.file("sessions.db"), options);
  std::promise<std::pair<std::thread::id, std::size_t>> seen;
  store.put(make_request("w", 0, 1, 1000), [&](put_result) { seen.set_value({std::this_thread::get_id(), commits.load()}); });
  const auto [thread, commits_before_done] = seen.get_future().get();
  EXPECT_NE(thread, std::this_thread::get_id());
  EXPECT_EQ(commits_before_done, 1u);
}

TEST(StoreSqlite, ReadsRunWhileWriting) {
  temp_dir dir;
  sqlite_store store(dir.file("sessions.db"));
  ASSERT_EQ(put_and_wait(store, make_request("read-me", 0, 1, 1000)).status, put_status::ok);
  std::atomic<bool> stop{false};
  std::atomic<int> misses{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < 6; ++r) {
    readers.emplace_back([&] {
      while (!stop.load()) {
        if (!store.get(sha256_hex("read-me"), 1000).has_value()) ++misses;
        if (store.transcript(sha256_hex("read-me")).empty()) ++misses;
      }
    });
  }
  for (int i = 0; i < 200; ++i) store.put(make_request("bulk-" + std::to_string(i), 0, 1, 1000), nullptr);
  store.flush();
  stop = true;
  for (auto& reader : readers) reader.join();
  EXPECT_EQ(misses.load(), 0);
  EXPECT_TRUE(store.healthy());
}

TEST(StoreSqlite, ExpireWorksInChunks) {
  temp_dir dir;
  sqlite_store store(dir.file("sessions.db"));
  for (int i = 0; i < 1200; ++i) store.put(make_request("many-" + std::to_string(i), 0, 1, 1000, 10), nullptr);
  store.flush();
  EXPECT_EQ(store.expire(2000, 2000), 1200u);
  EXPECT_TRUE(store.transcript(sha256_hex("many-7")).empty());
  EXPECT_EQ(store.expire(2000, 2000), 0u);
}

TEST(StoreSqlite, UnwritablePathGivesAClearError) {
  expect_open_fails("/proc/triagebot-no-such-dir/sessions.db", "/proc/triagebot-no-such-dir/sessions.db");
  expect_open_fails("/proc/sessions.db", "/proc/sessions.db");
}

TEST(StoreSqlite, ReadOnlyDirectoryGivesAClearError) {
  temp_dir dir;
  const auto locked = dir.path() / "locked";
  std::filesystem::create_directory(locked);
  ASSERT_EQ(::chmod(locked.c_str(), 0500), 0);
  if (::access(locked.c_str(), W_OK) == 0) GTEST_SKIP() << "running as root: a 0500 directory is still writable";
  const std::string path = (locked / "sessions.db").string();
  expect_open_fails(path, path);
  expect_open_fails((locked / "sub" / "sessions.db").string(), (locked / "sub").string());
}

TEST(StoreSqlite, AFileInTheWayOfTheDirectoryGivesAClearError) {
  temp_dir dir;
  std::ofstream(dir.file("plain")) << "not a directory\n";
  const std::string path = (dir.path() / "plain" / "sessions.db").string();
  expect_open_fails(path, path);
}

TEST(StoreSqlite, NotADatabaseFileGivesAClearError) {
  temp_dir dir;
  const std::string path = dir.file("sessions.db");
  {
    std::ofstream out(path);
    for (int i = 0; i < 200; ++i) out << "this is a text file, not a SQLite database\n";
  }
  std::string error;
  EXPECT_EQ(sqlite_store::open(path, {}, error), nullptr);
  EXPECT_NE(error.find(path), std::string::npos) << error;
  EXPECT_NE(error.find("not a SQLite database"), std::string::npos) << error;
}

TEST(StoreSqlite, ADirectoryWhereTheFileShouldBeGivesAClearError) {
  temp_dir dir;
  std::filesystem::create_directory(dir.path() / "sessions.db");
  expect_open_fails(dir.file("sessions.db"), dir.file("sessions.db"));
}

TEST(StoreSqlite, ForeignOrNewerDatabasesAreRefused) {
  temp_dir dir;
  const std::string foreign = dir.file("foreign.db");
  const std::string newer = dir.file("newer.db");
  for (const auto& [path, sql] : {std::pair{foreign, "CREATE TABLE sessions (id INTEGER PRIMARY KEY, name TEXT)"},
                                  std::pair{newer, "PRAGMA user_version = 99"}}) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
  }
  expect_open_fails(foreign, foreign);
  expect_open_fails(newer, "newer triagebot");
}

TEST(StoreSqlite, InMemoryOrEmptyPathsAreRefused) {
  expect_open_fails("", "file path");
  expect_open_fails(":memory:", "memory_store");
}

}  // namespace
}  // namespace triagebot::store
