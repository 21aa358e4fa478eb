#pragma once
// The engine-neutral database interface. Repositories (store/*_repo.cpp) write
// portable SQL with $1..$n parameters against `Tx`; the two engines
// (sqlite/, postgres/) implement `Connection` and `Database`. Services never see
// which engine runs.
#include <atomic>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "core/clock.hpp"
#include "core/unavailable.hpp"
#include "store/dialect.hpp"
#include "store/write_queue.hpp"

namespace evient::store {

// A bound parameter. Timestamps are bound as ISO-8601 text (see core/time.hpp);
// booleans become 0/1 on SQLite and true/false on PostgreSQL.
using Param = std::variant<std::nullptr_t, std::int64_t, std::string, bool>;

// A fully materialised result. Every cell is text (PostgreSQL's text format,
// SQLite's value rendered as text) or NULL; accessors convert.
class Result {
 public:
  Result() = default;
  Result(std::vector<std::string> columns, std::vector<std::optional<std::string>> cells,
         std::int64_t affected)
      : columns_(std::move(columns)), cells_(std::move(cells)), affected_(affected) {}

  class Row {
   public:
    Row(const Result* r, std::size_t i) : r_(r), i_(i) {}
    // By position: for single-value queries (COUNT(*), RETURNING id). Rows of
    // several columns are read by name (store/rows.hpp), so that adding a
    // column never shifts what a mapper reads.
    bool is_null(std::size_t col) const { return !cell(col).has_value(); }
    const std::string& text(std::size_t col) const;  // throws on NULL
    std::optional<std::string> opt_text(std::size_t col) const { return cell(col); }
    std::int64_t i64(std::size_t col) const;  // throws on NULL
    std::optional<std::int64_t> opt_i64(std::size_t col) const;
    bool boolean(std::size_t col) const;    // "1"/"t"/"true" -> true
    Timestamp time(std::size_t col) const;  // throws on NULL
    std::optional<Timestamp> opt_time(std::size_t col) const;

    // By column name (the SELECT list's name or alias); throws DatabaseError
    // when the statement has no such column.
    bool is_null(std::string_view col) const { return is_null(r_->column(col)); }
    const std::string& text(std::string_view col) const { return text(r_->column(col)); }
    std::optional<std::string> opt_text(std::string_view col) const {
      return opt_text(r_->column(col));
    }
    std::int64_t i64(std::string_view col) const { return i64(r_->column(col)); }
    std::optional<std::int64_t> opt_i64(std::string_view col) const {
      return opt_i64(r_->column(col));
    }
    bool boolean(std::string_view col) const { return boolean(r_->column(col)); }
    Timestamp time(std::string_view col) const { return time(r_->column(col)); }
    std::optional<Timestamp> opt_time(std::string_view col) const {
      return opt_time(r_->column(col));
    }

   private:
    const std::optional<std::string>& cell(std::size_t col) const;
    const Result* r_;
    std::size_t i_;
  };

  std::size_t size() const { return columns_.empty() ? 0 : cells_.size() / columns_.size(); }
  bool empty() const { return size() == 0; }
  Row row(std::size_t i) const { return Row(this, i); }
  Row operator[](std::size_t i) const { return row(i); }
  std::optional<Row> first() const {
    if (empty()) return std::nullopt;
    return row(0);
  }
  // Rows changed by INSERT/UPDATE/DELETE (with or without RETURNING); 0 for SELECT.
  std::int64_t affected() const { return affected_; }
  const std::vector<std::string>& columns() const { return columns_; }
  // The position of the column named `name`; throws DatabaseError when there is
  // none. A linear scan: rows have a few dozen columns at most.
  std::size_t column(std::string_view name) const;

 private:
  friend class Row;
  std::vector<std::string> columns_;
  std::vector<std::optional<std::string>> cells_;  // row-major
  std::int64_t affected_ = 0;
};

// Raised for constraint violations so repositories can map a named constraint
// (e.g. uniq_users_email) to a domain error.
class ConstraintViolation : public std::runtime_error {
 public:
  ConstraintViolation(std::string constraint, std::string detail)
      : std::runtime_error(detail), constraint_(std::move(constraint)) {}
  // Best effort: PostgreSQL names it; for SQLite the engine derives the name from the
  // index/columns named in the message (e.g. "users.email" -> "uniq_users_email").
  const std::string& constraint() const { return constraint_; }

