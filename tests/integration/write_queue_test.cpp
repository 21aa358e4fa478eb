// Group commit (store/write_queue.hpp): jobs of one batch keep their own
// outcomes; nobody hears success for a batch that did not commit; orders
// acknowledged under batched load survive kill -9 of the server.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

#include "checkout_support.hpp"
#include "core/crypto.hpp"
#include "core/errors.hpp"
#include "core/jwt.hpp"
#include "server_process.hpp"
#include "services/services.hpp"
#include "store/db.hpp"
#include "store/orders_repo.hpp"
#include "store/users_repo.hpp"
#include "support/fixtures.hpp"
#include "support/test_app.hpp"
#include "support/test_db.hpp"
#include "tools/consistency.hpp"
#include "write_queue_gate.hpp"

namespace evient::test {
namespace {
namespace json = boost::json;
using namespace std::chrono_literals;

// Runs jobs[i] on threads of their own, all in one batch; returns what each
// threw ("" when it returned).
std::vector<std::string> run_in_one_batch(
    store::Database& db, const std::vector<std::function<void(store::Tx&)>>& jobs) {
  std::vector<std::string> outcome(jobs.size());
  const auto before = db.write_queue().stats();
  {
    Gate gate(db);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < jobs.size(); ++i) {
      threads.emplace_back([&, i] {
        try {
          db.write_queue().run(jobs[i]);
        } catch (const std::exception& e) {
          outcome[i] = std::string("error: ") + e.what();
        }
      });
    }
    EXPECT_TRUE(eventually([&] { return db.write_queue().waiting() == jobs.size() + 1; }));
    gate.open();
    for (auto& t : threads) t.join();
  }
  const auto after = db.write_queue().stats();
  // The gate's job, then one batch of all the others.
  EXPECT_EQ(after.batches - before.batches, 2u);
  EXPECT_GE(after.largest, jobs.size());
  return outcome;
}

class WriteQueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = test_db_.open(4);
    db_->with_connection([](store::Connection& c) {
      c.exec_script("CREATE TABLE wq_probe (id BIGINT PRIMARY KEY, note TEXT NOT NULL)");
    });
  }

  void insert(store::Tx& tx, std::int64_t id, const std::string& note) {
    tx.exec("INSERT INTO wq_probe (id, note) VALUES ($1, $2)", {id, note});
  }

  std::set<std::int64_t> ids() {
    return db_->read([](store::Tx& tx) {
      std::set<std::int64_t> out;
      auto r = tx.exec("SELECT id FROM wq_probe");
      for (std::size_t i = 0; i < r.size(); ++i) out.insert(r[i].i64(0));
      return out;
    });
  }

  std::vector<std::string> run_batch(const std::vector<std::function<void(store::Tx&)>>& jobs) {
    return run_in_one_batch(*db_, jobs);
  }

  TestDatabase test_db_;
  std::unique_ptr<store::Database> db_;
};

TEST_F(WriteQueueTest, FailingJobsInABatchLeaveTheOthersIntact) {
  std::vector<std::function<void(store::Tx&)>> jobs;
  for (std::int64_t i = 1; i <= 8; ++i) {
    jobs.push_back([this, i](store::Tx& tx) {
      insert(tx, i, "job");
      if (i == 3) throw Conflict("SOLD_OUT", "job 3 fails after writing");
      if (i == 5) insert(tx, i, "a duplicate key: a failed statement");
    });
  }
  const auto outcome = run_batch(jobs);
  for (std::size_t i = 0; i < outcome.size(); ++i) {
    if (i == 2) {
      EXPECT_EQ(outcome[i], "error: job 3 fails after writing");
    } else if (i == 4) {
      EXPECT_NE(outcome[i], "") << "job 5 broke a unique key";
    } else {
      EXPECT_EQ(outcome[i], "") << "job " << i + 1;
    }
  }
  EXPECT_EQ(ids(), (std::set<std::int64_t>{1, 2, 4, 6, 7, 8}));
}

