#include "store/sqlite_store.hpp"

#include <sqlite3.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <system_error>
#include <utility>

namespace triagebot::store {
namespace {

constexpr int schema_version = 1;
constexpr sqlite3_int64 purge_chunk = 500;  // rows deleted per transaction by expire()
constexpr int limit_retry_pages = 64;  // WAL growth before a limit checkpoint that was busy is tried again

struct db_closer {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct stmt_finalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using db_ptr = std::unique_ptr<sqlite3, db_closer>;
using stmt_ptr = std::unique_ptr<sqlite3_stmt, stmt_finalizer>;

// Resets a statement (ending its read snapshot) and drops its bindings when a use ends.
class statement_use {
 public:
  explicit statement_use(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~statement_use() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  statement_use(const statement_use&) = delete;
  statement_use& operator=(const statement_use&) = delete;
  sqlite3_stmt* get() const { return stmt_; }

 private:
  sqlite3_stmt* stmt_;
};

void bind_text(sqlite3_stmt* stmt, int index, const std::string& text) {
  // SQLITE_STATIC: the string outlives the statement's use (statement_use resets it first).
  sqlite3_bind_text64(stmt, index, text.data(), static_cast<sqlite3_uint64>(text.size()), SQLITE_STATIC, SQLITE_UTF8);
}

void bind_int(sqlite3_stmt* stmt, int index, std::int64_t value) {
  sqlite3_bind_int64(stmt, index, static_cast<sqlite3_int64>(value));
}

std::string column_text(sqlite3_stmt* stmt, int index) {
  const auto* text = sqlite3_column_text(stmt, index);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(sqlite3_column_bytes(stmt, index)));
}

// Runs a statement without parameters that returns no rows; SQLITE_DONE on success.
int step_once(sqlite3_stmt* stmt) {
  const statement_use use(stmt);
  int rc = sqlite3_step(stmt);
  while (rc == SQLITE_ROW) rc = sqlite3_step(stmt);
  return rc;
}

std::string sqlite_message(int rc, sqlite3* db) {
  if (db != nullptr && sqlite3_errcode(db) != SQLITE_OK) return sqlite3_errmsg(db);
  return sqlite3_errstr(rc);
}

}  // namespace

struct sqlite_store::connection {
  db_ptr db;  // first: destroyed after the statements
  // Readers.
  stmt_ptr get, transcript, reply_at, ping;
  // The writer.
  stmt_ptr begin, commit, rollback, savepoint, release, rollback_to;
  stmt_ptr read_version, upsert, insert_entry;
  stmt_ptr erase_session, erase_transcript, expire_sessions, expire_transcripts;
};

struct sqlite_store::reader_lease {
  sqlite_store* store = nullptr;
  std::unique_ptr<connection> conn;