 private:
  std::string constraint_;
};

// The database cannot serve: unreachable, disk full or failing, locked for too
// long. Clients get 503 with Retry-After (core/unavailable.hpp).
class DatabaseUnavailable : public Unavailable {
 public:
  explicit DatabaseUnavailable(const std::string& what) : Unavailable(what) {}
};

// The connection broke (server gone, socket closed). The engine may retry a
// whole transaction that had not reached COMMIT; past its retries the
// database is out.
class ConnectionLost : public DatabaseUnavailable {
 public:
  explicit ConnectionLost(const std::string& what) : DatabaseUnavailable(what) {}
};

// Any other database failure (syntax, type mismatch, ...). Never shown to clients.
class DatabaseError : public std::runtime_error {
 public:
  explicit DatabaseError(const std::string& what) : std::runtime_error(what) {}
};

// The server rolled a statement back to break a lock conflict (PostgreSQL
// SQLSTATE 40001 serialization_failure, 40P01 deadlock_detected); running the
// work again may well succeed. Database::transact retries it; the write queue
// runs a job that hit it again alone.
class TransientConflict : public DatabaseError {
 public:
  explicit TransientConflict(const std::string& what) : DatabaseError(what) {}
};

// Each connection caches its prepared statements by SQL text. Dynamic SQL (say,
// IN lists of varying length) would otherwise grow the cache for the life of
// the connection; past this many statements an engine starts over.
inline constexpr std::size_t kMaxCachedStatements = 1000;

class Connection {
 public:
  virtual ~Connection() = default;
  // Runs one statement with $1..$n parameters. Statements are prepared once per
  // connection and cached by SQL text.
  virtual Result exec(std::string_view sql, const std::vector<Param>& params) = 0;
  // Runs several ;-separated statements without parameters (migrations, BEGIN...).
  virtual void exec_script(std::string_view sql) = 0;
  virtual Engine engine() const = 0;
  const Dialect& dialect() const { return dialect_of(engine()); }
};

// What a statement may change, as far as cached catalogue pages care
// (Database::catalog_generation()).
enum class WriteKind {
  None,          // reads only
  Availability,  // only what the catalogue overlays at serve time: sales and holds
  Other,         // anything else, and whatever is not recognised
};
// Classifies a statement by its text: SELECT reads; INSERT/UPDATE/DELETE on
// orders, tickets and other tables the catalogue does not show, and UPDATEs
// that set only ticket_types.quantity_sold or event_seats' sale state, are
// Availability; everything else is Other.
WriteKind classify_statement(std::string_view sql);
// Whether the statement may change who a token belongs to or whether it is
// still good: a write to users or revoked_tokens, except an UPDATE that only
// assigns columns to themselves (a row lock, as checkout takes on the buyer).
bool writes_accounts(std::string_view sql);
// The PostgreSQL channel on which commits that wrote accounts are announced.
inline constexpr std::string_view kAccountsChannel = "evient_accounts";

// One unit of work on one connection, inside a transaction.
class Tx {
 public:
  // A transaction starts with nothing written (see ~Tx and
  // Database::bump_write_generation()).
  explicit Tx(Connection& c);
  ~Tx();
  Tx(const Tx&) = delete;
  Tx& operator=(const Tx&) = delete;
  Result exec(std::string_view sql, const std::vector<Param>& params = {}) {
    note(sql);
    return conn_.exec(sql, params);
  }
  std::optional<Result::Row> one(std::string_view sql, const std::vector<Param>& params,
                                 Result& holder) {
    holder = conn_.exec(sql, params);
    return holder.first();
  }
  Engine engine() const { return conn_.engine(); }
  const Dialect& dialect() const { return conn_.dialect(); }
  Connection& connection() { return conn_; }
  // Set while the write queue runs a batch that adds reservations up
  // (store/write_queue.hpp); null otherwise.
  DeferredReservations* deferred_reservations() const { return deferred_; }
  void defer_reservations_to(DeferredReservations* deferred) { deferred_ = deferred; }

 private:
  // Records what `sql` writes; on PostgreSQL, the first write to accounts also
  // queues a notification to other processes (sent by the server at COMMIT).
  void note(std::string_view sql);

  Connection& conn_;
  WriteKind wrote_ = WriteKind::None;
  bool wrote_accounts_ = false;
  int unwinding_at_start_ = 0;
  DeferredReservations* deferred_ = nullptr;
};

enum class TxMode { Read, Write };

class Database {
 public:
  Database() = default;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  virtual ~Database() = default;
  // Runs `work` in one transaction on one pooled connection: commit when it
  // returns, roll back when it throws (and rethrow). Write transactions on SQLite
  // start with BEGIN IMMEDIATE. When the connection is lost before COMMIT was
  // sent, the engine replaces the connection and runs `work` again (at most 2
  // retries); `work` must therefore have no side effects outside the database.
  // A failure during COMMIT itself is a DatabaseError (outcome unknown), never retried.
  virtual void transact(TxMode mode, const std::function<void(Tx&)>& work) = 0;
  // Runs statements outside any transaction (migrations manage their own).
  virtual void with_connection(const std::function<void(Connection&)>& work) = 0;
  virtual Engine engine() const = 0;
  const Dialect& dialect() const { return dialect_of(engine()); }
  // Cheap liveness check for /readyz.
  virtual bool ping() = 0;