TEST_F(WriteQueueTest, AConstraintViolationReachesItsOwnCaller) {
  db_->write([&](store::Tx& tx) { insert(tx, 100, "taken"); });
  std::vector<std::function<void(store::Tx&)>> jobs{
      [this](store::Tx& tx) { insert(tx, 1, "one"); },
      [this](store::Tx& tx) { insert(tx, 100, "again"); },
      [this](store::Tx& tx) { insert(tx, 2, "two"); }};
  std::vector<bool> violated(jobs.size(), false);
  std::vector<std::function<void(store::Tx&)>> wrapped;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    wrapped.push_back([&, i](store::Tx& tx) {
      try {
        jobs[i](tx);
      } catch (const store::ConstraintViolation&) {
        violated[i] = true;
        throw;
      }
    });
  }
  const auto outcome = run_batch(wrapped);
  EXPECT_EQ(outcome[0], "");
  EXPECT_NE(outcome[1], "");
  EXPECT_TRUE(violated[1]);
  EXPECT_EQ(outcome[2], "");
  EXPECT_EQ(ids(), (std::set<std::int64_t>{1, 2, 100}));
}

TEST_F(WriteQueueTest, AJobThatLosesALockConflictRunsAgainAlone) {
  std::atomic<int> attempts{0};
  std::vector<std::function<void(store::Tx&)>> jobs{
      [this](store::Tx& tx) { insert(tx, 1, "one"); },
      [&](store::Tx& tx) {
        const int n = ++attempts;
        insert(tx, 10 + n, "attempt");
        if (n == 1) throw store::TransientConflict("deadlock detected (simulated)");
      },
      [this](store::Tx& tx) { insert(tx, 3, "three"); }};
  const auto outcome = run_batch(jobs);
  EXPECT_EQ(outcome, (std::vector<std::string>{"", "", ""}));
  EXPECT_EQ(attempts.load(), 2);
  // The first attempt's row went with its savepoint.
  EXPECT_EQ(ids(), (std::set<std::int64_t>{1, 3, 12}));
  EXPECT_EQ(db_->write_queue().stats().conflicts, 1u);
}

TEST_F(WriteQueueTest, AJobCanAskToRunAgainAfterChangingItsState) {
  bool second_time = false;
  std::vector<std::function<void(store::Tx&)>> jobs{[this](store::Tx& tx) { insert(tx, 1, "one"); },
                                                    [&](store::Tx& tx) {
                                                      insert(tx, second_time ? 21 : 20, "attempt");
                                                      if (!second_time) {
                                                        second_time = true;
                                                        throw store::RetryJob{};
                                                      }
                                                    }};
  EXPECT_EQ(run_batch(jobs), (std::vector<std::string>{"", ""}));
  EXPECT_EQ(ids(), (std::set<std::int64_t>{1, 21}));
}

TEST_F(WriteQueueTest, NobodyHearsSuccessWhenTheBatchFails) {
  std::vector<std::function<void(store::Tx&)>> jobs{
      [this](store::Tx& tx) { insert(tx, 1, "one"); },
      [this](store::Tx& tx) { insert(tx, 2, "two"); },
      [](store::Tx&) { throw store::DatabaseUnavailable("disk full (simulated)"); },
      [this](store::Tx& tx) { insert(tx, 4, "four"); }};
  const auto outcome = run_batch(jobs);
  for (const auto& o : outcome) EXPECT_EQ(o, "error: disk full (simulated)");
  EXPECT_TRUE(ids().empty());
  EXPECT_EQ(db_->write_queue().stats().failed_batches, 1u);
}