  reader_lease(sqlite_store* owner, std::unique_ptr<connection> c) : store(owner), conn(std::move(c)) {}
  reader_lease(reader_lease&& other) noexcept = default;
  reader_lease(const reader_lease&) = delete;
  reader_lease& operator=(const reader_lease&) = delete;
  reader_lease& operator=(reader_lease&&) = delete;
  ~reader_lease() {
    if (conn) store->release_reader(std::move(conn));
  }
};

std::string sqlite_store::describe(int rc, sqlite3* db, const char* doing) const {
  const std::string detail = sqlite_message(rc, db);
  const std::string db_name = "the session database " + path_;
  switch (rc & 0xff) {
    case SQLITE_READONLY: return db_name + " is read-only (" + detail + ")";
    case SQLITE_FULL: return "the disk holding " + db_name + " is full (" + detail + ")";
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return db_name + " is locked by another process (" + detail + ")";
    case SQLITE_NOTADB: return path_ + " is not a SQLite database (" + detail + ")";
    case SQLITE_CORRUPT: return db_name + " is corrupt (" + detail + ")";
    case SQLITE_CANTOPEN: {
      std::error_code ec;
      const std::filesystem::path parent = std::filesystem::absolute(std::filesystem::path(path_), ec).parent_path();
      if (::access(parent.c_str(), W_OK | X_OK) != 0)
        return "cannot open " + db_name + ": the directory " + parent.string() + " is not writable (" + detail + ")";
      return "cannot open " + db_name + " (" + detail + ")";
    }
    case SQLITE_IOERR: return "a disk error occurred while trying to " + std::string(doing) + " " + db_name + " (" + detail + ")";
    default: return "could not " + std::string(doing) + " " + db_name + " (" + detail + ")";
  }
}

std::unique_ptr<sqlite_store::connection> sqlite_store::open_connection(role r) const {
  const bool writer = r == role::writer;
  // The writer and the checkpointer sync alike, so that a checkpoint's fsyncs match the commits'.
  const char* synchronous = options_.sync_full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL";
  sqlite3* raw = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (writer ? SQLITE_OPEN_CREATE : 0);
  const int open_rc = sqlite3_open_v2(path_.c_str(), &raw, flags, nullptr);
  auto c = std::make_unique<connection>();
  c->db.reset(raw);
  if (open_rc != SQLITE_OK) throw store_error(describe(open_rc, raw, "open"));
  sqlite3* db = c->db.get();
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, options_.busy_timeout_ms);

  // Statements with no data in them (pragmas, schema).
  const auto exec = [&](const char* sql) {
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) throw store_error(describe(rc, db, "open"));
  };
  const auto prepare = [&](stmt_ptr& out, const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    out.reset(stmt);
    if (rc == SQLITE_ERROR)
      throw store_error("the session database " + path_ + " does not have triagebot's tables (" + sqlite_message(rc, db) + ")");
    if (rc != SQLITE_OK) throw store_error(describe(rc, db, "open"));
  };
  const auto query_row = [&](const char* sql, const auto& read) {
    stmt_ptr stmt;
    prepare(stmt, sql);
    const int rc = sqlite3_step(stmt.get());
    if (rc != SQLITE_ROW) throw store_error(describe(rc, db, "open"));
    read(stmt.get());
  };

