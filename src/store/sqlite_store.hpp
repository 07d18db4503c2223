#pragma once
// sqlite_store: the default session_store, one SQLite file in WAL mode.
//
// Writes: put() only enqueues. ONE writer thread takes everything queued, commits it as one
// transaction (BEGIN IMMEDIATE ... COMMIT, each request checked against its expected_version on its
// own, so a conflict or error affects that request only), then calls every request's `done` ON THE
// WRITER THREAD, in the order the puts were made, after the commit (synchronous=NORMAL in WAL: a
// committed turn survives kill -9 of the process; sync_full also survives power loss). What arrived
// meanwhile is the next batch, started right away: no put waits for more than the batch in progress.
// `done` must not block for long (it holds up the next batch); it may call put() again, but not
// flush() or the destructor.
//
// Checkpoints: the writer never copies the WAL into the database file (that needs two fsyncs, a few
// milliseconds, which would stall every turn of the batch behind it). A checkpointer thread with its
// own connection and a lower priority does it (PASSIVE: writers go on meanwhile) once the WAL holds
// checkpoint_pages new frames. Should the WAL still pass wal_limit_pages (the checkpointer cannot catch
// up under sustained load), the writer checkpoints it itself (RESTART) after a commit: never waiting
// for readers, and for the checkpointer's run in progress only at twice the limit, so the file stays
// bounded while no reader (a backup) holds old frames.
//
// Reads (get, transcript, reply_at, healthy) use a small pool of read connections (WAL readers never
// wait for the writer). erase() and expire() run on the calling thread, on the writer's connection, between
// batches; expire() deletes in small chunks so puts are not held up behind a large purge.
//
// Errors never throw out of the session_store methods: a failed write gives put_status::failed with a
// sentence; a failed read gives nullopt / an empty transcript and makes healthy() false. Opening is
// the only place that can fail outright: use sqlite_store::open (nullptr plus a sentence naming the
// path) or the constructor (throws store_error).
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "store/session_store.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace triagebot::store {

// Opening the store failed; what() is a sentence naming the path.
class store_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct sqlite_options {
  bool sync_full = false;  // synchronous=FULL (survives power loss) instead of NORMAL (survives kill -9)
  // Called on the writer thread after each committed batch: the transaction's duration (BEGIN to the
  // end of COMMIT) and how many puts it carried. For the commit-latency histogram of /metrics.
  std::function<void(double seconds, std::size_t batch_size)> on_commit;
  int busy_timeout_ms = 5000;         // waiting for another process holding the file's write lock
  std::size_t read_connections = 4;   // the most read connections opened (on demand)
  int checkpoint_pages = 1000;        // WAL pages that wake the checkpointer thread (SQLite's default autocheckpoint)
  int wal_limit_pages = 16000;        // WAL pages past which the writer checkpoints itself (about 64 MB)
};

class sqlite_store final : public session_store {
 public:
  // Opens (creating when missing: the parent directory, the file, the schema) the database at path.
  // Returns nullptr and sets error to a sentence naming the path when it cannot be opened.
  static std::unique_ptr<sqlite_store> open(const std::string& path, const sqlite_options& options,
                                            std::string& error);

  // The same, throwing store_error.
  explicit sqlite_store(const std::string& path, sqlite_options options = {});
  // Flushes every queued put, stops the writer thread and closes the database.
  ~sqlite_store() override;

  sqlite_store(const sqlite_store&) = delete;
  sqlite_store& operator=(const sqlite_store&) = delete;

  std::optional<stored_session> get(const std::string& token_hash, std::int64_t now_ms) override;
  void put(put_request request, std::function<void(put_result)> done) override;
  bool erase(const std::string& token_hash) override;
  std::size_t expire(std::int64_t now_ms, std::int64_t transcript_cutoff_ms) override;
  // Entries in the order their turns were committed (turn order).
  std::vector<transcript_entry> transcript(const std::string& token_hash) override;
  std::optional<std::string> reply_at(const std::string& token_hash, int turn) override;
  bool healthy() override;
  void flush() override;

  const std::string& path() const { return path_; }
  // For the startup log: "wal", and 1 (NORMAL) or 2 (FULL), as the writer connection reports them.
  std::string journal_mode();
  int synchronous();

 private:
  struct connection;
  struct reader_lease;
  struct queued_put {
    put_request request;
    std::function<void(put_result)> done;
  };

  enum class role { writer, reader, checkpointer };
  std::unique_ptr<connection> open_connection(role r) const;
  static int on_wal_commit(void* self, sqlite3* db, const char* schema, int pages);
  void checkpointer_loop();
  reader_lease acquire_reader();
  void release_reader(std::unique_ptr<connection> reader);
  void writer_loop();
  std::vector<put_result> commit_batch(std::vector<queued_put>& batch);
  put_result apply_put(const put_request& request, int& rc);
  std::string describe(int rc, sqlite3* db, const char* doing) const;
  void lock_for_maintenance(std::unique_lock<std::mutex>& lock);

  std::string path_;
  sqlite_options options_;

  // The writer's connection: used by the writer thread per batch, and by erase/expire in between.
  std::mutex write_mutex_;
  std::unique_ptr<connection> writer_;
  std::atomic<bool> writer_waiting_{false};
  std::atomic<bool> last_write_ok_{true};
  std::atomic<bool> last_read_ok_{true};

  std::mutex readers_mutex_;
  std::condition_variable readers_cv_;
  std::vector<std::unique_ptr<connection>> idle_readers_;
  std::size_t readers_open_ = 0;

  std::mutex queue_mutex_;
  std::condition_variable queue_cv_;     // the writer waits for work
  std::condition_variable flushed_cv_;   // flush() waits for pending_ == 0
  std::vector<queued_put> queue_;
  std::size_t pending_ = 0;              // puts accepted whose done has not returned yet
  bool stopping_ = false;
  bool writer_alive_ = false;
  std::thread writer_thread_;

  // The checkpointer: woken by on_wal_commit, copies the WAL into the database file.
  std::unique_ptr<connection> checkpointer_;
  std::mutex checkpoint_mutex_;
  std::condition_variable checkpoint_cv_;
  std::condition_variable checkpoint_done_cv_;  // a run ended (the writer's limit checkpoint waits for it)
  bool checkpoint_wanted_ = false;
  bool checkpointer_running_ = false;
  std::atomic<int> wal_frames_copied_{0};  // frames of the WAL the last checkpoint copied
  std::atomic<int> wal_pages_seen_{0};     // the WAL's length after the last commit
  int wal_limit_retry_pages_ = 0;          // after a failed limit checkpoint: the length to try again at
  bool checkpointer_stopping_ = false;
  std::thread checkpointer_thread_;
};

}  // namespace triagebot::store