TEST_F(WriteQueueTest, AJobAloneNeedsNoSavepoint) {
  // A single waiting job runs as a plain transaction with the engine's errors.
  EXPECT_THROW(db_->batched([&](store::Tx& tx) {
    insert(tx, 1, "one");
    throw Conflict("SOLD_OUT", "refused");
  }),
               Conflict);
  EXPECT_EQ(db_->batched([&](store::Tx& tx) {
    insert(tx, 2, "two");
    return 7;
  }),
            7);
  EXPECT_EQ(ids(), (std::set<std::int64_t>{2}));
}

// Orders over HTTP that share one batch: a refused one changes nothing for the others.
// Hot rows: a batch adds its jobs' reservations up and writes each type's
// counter once, at its end; a total that does not fit runs the batch again
// with every reservation written by its own job.
class DeferredReservationTest : public ::testing::Test {
 protected:
  DeferredReservationTest() {
    event_ = create_event(app(), {.title = "Batch Night"});
    type_ = create_ticket_type(app(), event_.id, {.name = "GA", .quantity_total = 10});
    // One batch at a time, so the gate holds the queue on PostgreSQL too.
    db().write_queue().set_max_writers(1);
  }
  App& app() { return server_.app(); }
  store::Database& db() { return app().db(); }

  std::int64_t sold(store::Tx& tx) {
    return tx.exec("SELECT quantity_sold FROM ticket_types WHERE id = $1", {type_.id})[0].i64(0);
  }
  std::int64_t sold() {
    return db().read([&](store::Tx& tx) { return sold(tx); });
  }
  // A job reserving `quantity`, refused as an order would be when it does not fit.
  std::function<void(store::Tx&)> reserving(std::int64_t quantity) {
    return [this, quantity](store::Tx& tx) {
      if (!store::orders::reserve(tx, type_.id, quantity)) throw Conflict("SOLD_OUT", "sold out");
    };
  }

  TestServer server_;
  Event event_;
  TicketType type_;
};

TEST_F(DeferredReservationTest, ABatchWritesItsReservationsOnceAtItsEnd) {
  std::vector<std::int64_t> seen(4, -1);
  std::vector<std::function<void(store::Tx&)>> jobs;
  for (std::size_t i = 0; i < seen.size(); ++i) {
    jobs.push_back([&, i](store::Tx& tx) {
      ASSERT_TRUE(store::orders::reserve(tx, type_.id, 2));
      seen[i] = sold(tx);  // not written yet: the batch writes the total after its last job
    });
  }
  const auto refitted = db().write_queue().stats().refitted;
  EXPECT_EQ(run_in_one_batch(db(), jobs), std::vector<std::string>(4, ""));
  EXPECT_EQ(seen, std::vector<std::int64_t>(4, 0));
  EXPECT_EQ(sold(), 8);
  EXPECT_EQ(db().write_queue().stats().refitted, refitted);

  // Outside a batch a reservation is written at once.
  db().write([&](store::Tx& tx) {
    ASSERT_TRUE(store::orders::reserve(tx, type_.id, 1));
    EXPECT_EQ(sold(tx), 9);
  });
}

TEST_F(DeferredReservationTest, TotalsThatDoNotFitRunTheBatchAgainOneByOne) {
  db().write([&](store::Tx& tx) { ASSERT_TRUE(store::orders::reserve(tx, type_.id, 5)); });
  const auto refitted = db().write_queue().stats().refitted;
  // 5 left, 4 jobs of 2: exactly two fit, whichever order the batch took.
  const auto outcome =
      run_in_one_batch(db(), {reserving(2), reserving(2), reserving(2), reserving(2)});
  EXPECT_EQ(std::count(outcome.begin(), outcome.end(), ""), 2);
  EXPECT_EQ(std::count(outcome.begin(), outcome.end(), "error: sold out"), 2);
  EXPECT_EQ(sold(), 9);
  EXPECT_EQ(db().write_queue().stats().refitted, refitted + 1);
}