  if (writer) {
    if (sqlite3_db_readonly(db, "main") == 1) throw store_error("the session database " + path_ + " is read-only");
    std::string mode;
    query_row("PRAGMA journal_mode=WAL", [&](sqlite3_stmt* s) { mode = column_text(s, 0); });
    if (mode != "wal")
      throw store_error("the session database " + path_ + " cannot use write-ahead logging (journal mode stays '" + mode + "')");
    exec(synchronous);
    int version = 0;
    query_row("PRAGMA user_version", [&](sqlite3_stmt* s) { version = sqlite3_column_int(s, 0); });
    if (version > schema_version)
      throw store_error("the session database " + path_ + " was written by a newer triagebot (schema version " +
                        std::to_string(version) + ")");
    if (version < schema_version) {
      exec("BEGIN IMMEDIATE");
      const int rc = sqlite3_exec(db,
                                  "CREATE TABLE IF NOT EXISTS sessions ("
                                  "  token_hash TEXT PRIMARY KEY NOT NULL,"
                                  "  state TEXT NOT NULL,"
                                  "  rules_version TEXT NOT NULL,"
                                  "  created_ms INTEGER NOT NULL,"
                                  "  updated_ms INTEGER NOT NULL,"
                                  "  expires_ms INTEGER NOT NULL,"
                                  "  version INTEGER NOT NULL);"
                                  "CREATE INDEX IF NOT EXISTS sessions_by_expiry ON sessions(expires_ms);"
                                  "CREATE TABLE IF NOT EXISTS transcripts ("
                                  "  token_hash TEXT NOT NULL,"
                                  "  turn INTEGER NOT NULL,"
                                  "  in_frame TEXT NOT NULL,"
                                  "  out_frame TEXT NOT NULL,"
                                  "  at_ms INTEGER NOT NULL);"
                                  "CREATE INDEX IF NOT EXISTS transcripts_by_token ON transcripts(token_hash);"
                                  "CREATE INDEX IF NOT EXISTS transcripts_by_time ON transcripts(at_ms);"
                                  "PRAGMA user_version = 1;"
                                  "COMMIT;",
                                  nullptr, nullptr, nullptr);
      if (rc != SQLITE_OK) {
        const std::string error = describe(rc, db, "create the tables of");
        if (sqlite3_get_autocommit(db) == 0) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        throw store_error(error);
      }
    }
    prepare(c->begin, "BEGIN IMMEDIATE");
    prepare(c->commit, "COMMIT");
    prepare(c->rollback, "ROLLBACK");
    prepare(c->savepoint, "SAVEPOINT turn");
    prepare(c->release, "RELEASE turn");
    prepare(c->rollback_to, "ROLLBACK TO turn");
    prepare(c->read_version, "SELECT version, expires_ms FROM sessions WHERE token_hash = ?1");
    prepare(c->upsert,
            "INSERT INTO sessions (token_hash, state, rules_version, created_ms, updated_ms, expires_ms, version) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
            "ON CONFLICT (token_hash) DO UPDATE SET state = excluded.state, rules_version = excluded.rules_version, "
            "created_ms = excluded.created_ms, updated_ms = excluded.updated_ms, expires_ms = excluded.expires_ms, "
            "version = excluded.version");
    prepare(c->insert_entry,
            "INSERT INTO transcripts (token_hash, turn, in_frame, out_frame, at_ms) VALUES (?1, ?2, ?3, ?4, ?5)");
    prepare(c->erase_session, "DELETE FROM sessions WHERE token_hash = ?1");
    prepare(c->erase_transcript, "DELETE FROM transcripts WHERE token_hash = ?1");
    prepare(c->expire_sessions,
            "DELETE FROM sessions WHERE rowid IN (SELECT rowid FROM sessions WHERE expires_ms <= ?1 LIMIT ?2)");
    prepare(c->expire_transcripts,
            "DELETE FROM transcripts WHERE rowid IN (SELECT rowid FROM transcripts WHERE at_ms < ?1 LIMIT ?2)");
  } else if (r == role::checkpointer) {
    // Only checkpoints: no statements.
    exec(synchronous);
  } else {
    exec("PRAGMA query_only=1");
    prepare(c->get,
            "SELECT state, rules_version, created_ms, updated_ms, expires_ms, version FROM sessions "
            "WHERE token_hash = ?1 AND expires_ms > ?2");
    // rowid order is commit order: the turn order of the conversation(s) kept under this key.
    prepare(c->transcript,
            "SELECT turn, in_frame, out_frame, at_ms FROM transcripts WHERE token_hash = ?1 ORDER BY rowid");
    prepare(c->reply_at,
            "SELECT out_frame FROM transcripts WHERE token_hash = ?1 AND turn = ?2 ORDER BY rowid DESC LIMIT 1");
    prepare(c->ping, "SELECT 1 FROM sqlite_master LIMIT 1");
  }
  return c;
}

std::unique_ptr<sqlite_store> sqlite_store::open(const std::string& path, const sqlite_options& options,
                                                 std::string& error) {
  try {
    return std::make_unique<sqlite_store>(path, options);
  } catch (const store_error& e) {
    error = e.what();
  } catch (const std::exception& e) {
    error = "cannot open the session database " + path + " (" + e.what() + ")";
  }
  return nullptr;
}

