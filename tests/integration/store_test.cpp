// The store interface, run against whichever engine EVIENT_TEST_ENGINE names:
// the same expectations hold on SQLite and on PostgreSQL, or repositories could
// not share their SQL.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <latch>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "store/db.hpp"
#include "support/test_db.hpp"

namespace evient::store {
namespace {

using namespace std::chrono;

std::string schema(Engine engine) {
  // Timestamps are the one type without a portable spelling (migrations use
  // {{TIMESTAMP}}); everything else here is the same DDL on both engines.
  const std::string timestamp = engine == Engine::Postgres ? "TIMESTAMPTZ" : "TEXT";
  return "CREATE TABLE t ("
         "  id BIGINT PRIMARY KEY,"
         "  name TEXT NOT NULL,"
         "  active BOOLEAN NOT NULL,"
         "  note TEXT,"
         "  starts_at " +
         timestamp +
         ","
         "  sold BIGINT NOT NULL DEFAULT 0,"
         "  total BIGINT NOT NULL DEFAULT 0,"
         "  CONSTRAINT uniq_t_name UNIQUE (name)"
         ");"
         "CREATE TABLE notes (id BIGINT PRIMARY KEY, body TEXT NOT NULL);";
}

constexpr std::string_view kInsert =
    "INSERT INTO t (id, name, active, note, starts_at, total) VALUES ($1, $2, $3, $4, $5, $6)";
constexpr std::string_view kCount = "SELECT COUNT(*) FROM t";

class StoreTest : public ::testing::Test {
 protected:
  StoreTest() : db_(test_db_.open()) {
    db_->with_connection([](Connection& c) { c.exec_script(schema(c.engine())); });
  }

  std::int64_t count() {
    return db_->read([](Tx& tx) { return tx.exec(kCount).row(0).i64(0); });
  }

  void insert(std::int64_t id, const std::string& name, std::int64_t total = 0) {
    db_->write([&](Tx& tx) {
      tx.exec(kInsert, {id, name, true, nullptr, std::string("2026-12-25T19:00:00Z"), total});
    });
  }

  bool postgres() const { return db_->engine() == Engine::Postgres; }

