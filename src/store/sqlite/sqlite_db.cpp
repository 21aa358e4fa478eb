// SQLite engine: the embedded default. WAL mode lets readers run beside the one
// writer; write transactions start with BEGIN IMMEDIATE so they queue for the
// write lock instead of failing later with SQLITE_BUSY.
#include <sqlite3.h>

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/metrics.hpp"
#include "store/db.hpp"
#include "store/sqlite/sqlite_diagnosis.hpp"

namespace evient::store {
namespace {

// "UNIQUE constraint failed: users.email" -> "uniq_users_email", so repositories
// can map the same constraint names on both engines.
std::string constraint_from_message(const std::string& msg) {
  const std::string unique_prefix = "UNIQUE constraint failed: ";
  if (msg.starts_with(unique_prefix)) {
    std::string rest = msg.substr(unique_prefix.size());
    std::string name = "uniq";
    std::string table;
    std::size_t pos = 0;
    bool first = true;
    while (pos < rest.size()) {
      std::size_t comma = rest.find(", ", pos);
      std::string part =
          rest.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
      std::size_t dot = part.find('.');
      if (dot != std::string::npos) {
        if (first) name += "_" + part.substr(0, dot);
        name += "_" + part.substr(dot + 1);
      }
      first = false;
      if (comma == std::string::npos) break;
      pos = comma + 2;
    }
    return name;
  }
  const std::string check_prefix = "CHECK constraint failed: ";
  if (msg.starts_with(check_prefix)) return msg.substr(check_prefix.size());
  if (msg.find("FOREIGN KEY") != std::string::npos) return "foreign_key";
  if (msg.find("NOT NULL") != std::string::npos) return "not_null";
  return "unknown";
}

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(const std::string& path, bool full_sync) {
    int rc =
        sqlite3_open_v2(path.c_str(), &db_,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close_v2(db_);
      throw DatabaseUnavailable(msg);
    }
    // SQLite opens a write-protected file read-only without a word; every
    // write would then fail.
    if (sqlite3_db_readonly(db_, "main") == 1) {
      sqlite3_close_v2(db_);
      throw DatabaseUnavailable("the file is read-only");
    }
    sqlite3_busy_timeout(db_, 10000);
    sqlite3_extended_result_codes(db_, 1);
    try {
      exec_script("PRAGMA journal_mode=WAL;");
      exec_script(full_sync ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;");
      exec_script("PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;");
    } catch (...) {
      sqlite3_close_v2(db_);  // the destructor does not run for a constructor that throws
      throw;
    }
  }

  ~SqliteConnection() override {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  Result exec(std::string_view sql, const std::vector<Param>& params) override {
    sqlite3_stmt* stmt = prepare(sql);
    // Reset on every exit path so the statement never holds a read snapshot.
    struct Reset {
      sqlite3_stmt* s;
      ~Reset() {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
      }
    } reset{stmt};
    bind(stmt, params);

    const int ncols = sqlite3_column_count(stmt);
    std::vector<std::string> columns;
    columns.reserve(ncols);
    for (int i = 0; i < ncols; ++i) columns.emplace_back(sqlite3_column_name(stmt, i));
    std::vector<std::optional<std::string>> cells;
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) fail(rc);
      for (int i = 0; i < ncols; ++i) {
        switch (sqlite3_column_type(stmt, i)) {
          case SQLITE_NULL:
            cells.emplace_back(std::nullopt);
            break;
          case SQLITE_INTEGER:
            cells.emplace_back(std::to_string(sqlite3_column_int64(stmt, i)));
            break;
          default: {
            const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
            cells.emplace_back(std::string(p ? p : "", sqlite3_column_bytes(stmt, i)));
          }
        }
      }
    }
    std::int64_t affected = sqlite3_stmt_readonly(stmt) ? 0 : sqlite3_changes64(db_);
    if (ncols == 0) columns.clear();
    return Result(std::move(columns), std::move(cells), affected);
  }

  void exec_script(std::string_view sql) override {
    char* err = nullptr;
    std::string text(sql);
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : sqlite3_errstr(rc);
      sqlite3_free(err);
      raise(rc, msg);
    }
  }

  Engine engine() const override { return Engine::Sqlite; }