sqlite_store::sqlite_store(const std::string& path, sqlite_options options)
    : path_(path), options_(std::move(options)) {
  if (path_.empty() || path_ == ":memory:" || path_.starts_with("file:"))
    throw store_error("the session database needs a file path (got '" + path_ + "'); use memory_store for a store in memory");
  if (options_.read_connections == 0) options_.read_connections = 1;

  std::error_code is_dir_ec;
  if (std::filesystem::is_directory(path_, is_dir_ec))
    throw store_error("the session database path " + path_ + " is a directory, not a file");
  const std::filesystem::path parent = std::filesystem::path(path_).parent_path();
  if (!parent.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
    if (ec || !std::filesystem::is_directory(parent, ec))
      throw store_error("cannot create the directory " + parent.string() + " for the session database " + path_ +
                        " (" + (ec ? ec.message() : std::string("a file of that name is in the way")) + ")");
  }

  writer_ = open_connection(role::writer);
  idle_readers_.reserve(options_.read_connections);
  idle_readers_.push_back(open_connection(role::reader));
  readers_open_ = 1;
  checkpointer_ = open_connection(role::checkpointer);
  // Replaces SQLite's automatic checkpoint on the writer's connection: the checkpointer thread does it.
  sqlite3_wal_hook(writer_->db.get(), &sqlite_store::on_wal_commit, this);

  checkpointer_thread_ = std::thread([this] { checkpointer_loop(); });
  writer_alive_ = true;
  writer_thread_ = std::thread([this] { writer_loop(); });
}

int sqlite_store::on_wal_commit(void* self, sqlite3* db, const char* schema, int pages) {
  // Runs on the writer's connection right after a commit, with write_mutex_ held.
  auto* store = static_cast<sqlite_store*>(self);
  if (pages < store->wal_pages_seen_.load()) {  // the WAL started again from its beginning
    store->wal_frames_copied_.store(0);
    store->wal_limit_retry_pages_ = 0;
  }
  store->wal_pages_seen_.store(pages);
  if (pages >= store->options_.wal_limit_pages && pages >= store->wal_limit_retry_pages_) {
    // The checkpointer has not caught up: copy what is left now, and have the next write start the WAL
    // from its beginning. Without waiting for readers: a long one (a backup with VACUUM INTO) would
    // hold up every commit for the busy timeout. SQLite does not wait for a checkpoint running on the
    // checkpointer's connection either; then it is tried again a few commits later, and only when the
    // WAL is twice the limit does the writer wait for the checkpointer's run to end (it copies most of
    // what is left), which bounds the WAL whatever the timing.
    sqlite3_busy_handler(db, nullptr, nullptr);
    int rc = sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_RESTART, nullptr, nullptr);
    if (rc == SQLITE_BUSY && pages >= 2 * store->options_.wal_limit_pages) {
      std::unique_lock lock(store->checkpoint_mutex_);
      const bool was_running = store->checkpointer_running_;
      store->checkpoint_done_cv_.wait_for(lock, std::chrono::milliseconds(store->options_.busy_timeout_ms),
                                          [store] { return !store->checkpointer_running_; });
      lock.unlock();
      if (was_running) rc = sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_RESTART, nullptr, nullptr);
    }
    sqlite3_busy_timeout(db, store->options_.busy_timeout_ms);
    store->wal_limit_retry_pages_ = rc == SQLITE_OK ? 0 : pages + limit_retry_pages;
    return SQLITE_OK;
  }
  // Wake the checkpointer for checkpoint_pages NEW frames, not after every commit once the WAL is
  // that long (under sustained load it does not restart, and each checkpoint costs two fsyncs).
  const int copied = std::min(store->wal_frames_copied_.load(), pages);
  if (pages - copied >= store->options_.checkpoint_pages) {
    {
      const std::lock_guard lock(store->checkpoint_mutex_);
      store->checkpoint_wanted_ = true;
    }
    store->checkpoint_cv_.notify_one();
  }
  return SQLITE_OK;
}