  test::TestDatabase test_db_;
  std::unique_ptr<Database> db_;
};

TEST_F(StoreTest, ReportsTheEngineItRunsOn) {
  EXPECT_EQ(db_->engine(), test::test_engine() == "postgres" ? Engine::Postgres : Engine::Sqlite);
  EXPECT_TRUE(db_->ping());
}

TEST_F(StoreTest, BindsEveryParamTypeAndReadsItBack) {
  const Timestamp starts = sys_days{2026y / 12 / 25} + 19h;
  db_->write([&](Tx& tx) {
    EXPECT_EQ(tx.exec(kInsert, {std::int64_t{1}, std::string("Hội chợ"), true, nullptr,
                                std::string("2026-12-25T19:00:00Z"), std::int64_t{9'000'000'000}})
                  .affected(),
              1);
    tx.exec(kInsert, {std::int64_t{2}, std::string("b"), false, std::string("it's \"quoted\""),
                      nullptr, std::int64_t{-5}});
  });

  Result r = db_->read([](Tx& tx) {
    return tx.exec("SELECT id, name, active, note, starts_at, total FROM t ORDER BY id");
  });
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r.columns(),
            (std::vector<std::string>{"id", "name", "active", "note", "starts_at", "total"}));

  const Result::Row first = r[0];
  EXPECT_EQ(first.i64(0), 1);
  EXPECT_EQ(first.text(1), "Hội chợ");
  EXPECT_TRUE(first.boolean(2));
  EXPECT_TRUE(first.is_null(3));
  EXPECT_EQ(first.opt_text(3), std::nullopt);
  EXPECT_THROW(first.text(3), DatabaseError);
  EXPECT_EQ(first.time(4), starts);
  EXPECT_EQ(first.opt_time(4), starts);
  EXPECT_EQ(first.i64(5), 9'000'000'000);

  const Result::Row second = r[1];
  EXPECT_FALSE(second.boolean(2));
  EXPECT_EQ(second.opt_text(3), "it's \"quoted\"");
  EXPECT_EQ(second.opt_time(4), std::nullopt);
  EXPECT_EQ(second.opt_i64(5), -5);
}

TEST_F(StoreTest, FiltersOnBoundParams) {
  insert(1, "a");
  insert(2, "b");
  db_->write([](Tx& tx) { tx.exec("UPDATE t SET active = $1 WHERE id = $2", {false, 2L}); });
  Result r = db_->read([](Tx& tx) {
    return tx.exec("SELECT name FROM t WHERE active = $1 AND name <> $2", {true, "zzz"});
  });
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].text(0), "a");
  Result none = db_->read([](Tx& tx) { return tx.exec("SELECT id FROM t WHERE id = $1", {9L}); });
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none.first(), std::nullopt);
}

TEST_F(StoreTest, CountsAffectedRows) {
  insert(1, "a");
  insert(2, "b");
  db_->write([](Tx& tx) {
    EXPECT_EQ(tx.exec("UPDATE t SET sold = sold + 1").affected(), 2);
    Result returning = tx.exec("UPDATE t SET sold = sold + 1 WHERE id = $1 RETURNING sold", {1L});
    EXPECT_EQ(returning.affected(), 1);
    ASSERT_EQ(returning.size(), 1u);
    EXPECT_EQ(returning[0].i64(0), 2);
    EXPECT_EQ(tx.exec("DELETE FROM t WHERE id = $1", {42L}).affected(), 0);
  });
}

TEST_F(StoreTest, ReusesPreparedStatementsWithNewParams) {
  db_->write([](Tx& tx) {
    for (std::int64_t i = 1; i <= 20; ++i) {
      tx.exec("INSERT INTO notes (id, body) VALUES ($1, $2)", {i, "note " + std::to_string(i)});
    }
  });
  db_->read([](Tx& tx) {
    for (std::int64_t i = 1; i <= 20; ++i) {
      Result holder;
      auto row = tx.one("SELECT body FROM notes WHERE id = $1", {i}, holder);
      ASSERT_TRUE(row);
      EXPECT_EQ(row->text(0), "note " + std::to_string(i));
    }
  });
}

TEST_F(StoreTest, NamesTheViolatedUniqueConstraint) {
  insert(1, "taken");
  try {
    insert(2, "taken");
    FAIL() << "expected ConstraintViolation";
  } catch (const ConstraintViolation& e) {
    EXPECT_EQ(e.constraint(), "uniq_t_name");
  }
  EXPECT_EQ(count(), 1);
}

TEST_F(StoreTest, RollsBackWhenWorkThrows) {
  auto work = [](Tx& tx) {
    tx.exec(kInsert, {1L, "a", true, nullptr, nullptr, 0L});
    tx.exec(kInsert, {2L, "b", true, nullptr, nullptr, 0L});
    throw std::runtime_error("changed my mind");
  };
  EXPECT_THROW(db_->write(work), std::runtime_error);
  EXPECT_EQ(count(), 0);
  insert(1, "a");  // the connection went back to the pool in a usable state
  EXPECT_EQ(count(), 1);
}

TEST_F(StoreTest, ReportsBadSqlAsDatabaseError) {
  EXPECT_THROW(db_->read([](Tx& tx) { tx.exec("SELEC 1"); }), DatabaseError);
  EXPECT_THROW(db_->read([](Tx& tx) { tx.exec("SELECT missing FROM t"); }), DatabaseError);
  EXPECT_EQ(count(), 0);
}

TEST_F(StoreTest, ConditionalUpdateNeverOversells) {
  constexpr std::int64_t kQuota = 100;
  constexpr int kThreads = 8;
  constexpr int kAttemptsPerThread = 25;  // 200 attempts for 100 tickets
  insert(1, "hot", kQuota);

  std::atomic<int> sold{0};
  std::atomic<int> refused{0};
  std::vector<std::thread> buyers;
  for (int t = 0; t < kThreads; ++t) {
    buyers.emplace_back([&] {
      for (int i = 0; i < kAttemptsPerThread; ++i) {
        const bool ok = db_->write([](Tx& tx) {
          return tx.exec("UPDATE t SET sold = sold + 1 WHERE id = $1 AND sold + 1 <= total", {1L})
                     .affected() == 1;
        });
        ++(ok ? sold : refused);
      }
    });
  }
  for (auto& b : buyers) b.join();

  EXPECT_EQ(sold.load(), kQuota);
  EXPECT_EQ(refused.load(), kThreads * kAttemptsPerThread - kQuota);
  EXPECT_EQ(db_->read([](Tx& tx) { return tx.exec("SELECT sold FROM t").row(0).i64(0); }), kQuota);
}

// --- PostgreSQL only: behaviour SQLite has no counterpart for. ---

TEST_F(StoreTest, RunsWorkAgainAfterTheConnectionIsLost) {
  if (!postgres()) GTEST_SKIP() << "PostgreSQL only";
  auto db = test_db_.open(/*pool_size=*/1);
  int attempts = 0;
  db->write([&](Tx& tx) {
    ++attempts;
    const std::int64_t pid = tx.exec("SELECT pg_backend_pid()").row(0).i64(0);
    if (attempts == 1) {
      // Waits (up to 5 s) until the backend has exited, so the next statement
      // finds the socket closed.
      db_->with_connection(
          [&](Connection& c) { c.exec("SELECT pg_terminate_backend($1, 5000)", {pid}); });
    }
    tx.exec("INSERT INTO notes (id, body) VALUES ($1, $2)", {1L, "once"});
  });
  EXPECT_EQ(attempts, 2);
  EXPECT_EQ(db->read([](Tx& tx) { return tx.exec("SELECT COUNT(*) FROM notes").row(0).i64(0); }),
            1);
}

TEST_F(StoreTest, RunsTheDeadlockVictimAgain) {
  if (!postgres()) GTEST_SKIP() << "PostgreSQL only";
  insert(1, "a");
  insert(2, "b");
  std::atomic<int> attempts{0};
  std::latch both_hold_a_lock(2);
  // Each transaction locks one row, waits for the other to lock the other row,
  // then asks for it: PostgreSQL (after deadlock_timeout, 1 s) aborts one of
  // them with 40P01, and transact() runs that one again.
  auto lock_in_order = [&](std::int64_t first, std::int64_t second) {
    db_->write([&](Tx& tx) {
      const int attempt = ++attempts;
      tx.exec("UPDATE t SET sold = sold + 1 WHERE id = $1", {first});
      if (attempt <= 2) both_hold_a_lock.arrive_and_wait();
      tx.exec("UPDATE t SET sold = sold + 1 WHERE id = $1", {second});
    });
  };
  std::thread a(lock_in_order, 1, 2);
  std::thread b(lock_in_order, 2, 1);
  a.join();
  b.join();
  EXPECT_EQ(attempts.load(), 3);
  Result r = db_->read([](Tx& tx) { return tx.exec("SELECT sold FROM t ORDER BY id"); });
  EXPECT_EQ(r[0].i64(0), 2);
  EXPECT_EQ(r[1].i64(0), 2);
}

TEST_F(StoreTest, RefusesToCommitAfterASwallowedFailure) {
  if (!postgres()) GTEST_SKIP() << "PostgreSQL only: SQLite keeps the transaction usable";
  auto work = [](Tx& tx) {
    tx.exec(kInsert, {1L, "a", true, nullptr, nullptr, 0L});
    try {
      tx.exec("SELEC 1");
    } catch (const DatabaseError&) {
      // Deliberately ignored: the engine must still not report success.
    }
  };
  EXPECT_THROW(db_->write(work), DatabaseError);
  EXPECT_EQ(count(), 0);
}

TEST_F(StoreTest, ReadTransactionsAreReadOnly) {
  if (!postgres()) GTEST_SKIP() << "PostgreSQL only";
  EXPECT_THROW(db_->read([](Tx& tx) {
    tx.exec(kInsert, {1L, "a", true, nullptr, nullptr, 0L});
  }),
               DatabaseError);
  EXPECT_EQ(count(), 0);
}

TEST_F(StoreTest, FailsAtOpenWhenTheServerIsUnreachable) {
  if (!postgres()) GTEST_SKIP() << "PostgreSQL only";
  // Port 1 on loopback: nothing listens, so the connection is refused at once.
  EXPECT_THROW(open_postgres({.url = "postgresql://postgres@127.0.0.1:1/none", .pool_size = 1}),
               ConnectionLost);
}

}  // namespace
}  // namespace evient::store