  // Counts write transactions that committed through this object (and
  // with_connection calls, which may write). Bumped after COMMIT returns and
  // before transact() does, so a reader that sees the new value also sees the
  // new data. Caches stamp what they store with it (services/catalog_cache.hpp).
  // Writes by other processes are not counted: caches bound that with a max age.
  std::uint64_t write_generation() const {
    return write_generation_.load(std::memory_order_acquire);
  }
  // Like write_generation(), but not bumped by transactions whose statements
  // all changed only availability (classify_statement(): an order, a payment,
  // a released hold, a check-in). Cached catalogue pages are stamped with it and
  // overlay availability at serve time, so an on-sale does not evict them.
  // Conservative by construction: a commit the engine cannot attribute to a
  // transaction that ended on the same thread (with_connection, a hand-off
  // between threads) counts as Other.
  std::uint64_t catalog_generation() const {
    return catalog_generation_.load(std::memory_order_acquire);
  }
  // Like write_generation(), for commits that wrote accounts (writes_accounts())
  // — and, where sees_account_changes() holds, for such commits by other
  // processes too. The token check caches users against it.
  std::uint64_t account_generation() const {
    return account_generation_.load(std::memory_order_acquire);
  }
  // Whether account changes made by other processes reach account_generation()
  // right now. PostgreSQL: while its listener connection LISTENs on
  // kAccountsChannel. SQLite: never (another process may share the file and
  // would not tell), so nothing about accounts may be cached there.
  virtual bool sees_account_changes() const { return false; }

  template <class F>
  auto write(F&& f) {
    using R = decltype(f(std::declval<Tx&>()));
    if constexpr (std::is_void_v<R>) {
      transact(TxMode::Write, [&](Tx& tx) { f(tx); });
    } else {
      std::optional<R> out;
      transact(TxMode::Write, [&](Tx& tx) { out.emplace(f(tx)); });
      return std::move(*out);
    }
  }
  // Like write(), but through the write queue: `f` runs in its own savepoint
  // inside a transaction shared with the other writes waiting at that moment,
  // and returns (or throws) once that transaction committed. For the hot
  // writes (orders, payments, check-ins, releases); see store/write_queue.hpp
  // for what `f` may and may not do.
  template <class F>
  auto batched(F&& f) {
    using R = decltype(f(std::declval<Tx&>()));
    if constexpr (std::is_void_v<R>) {
      write_queue_.run([&](Tx& tx) { f(tx); });
    } else {
      std::optional<R> out;
      write_queue_.run([&](Tx& tx) { out.emplace(f(tx)); });
      return std::move(*out);
    }
  }
  WriteQueue& write_queue() { return write_queue_; }

  template <class F>
  auto read(F&& f) {
    using R = decltype(f(std::declval<Tx&>()));
    if constexpr (std::is_void_v<R>) {
      transact(TxMode::Read, [&](Tx& tx) { f(tx); });
    } else {
      std::optional<R> out;
      transact(TxMode::Read, [&](Tx& tx) { out.emplace(f(tx)); });
      return std::move(*out);
    }
  }

 protected:
  // Engines call this after every COMMIT of a write transaction (and after
  // with_connection). Whether the commit was availability-only is what the
  // last Tx that ended on this thread recorded; the record is consumed here.
  void bump_write_generation();
  // Another process may have changed accounts (a notification, or a listener
  // that reconnected and may have missed some).
  void note_account_change() { account_generation_.fetch_add(1, std::memory_order_acq_rel); }

 private:
  std::atomic<std::uint64_t> write_generation_{0};
  std::atomic<std::uint64_t> catalog_generation_{0};
  std::atomic<std::uint64_t> account_generation_{0};
  WriteQueue write_queue_{*this};
};

struct DatabaseOptions {
  std::string url;    // a file path for SQLite, postgres:// or postgresql:// for PostgreSQL
  int pool_size = 4;  // connections
  // synchronous=FULL (every commit on disk before it is acknowledged) rather
  // than NORMAL (a power cut may lose the last commits). Group commit (the
  // write queue) is what pays for FULL.
  bool sqlite_full_sync = true;
};

// Chooses the engine from the URL.
std::unique_ptr<Database> open_database(const DatabaseOptions& options);
std::unique_ptr<Database> open_sqlite(const DatabaseOptions& options);
std::unique_ptr<Database> open_postgres(const DatabaseOptions& options);

}  // namespace evient::store