void sqlite_store::checkpointer_loop() {
  // Copying pages takes CPU that turns need more: the checkpointer runs below them (nice 10; on
  // Linux a thread's own). Not lower: at nice 19 under full load on one core a run took 400-600 ms,
  // the WAL reached twice its limit and the writer waited 80-110 ms for the run to end. Not
  // SCHED_IDLE: next to any busy process that never runs, and a checkpoint stalled half-way holds
  // SQLite's checkpoint lock, so the writer could not checkpoint either.
  setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 10);
  for (;;) {
    {
      std::unique_lock lock(checkpoint_mutex_);
      checkpoint_cv_.wait(lock, [this] { return checkpointer_stopping_ || checkpoint_wanted_; });
      if (checkpointer_stopping_) return;
      checkpoint_wanted_ = false;
      checkpointer_running_ = true;
    }
    // PASSIVE copies what no reader still needs without taking any lock writers wait for. Busy or
    // failed: the WAL keeps the frames, and the next commit over the threshold asks again.
    // A run copies the frames there were when it began; a few more rounds copy what was committed
    // meanwhile, so that when the load leaves a gap the WAL is wholly copied and the next write starts
    // it again from its beginning. Under sustained load the rounds never quite catch up (each costs
    // two fsyncs, during which more turns commit), and the WAL grows to wal_limit_pages.
    for (int round = 0; round < 3; ++round) {
      int frames = 0;
      int copied = 0;
      if (sqlite3_wal_checkpoint_v2(checkpointer_->db.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &frames, &copied) != SQLITE_OK)
        break;
      wal_frames_copied_.store(copied);
      if (copied < frames || wal_pages_seen_.load() <= copied) break;  // readers hold frames back, or all copied
      const std::lock_guard lock(checkpoint_mutex_);
      if (checkpointer_stopping_) break;
    }
    {
      const std::lock_guard lock(checkpoint_mutex_);
      checkpointer_running_ = false;
    }
    checkpoint_done_cv_.notify_all();
  }
}

sqlite_store::~sqlite_store() {
  flush();
  {
    const std::lock_guard lock(queue_mutex_);
    stopping_ = true;
  }
  queue_cv_.notify_all();
  if (writer_thread_.joinable()) writer_thread_.join();
  {
    const std::lock_guard lock(checkpoint_mutex_);
    checkpointer_stopping_ = true;
  }
  checkpoint_cv_.notify_all();
  if (checkpointer_thread_.joinable()) checkpointer_thread_.join();
  // The writer's connection closes last (members go in reverse order): closing the last connection
  // checkpoints the WAL and removes it.
  checkpointer_.reset();
}

sqlite_store::reader_lease sqlite_store::acquire_reader() {
  std::unique_lock lock(readers_mutex_);
  for (;;) {
    if (!idle_readers_.empty()) {
      auto c = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return reader_lease(this, std::move(c));
    }
    if (readers_open_ < options_.read_connections) {
      ++readers_open_;
      lock.unlock();
      try {
        return reader_lease(this, open_connection(role::reader));
      } catch (const std::exception&) {
        lock.lock();
        --readers_open_;
        readers_cv_.notify_one();
        return reader_lease(this, nullptr);
      }
    }
    readers_cv_.wait(lock);
  }
}

void sqlite_store::release_reader(std::unique_ptr<connection> reader) {
  {
    const std::lock_guard lock(readers_mutex_);
    idle_readers_.push_back(std::move(reader));  // capacity reserved: cannot throw
  }
  readers_cv_.notify_one();
}

std::optional<stored_session> sqlite_store::get(const std::string& token_hash, std::int64_t now_ms) {
  const reader_lease lease = acquire_reader();
  if (!lease.conn) return std::nullopt;
  const statement_use use(lease.conn->get.get());
  sqlite3_stmt* s = use.get();
  bind_text(s, 1, token_hash);
  bind_int(s, 2, now_ms);
  if (sqlite3_step(s) != SQLITE_ROW) return std::nullopt;
  stored_session session;
  session.state_json = column_text(s, 0);
  session.rules_version = column_text(s, 1);
  session.created_ms = sqlite3_column_int64(s, 2);
  session.updated_ms = sqlite3_column_int64(s, 3);
  session.expires_ms = sqlite3_column_int64(s, 4);
  session.version = static_cast<std::uint64_t>(sqlite3_column_int64(s, 5));
  return session;
}