TEST_F(DeferredReservationTest, AJobThatFailsTakesNothing) {
  auto failing = [this](store::Tx& tx) {
    ASSERT_TRUE(store::orders::reserve(tx, type_.id, 3));
    throw Conflict("SEAT_TAKEN", "fails after reserving");
  };
  const auto outcome = run_in_one_batch(db(), {reserving(2), failing, reserving(2)});
  EXPECT_EQ(outcome, (std::vector<std::string>{"", "error: fails after reserving", ""}));
  EXPECT_EQ(sold(), 4);
}

TEST_F(DeferredReservationTest, AReleaseAndAReservationOfOneBatchNetOut) {
  db().write([&](store::Tx& tx) { ASSERT_TRUE(store::orders::reserve(tx, type_.id, 10)); });
  // Sold out; one batch gives two back and takes two: both succeed, as they
  // would with the release first.
  const auto outcome = run_in_one_batch(
      db(), {[this](store::Tx& tx) { store::orders::unreserve(tx, type_.id, 2); }, reserving(2)});
  EXPECT_EQ(outcome, (std::vector<std::string>{"", ""}));
  EXPECT_EQ(sold(), 10);
  // A type taken off sale meanwhile refuses the batch's reservations as it
  // would each one's.
  db().write([&](store::Tx& tx) {
    store::orders::unreserve(tx, type_.id, 4);
    tx.exec("UPDATE ticket_types SET status = 'hidden' WHERE id = $1", {type_.id});
  });
  const auto hidden = run_in_one_batch(db(), {reserving(1), reserving(1)});
  EXPECT_EQ(hidden, (std::vector<std::string>{"error: sold out", "error: sold out"}));
  EXPECT_EQ(sold(), 6);
}

TEST(WriteQueueHttpTest, OrdersInOneBatchKeepTheirOwnOutcomes) {
  using namespace checkout_support;
  // One writer: the batch behind the gate is then all of them.
  TestServer server([](Config& c) {
    c.worker_threads = 16;
    c.write_writers = 1;
  });
  App& app = server.app();
  Event e = create_event(app);
  TicketType open = create_ticket_type(app, e.id, {.name = "Open", .price = 0});
  TicketType scarce =
      create_ticket_type(app, e.id, {.name = "Scarce", .price = 0, .quantity_total = 2});
  struct Request {
    json::object body;
    int expected_status;
  };
  const auto line = [](const std::string& type, json::value extra = nullptr) {
    json::object l{{"ticket_type_id", type}, {"quantity", 1}};
    if (!extra.is_null()) l["seat_ids"] = extra;
    return l;
  };
  std::vector<Request> requests;
  for (int i = 0; i < 4; ++i) requests.push_back({{{"ticket_items", {line(open.id)}}}, 201});
  // Reserves a ticket of Open, then fails on the seat (Open has none): the
  // reservation goes with it.
  requests.push_back(
      {{{"ticket_items", {line(open.id, json::array{json::value(crypto::uuid_v4())})}}}, 422});
  requests.push_back({{{"ticket_items", {line(crypto::uuid_v4())}}}, 404});
  std::vector<std::string> tokens;
  for (std::size_t i = 0; i < requests.size() + 3; ++i) {
    tokens.push_back(quick_buyer(app, "batch" + std::to_string(i) + "@example.com"));
  }
  // Three buyers for the two Scarce tickets: one is refused.
  for (int i = 0; i < 3; ++i) requests.push_back({{{"ticket_items", {line(scarce.id)}}}, 0});

  std::vector<HttpResponse> responses(requests.size());
  {
    Gate gate(app.db());
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < requests.size(); ++i) {
      threads.emplace_back([&, i] {
        HttpClient http(server.port());
        responses[i] = http.post("/api/orders", requests[i].body, tokens[i]);
      });
    }
    // Every order waits behind the gate.
    EXPECT_TRUE(
        eventually([&] { return app.db().write_queue().waiting() == requests.size() + 1; }));
    gate.open();
    for (auto& t : threads) t.join();
  }
  EXPECT_GE(app.db().write_queue().stats().largest, requests.size());
  int scarce_sold = 0, scarce_refused = 0;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    if (requests[i].expected_status != 0) {
      EXPECT_EQ(responses[i].status, requests[i].expected_status) << i << " " << responses[i].body;
    } else if (responses[i].status == 201) {
      ++scarce_sold;
    } else {
      EXPECT_EQ(responses[i].status, 409) << responses[i].body;
      ++scarce_refused;
    }
  }
  EXPECT_EQ(scarce_sold, 2);
  EXPECT_EQ(scarce_refused, 1);
  EXPECT_EQ(quantity_sold(app, open.id), 4);
  EXPECT_EQ(quantity_sold(app, scarce.id), 2);
  EXPECT_TRUE(check_inventory(app.db()).empty());
}