 private:
  sqlite3_stmt* prepare(std::string_view sql) {
    std::string key(sql);
    auto it = statements_.find(key);
    if (it != statements_.end()) return it->second;
    if (statements_.size() >= kMaxCachedStatements) {
      // No statement is in use here: exec() resets its own before returning.
      for (auto& [text, cached] : statements_) sqlite3_finalize(cached);
      statements_.clear();
    }
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) fail(rc);
    statements_.emplace(std::move(key), stmt);
    return stmt;
  }

  void bind(sqlite3_stmt* stmt, const std::vector<Param>& params) {
    for (std::size_t i = 0; i < params.size(); ++i) {
      // Parameters are written $1..$n in the SQL, as PostgreSQL wants them; SQLite
      // treats those as named parameters.
      const std::string name = "$" + std::to_string(i + 1);
      int idx = sqlite3_bind_parameter_index(stmt, name.c_str());
      if (idx == 0) continue;  // parameter not used by this statement
      const Param& p = params[i];
      int rc = SQLITE_OK;
      if (std::holds_alternative<std::nullptr_t>(p)) {
        rc = sqlite3_bind_null(stmt, idx);
      } else if (auto* n = std::get_if<std::int64_t>(&p)) {
        rc = sqlite3_bind_int64(stmt, idx, *n);
      } else if (auto* b = std::get_if<bool>(&p)) {
        rc = sqlite3_bind_int(stmt, idx, *b ? 1 : 0);
      } else {
        const auto& s = std::get<std::string>(p);
        rc = sqlite3_bind_text(stmt, idx, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
      }
      if (rc != SQLITE_OK) fail(rc);
    }
  }

  [[noreturn]] void fail(int rc) { raise(rc, sqlite3_errmsg(db_)); }

  [[noreturn]] static void raise(int rc, const std::string& msg) {
    if ((rc & 0xff) == SQLITE_CONSTRAINT)
      throw ConstraintViolation(constraint_from_message(msg), msg);
    if (is_outage(rc)) throw DatabaseUnavailable("sqlite: " + msg);
    throw DatabaseError("sqlite: " + msg);
  }

  // The disk or the file, not the statement: full, failing, read-only, gone,
  // or locked by another process past busy_timeout.
  static bool is_outage(int rc) {
    switch (rc & 0xff) {
      case SQLITE_FULL:
      case SQLITE_IOERR:
      case SQLITE_CANTOPEN:
      case SQLITE_READONLY:
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
      case SQLITE_NOMEM:
      case SQLITE_NOLFS:
        return true;
      default:
        return false;
    }
  }

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(const DatabaseOptions& options)
      : path_(options.url),
        full_sync_(options.sqlite_full_sync),
        max_(std::max(1, options.pool_size)) {
    if (path_.starts_with("sqlite://")) path_ = path_.substr(9);
    std::filesystem::path parent = std::filesystem::path(path_).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    // Open one connection eagerly so a bad path fails at start-up, saying why.
    try {
      if (ec) throw DatabaseUnavailable("cannot create its directory: " + ec.message());
      idle_.push_back(std::make_unique<SqliteConnection>(path_, full_sync_));
    } catch (const std::runtime_error& e) {
      throw DatabaseUnavailable(sqlite::explain_open_failure(path_, e.what()));
    }
    created_ = 1;
    metrics::registry().pool_size.add(1);
  }
  ~SqliteDatabase() override { metrics::registry().pool_size.add(-created_); }

  void transact(TxMode mode, const std::function<void(Tx&)>& work) override {
    Lease lease(*this);
    // One writer at a time in this process: SQLite allows only one anyway, and
    // queueing here is fairer and cheaper than its sleeping busy handler. Other
    // processes are still serialised by BEGIN IMMEDIATE + busy_timeout.
    std::unique_lock<std::mutex> write_lock(write_mutex_, std::defer_lock);
    if (mode == TxMode::Write) write_lock.lock();
    Connection& conn = *lease.conn;
    conn.exec_script(mode == TxMode::Write ? "BEGIN IMMEDIATE" : "BEGIN");
    bool committing = false;
    try {
      Tx tx(conn);
      work(tx);
      committing = true;
      conn.exec_script("COMMIT");
    } catch (...) {
      // A failed COMMIT may still have written: count it, so a cache never
      // keeps a page that might be stale. A rolled-back `work` changed nothing.
      if (committing && mode == TxMode::Write) bump_write_generation();
      try {
        conn.exec_script("ROLLBACK");
      } catch (const std::exception&) {
        // The transaction may already be gone (e.g. rolled back by SQLite itself).
      }
      throw;
    }
    if (mode == TxMode::Write) bump_write_generation();
  }

  void with_connection(const std::function<void(Connection&)>& work) override {
    Lease lease(*this);
    std::lock_guard<std::mutex> write_lock(write_mutex_);
    struct Bump {
      SqliteDatabase& db;
      ~Bump() { db.bump_write_generation(); }
    } bump{*this};
    work(*lease.conn);
  }

  Engine engine() const override { return Engine::Sqlite; }

  bool ping() override {
    try {
      Lease lease(*this);
      lease.conn->exec("SELECT 1", {});
      return true;
    } catch (const std::exception&) {
      return false;
    }
  }

 private:
  struct Lease {
    explicit Lease(SqliteDatabase& db) : db(db), conn(db.acquire()) {}
    ~Lease() { db.release(std::move(conn)); }
    SqliteDatabase& db;
    std::unique_ptr<SqliteConnection> conn;
  };

  std::unique_ptr<SqliteConnection> acquire() {
    auto& m = metrics::registry();
    std::unique_lock<std::mutex> lock(pool_mutex_);
    std::optional<std::chrono::steady_clock::time_point> waited_since;
    const auto lent = [&] {
      m.pool_in_use.add(1);
      if (waited_since) m.pool_wait.observe(std::chrono::steady_clock::now() - *waited_since);
    };
    for (;;) {
      if (!idle_.empty()) {
        auto c = std::move(idle_.back());
        idle_.pop_back();
        lent();
        return c;
      }
      if (created_ < max_) {
        ++created_;
        lock.unlock();
        try {
          auto c = std::make_unique<SqliteConnection>(path_, full_sync_);
          m.pool_size.add(1);
          lent();
          return c;
        } catch (...) {
          std::lock_guard<std::mutex> relock(pool_mutex_);
          --created_;
          throw;
        }
      }
      if (!waited_since) {
        m.pool_waits.inc();
        waited_since = std::chrono::steady_clock::now();
      }
      available_.wait(lock);
    }
  }

  void release(std::unique_ptr<SqliteConnection> conn) {
    {
      std::lock_guard<std::mutex> lock(pool_mutex_);
      idle_.push_back(std::move(conn));
    }
    metrics::registry().pool_in_use.add(-1);
    available_.notify_one();
  }

  std::string path_;
  bool full_sync_;
  int max_;
  int created_ = 0;
  std::mutex pool_mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_;
  std::mutex write_mutex_;
};

}  // namespace

std::unique_ptr<Database> open_sqlite(const DatabaseOptions& options) {
  return std::make_unique<SqliteDatabase>(options);
}

}  // namespace evient::store