std::vector<transcript_entry> sqlite_store::transcript(const std::string& token_hash) {
  std::vector<transcript_entry> entries;
  const reader_lease lease = acquire_reader();
  if (!lease.conn) return entries;
  const statement_use use(lease.conn->transcript.get());
  sqlite3_stmt* s = use.get();
  bind_text(s, 1, token_hash);
  int rc = SQLITE_OK;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    transcript_entry e;
    e.turn = static_cast<int>(sqlite3_column_int64(s, 0));
    e.in_frame = column_text(s, 1);
    e.out_frame = column_text(s, 2);
    e.at_ms = sqlite3_column_int64(s, 3);
    entries.push_back(std::move(e));
  }
  if (rc != SQLITE_DONE) entries.clear();  // a read error: no partial transcript
  return entries;
}

std::optional<std::string> sqlite_store::reply_at(const std::string& token_hash, int turn) {
  const reader_lease lease = acquire_reader();
  if (!lease.conn) return std::nullopt;
  const statement_use use(lease.conn->reply_at.get());
  sqlite3_stmt* s = use.get();
  bind_text(s, 1, token_hash);
  bind_int(s, 2, turn);
  if (sqlite3_step(s) != SQLITE_ROW) return std::nullopt;
  return column_text(s, 0);
}

void sqlite_store::put(put_request request, std::function<void(put_result)> done) {
  {
    std::unique_lock lock(queue_mutex_);
    if (!stopping_ && writer_alive_) {
      queue_.push_back(queued_put{std::move(request), std::move(done)});
      ++pending_;
      lock.unlock();
      queue_cv_.notify_one();
      return;
    }
  }
  if (done) done(put_result{put_status::failed, 0, "the session store " + path_ + " is closed"});
}

void sqlite_store::flush() {
  // From a `done` (the writer thread) there is nothing to wait for that could finish.
  if (std::this_thread::get_id() == writer_thread_.get_id()) return;
  std::unique_lock lock(queue_mutex_);
  flushed_cv_.wait(lock, [this] { return pending_ == 0; });
}

void sqlite_store::writer_loop() {
  std::vector<queued_put> batch;
  for (;;) {
    {
      std::unique_lock lock(queue_mutex_);
      queue_cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) break;  // stopping, nothing left
      batch.swap(queue_);
    }
    std::vector<put_result> results;
    try {
      results = commit_batch(batch);
    } catch (const std::exception& e) {
      results.assign(batch.size(), put_result{put_status::failed, 0, std::string("could not write the session database ") + path_ + " (" + e.what() + ")"});
    }
    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (!batch[i].done) continue;
      try {
        batch[i].done(std::move(results[i]));
      } catch (...) {
        // A callback's exception must not stop the writer for every other connection.
      }
    }
    const std::size_t finished = batch.size();
    batch.clear();
    {
      const std::lock_guard lock(queue_mutex_);
      pending_ -= finished;
      if (pending_ == 0) flushed_cv_.notify_all();
    }
  }
  const std::lock_guard lock(queue_mutex_);
  writer_alive_ = false;
}

void sqlite_store::lock_for_maintenance(std::unique_lock<std::mutex>& lock) {
  // The writer thread goes first: erase/expire wait while it is waiting for the connection.
  while (writer_waiting_.load()) std::this_thread::yield();
  lock = std::unique_lock(write_mutex_);
}