TEST(WriteQueueCrashTest, KillDuringBatchedLoadLosesNoAcknowledgedOrder) {
  TestDatabase db;
  init_process(test_config(db.url()));
  auto app = std::make_unique<App>(test_config(db.url()));
  Event e = create_event(*app);
  TicketType free_type =
      create_ticket_type(*app, e.id, {.name = "Free", .price = 0, .quantity_total = 1000000});
  TicketType paid_type = create_ticket_type(*app, e.id, {.name = "Paid", .price = 5000});
  constexpr int kBuyers = 12;
  std::vector<std::string> tokens;
  for (int i = 0; i < kBuyers * 4; ++i) {
    User u;
    u.id = crypto::uuid_v4();
    u.email = "crash" + std::to_string(i) + "@example.com";
    u.password_hash = "$argon2id$not-used-in-this-test";
    u.created_at = u.updated_at = app->clock().now();
    app->db().write([&](store::Tx& tx) { store::users::insert(tx, u); });
    tokens.push_back(TokenSigner(kTestJwtSecret, std::chrono::hours(1))
                         .issue(u.id, "user", 0, app->clock().now()));
  }

  ServerProcess server(db.url(), 8);
  std::mutex mutex;
  std::vector<std::string> acknowledged;
  std::atomic<int> refused{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < kBuyers; ++i) {
    threads.emplace_back([&, i] {
      for (int n = 0; !stop; ++n) {
        try {
          HttpClient http(server.port());
          const std::string& token = tokens[static_cast<std::size_t>(i * 4 + n % 4)];
          const std::string type = n % 3 == 2 ? paid_type.id : free_type.id;
          auto r =
              http.post("/api/orders",
                        {{"ticket_items",
                          json::array{json::object{{"ticket_type_id", type}, {"quantity", 1}}}}},
                        token);
          if (r.status == 201) {
            std::lock_guard<std::mutex> lock(mutex);
            acknowledged.push_back(
                std::string(r.json().at("data").at("order").at("id").as_string()));
          } else {
            ++refused;  // the per-person limits, say: acknowledged as refused, nothing to keep
          }
        } catch (const std::exception&) {
          // The server is gone: nothing was acknowledged.
          return;
        }
      }
    });
  }
  EXPECT_TRUE(eventually(
      [&] {
        std::lock_guard<std::mutex> lock(mutex);
        return acknowledged.size() >= 150;
      },
      60s));
  server.kill_now();
  stop = true;
  for (auto& t : threads) t.join();

  // Reopened, as `evient check` would.
  app.reset();
  auto reopened = std::make_unique<App>(test_config(db.url()));
  store::Database& store = reopened->db();
  for (const auto& id : acknowledged) {
    EXPECT_EQ(store.read([&](store::Tx& tx) {
      return tx.exec("SELECT COUNT(*) FROM orders WHERE id = $1", {id})[0].i64(0);
    }),
              1)
        << "acknowledged order " << id << " is gone";
  }
  EXPECT_TRUE(check_inventory(store).empty());
  EXPECT_TRUE(check_seating(store).empty());
  EXPECT_GE(acknowledged.size(), 150u);
}

}  // namespace
}  // namespace evient::test
