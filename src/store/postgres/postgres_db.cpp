// PostgreSQL engine: a pool of libpq connections and transactions that are run
// again when the server says running them again is safe. READ COMMITTED is
// enough: inventory and check-in are conditional UPDATEs, and a blocked UPDATE
// re-checks its WHERE clause against the committed row.
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>

#include "core/log.hpp"
#include "store/db.hpp"
#include "store/postgres/pg_listener.hpp"
#include "store/postgres/pg_pool.hpp"

namespace evient::store {
namespace {

using postgres::ConnectionPool;
using postgres::PgConnection;
using postgres::TransientConflict;

// A lost connection usually means a restarted server or a dropped socket; two
// fresh connections are enough to tell that from an outage.
constexpr int kMaxLostRetries = 2;
// Deadlocks and serialization failures clear once the other transaction ends.
constexpr int kMaxConflictRetries = 3;

void rollback_quietly(PgConnection& conn) {
  if (conn.broken()) return;
  try {
    conn.exec_script("ROLLBACK");
  } catch (const std::exception& e) {
    // The caller's exception matters more; the pool closes this connection
    // because it is no longer idle.
    log::warn(std::string("postgres: ROLLBACK failed: ") + e.what());
  }
}

class PostgresDatabase final : public Database {
 public:
  PostgresDatabase(std::string url, std::size_t pool_size)
      : url_(url), pool_(std::move(url), pool_size) {}

  // Commits that wrote accounts NOTIFY (store::Tx); the listener hears other
  // processes' ones, so that their token checks may cache users
  // (services/auth_service). Started on the first question, so tools and
  // short-lived handles never open its connection.
  bool sees_account_changes() const override {
    std::call_once(listener_started_, [this] {
      accounts_ = std::make_unique<postgres::Listener>(
          url_, std::string(kAccountsChannel),
          [this] { const_cast<PostgresDatabase*>(this)->note_account_change(); },
          [this](bool on) { listening_.store(on, std::memory_order_release); });
    });
    return listening_.load(std::memory_order_acquire);
  }

  void transact(TxMode mode, const std::function<void(Tx&)>& work) override {
    int lost = 0;
    int conflicts = 0;
    for (;;) {
      try {
        // After a lost connection, start over on a new one, never a pooled one
        // that may have died the same way.
        run_once(mode, work, /*fresh=*/lost > 0);
        if (mode == TxMode::Write) bump_write_generation();
        return;
      } catch (const ConnectionLost&) {
        if (++lost > kMaxLostRetries) throw;
      } catch (const TransientConflict&) {
        if (++conflicts > kMaxConflictRetries) throw;
        // A short, growing pause lets the transaction that won finish first.
        std::this_thread::sleep_for(std::chrono::milliseconds(1 << conflicts));
      }
    }
  }

  void with_connection(const std::function<void(Connection&)>& work) override {
    auto lease = pool_.acquire();
    struct Bump {
      PostgresDatabase& db;
      ~Bump() { db.bump_write_generation(); }
    } bump{*this};
    work(*lease);
  }

  Engine engine() const override { return Engine::Postgres; }

  bool ping() override {
    try {
      try {
        pool_.acquire()->exec("SELECT 1", {});
      } catch (const ConnectionLost&) {
        // A pooled connection may predate a server restart; only a new one
        // failing says the server is down.
        pool_.acquire(/*fresh=*/true)->exec("SELECT 1", {});
      }
      return true;
    } catch (const std::exception&) {
      return false;
    }
  }

 private:
  void run_once(TxMode mode, const std::function<void(Tx&)>& work, bool fresh) {
    auto lease = pool_.acquire(fresh);
    PgConnection& conn = *lease;
    conn.exec_script(mode == TxMode::Read ? "BEGIN READ ONLY" : "BEGIN");
    try {
      Tx tx(conn);
      work(tx);
    } catch (...) {
      rollback_quietly(conn);
      throw;
    }
    commit(conn);
  }

  void commit(PgConnection& conn) {
    if (conn.broken()) throw ConnectionLost("PostgreSQL connection lost before COMMIT");
    // If `work` swallowed a failed statement, PostgreSQL would answer COMMIT
    // with a silent ROLLBACK; the caller must learn its writes are gone.
    if (conn.transaction_status() == PQTRANS_INERROR) {
      rollback_quietly(conn);
      throw DatabaseError("transaction aborted by an earlier failed statement; rolled back");
    }
    try {
      conn.exec_script("COMMIT");
    } catch (const ConnectionLost& e) {
      // The outcome is unknown: count it as a write (see write_generation()).
      bump_write_generation();
      // The server may have committed before the socket failed: running the
      // work again could apply it twice.
      throw DatabaseError(std::string("connection lost during COMMIT; outcome unknown: ") +
                          e.what());
    }
  }

  const std::string url_;
  ConnectionPool pool_;
  mutable std::atomic<bool> listening_{false};
  mutable std::once_flag listener_started_;
  // Last: its thread calls into the members above until it is joined.
  mutable std::unique_ptr<postgres::Listener> accounts_;
};

}  // namespace

std::unique_ptr<Database> open_postgres(const DatabaseOptions& options) {
  if (options.pool_size < 1) throw DatabaseError("PostgreSQL pool_size must be at least 1");
  auto db =
      std::make_unique<PostgresDatabase>(options.url, static_cast<std::size_t>(options.pool_size));
  // Connect once now, so a wrong URL or a server that is down fails at start-up
  // rather than at the first request. The connection stays in the pool.
  db->with_connection([](Connection&) {});
  return db;
}

}  // namespace evient::store