put_result sqlite_store::apply_put(const put_request& request, int& rc) {
  connection& c = *writer_;
  put_result result;
  std::uint64_t current = 0;
  bool exists = false;
  bool live = false;
  {
    const statement_use use(c.read_version.get());
    sqlite3_stmt* s = use.get();
    bind_text(s, 1, request.token_hash);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
      exists = true;
      current = static_cast<std::uint64_t>(sqlite3_column_int64(s, 0));
      live = sqlite3_column_int64(s, 1) > request.session.updated_ms;
    } else if (rc != SQLITE_DONE) {
      return result;
    }
    rc = SQLITE_OK;
  }
  // expected_version 0 means "new": allowed when nothing is stored or what is stored has expired by the
  // turn's time (a new conversation under the same key). Versions keep counting up, never reused.
  const bool matches = request.expected_version == 0 ? (!exists || !live) : request.expected_version == current;
  if (!matches) {
    result.status = put_status::conflict;
    result.version = 0;
    return result;
  }
  if ((rc = step_once(c.savepoint.get())) != SQLITE_DONE) return result;
  const std::uint64_t next = current + 1;
  {
    const statement_use use(c.upsert.get());
    sqlite3_stmt* s = use.get();
    bind_text(s, 1, request.token_hash);
    bind_text(s, 2, request.session.state_json);
    bind_text(s, 3, request.session.rules_version);
    bind_int(s, 4, request.session.created_ms);
    bind_int(s, 5, request.session.updated_ms);
    bind_int(s, 6, request.session.expires_ms);
    bind_int(s, 7, static_cast<std::int64_t>(next));
    rc = sqlite3_step(s);
  }
  if (rc == SQLITE_DONE) {
    const statement_use use(c.insert_entry.get());
    sqlite3_stmt* s = use.get();
    bind_text(s, 1, request.token_hash);
    bind_int(s, 2, request.entry.turn);
    bind_text(s, 3, request.entry.in_frame);
    bind_text(s, 4, request.entry.out_frame);
    bind_int(s, 5, request.entry.at_ms);
    rc = sqlite3_step(s);
  }
  if (rc != SQLITE_DONE) {
    if (sqlite3_get_autocommit(c.db.get()) == 0) {
      step_once(c.rollback_to.get());
      step_once(c.release.get());
    }
    return result;
  }
  rc = step_once(c.release.get());
  if (rc != SQLITE_DONE) return result;
  rc = SQLITE_OK;
  result.status = put_status::ok;
  result.version = next;
  return result;
}

std::vector<put_result> sqlite_store::commit_batch(std::vector<queued_put>& batch) {
  std::vector<put_result> results(batch.size());
  const auto fail_all = [&](const std::string& error) {
    for (auto& r : results) r = put_result{put_status::failed, 0, error};
  };

  writer_waiting_.store(true);
  std::unique_lock lock(write_mutex_);
  writer_waiting_.store(false);
  connection& c = *writer_;
  sqlite3* db = c.db.get();
  const auto start = std::chrono::steady_clock::now();

  int rc = step_once(c.begin.get());
  if (rc != SQLITE_DONE) {
    fail_all(describe(rc, db, "write"));
    last_write_ok_.store(false);
    return results;
  }
  bool any_failed = false;
  try {
    for (std::size_t i = 0; i < batch.size(); ++i) {
      int error_rc = SQLITE_OK;
      results[i] = apply_put(batch[i].request, error_rc);
      if (error_rc == SQLITE_OK) continue;
      const std::string error = describe(error_rc, db, "write");
      if (sqlite3_get_autocommit(db) != 0) {  // SQLite rolled the whole transaction back
        fail_all(error);
        last_write_ok_.store(false);
        return results;
      }
      results[i] = put_result{put_status::failed, 0, error};
      any_failed = true;
    }
    rc = step_once(c.commit.get());
  } catch (...) {
    if (sqlite3_get_autocommit(db) == 0) step_once(c.rollback.get());
    throw;
  }
  if (rc != SQLITE_DONE) {
    const std::string error = describe(rc, db, "write");
    if (sqlite3_get_autocommit(db) == 0) step_once(c.rollback.get());
    fail_all(error);
    last_write_ok_.store(false);
    return results;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  last_write_ok_.store(!any_failed);
  lock.unlock();
  if (options_.on_commit) {
    try {
      options_.on_commit(seconds, batch.size());
    } catch (...) {
      // Metrics must not break the writer.
    }
  }
  return results;
}

bool sqlite_store::erase(const std::string& token_hash) {
  std::unique_lock<std::mutex> lock;
  lock_for_maintenance(lock);
  connection& c = *writer_;
  sqlite3* db = c.db.get();
  if (step_once(c.begin.get()) != SQLITE_DONE) {
    last_write_ok_.store(false);
    return false;
  }
  int changes = 0;
  bool ok = true;
  for (sqlite3_stmt* stmt : {c.erase_session.get(), c.erase_transcript.get()}) {
    const statement_use use(stmt);
    bind_text(stmt, 1, token_hash);
    if (sqlite3_step(stmt) != SQLITE_DONE) {
      ok = false;
      break;
    }
    changes += sqlite3_changes(db);
  }
  if (ok) ok = step_once(c.commit.get()) == SQLITE_DONE;
  if (!ok) {
    if (sqlite3_get_autocommit(db) == 0) step_once(c.rollback.get());
    last_write_ok_.store(false);
    return false;
  }
  return changes > 0;
}

std::size_t sqlite_store::expire(std::int64_t now_ms, std::int64_t transcript_cutoff_ms) {
  // Small transactions, so a large purge holds the writer thread up by one chunk at most.
  const auto purge = [this](stmt_ptr connection::*which, std::int64_t limit_ms) -> std::size_t {
    std::size_t total = 0;
    for (;;) {
      std::unique_lock<std::mutex> lock;
      lock_for_maintenance(lock);
      connection& c = *writer_;
      sqlite3* db = c.db.get();
      if (step_once(c.begin.get()) != SQLITE_DONE) {
        last_write_ok_.store(false);
        return total;
      }
      int changes = 0;
      bool ok = false;
      {
        const statement_use use((c.*which).get());
        bind_int(use.get(), 1, limit_ms);
        sqlite3_bind_int64(use.get(), 2, purge_chunk);
        ok = sqlite3_step(use.get()) == SQLITE_DONE;
        if (ok) changes = sqlite3_changes(db);
      }
      if (ok) ok = step_once(c.commit.get()) == SQLITE_DONE;
      if (!ok) {
        if (sqlite3_get_autocommit(db) == 0) step_once(c.rollback.get());
        last_write_ok_.store(false);
        return total;
      }
      total += static_cast<std::size_t>(changes);
      if (changes < purge_chunk) return total;
    }
  };
  const std::size_t removed = purge(&connection::expire_sessions, now_ms);
  purge(&connection::expire_transcripts, transcript_cutoff_ms);
  return removed;
}

bool sqlite_store::healthy() {
  {
    const std::lock_guard lock(queue_mutex_);
    if (!writer_alive_ || stopping_) return false;
  }
  {
    const reader_lease lease = acquire_reader();
    if (!lease.conn) return false;
    const int rc = step_once(lease.conn->ping.get());
    if (rc != SQLITE_DONE) return false;
  }
  if (last_write_ok_.load()) return true;
  // The last write failed: can the writer still take the write lock?
  std::unique_lock<std::mutex> lock;
  lock_for_maintenance(lock);
  connection& c = *writer_;
  if (step_once(c.begin.get()) != SQLITE_DONE) return false;
  return step_once(c.rollback.get()) == SQLITE_DONE;
}

std::string sqlite_store::journal_mode() {
  std::unique_lock<std::mutex> lock;
  lock_for_maintenance(lock);
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(writer_->db.get(), "PRAGMA journal_mode", -1, &raw, nullptr) != SQLITE_OK) return {};
  const stmt_ptr stmt(raw);
  return sqlite3_step(raw) == SQLITE_ROW ? column_text(raw, 0) : std::string();
}

int sqlite_store::synchronous() {
  std::unique_lock<std::mutex> lock;
  lock_for_maintenance(lock);
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(writer_->db.get(), "PRAGMA synchronous", -1, &raw, nullptr) != SQLITE_OK) return -1;
  const stmt_ptr stmt(raw);
  return sqlite3_step(raw) == SQLITE_ROW ? sqlite3_column_int(raw, 0) : -1;
}

}  // namespace triagebot::store
