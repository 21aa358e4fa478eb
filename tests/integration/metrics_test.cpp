// GET /metrics: the Prometheus text format, counting what happened, with route
// patterns (never raw paths) as labels; loopback only, or a bearer token.
#include <gtest/gtest.h>

#include <sstream>
#include <thread>
#include <vector>

#include "checkout_support.hpp"
#include "services/order_service.hpp"
#include "store/db.hpp"
#include "support/ticket_fixtures.hpp"
#include "write_queue_gate.hpp"

namespace evient::test {
namespace {
namespace json = boost::json;
using namespace checkout_support;

// The value of the sample `series` (name with its labels), or -1 when absent.
double sample(const std::string& text, const std::string& series) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.size() > series.size() && line.compare(0, series.size(), series) == 0 &&
        line[series.size()] == ' ') {
      return std::stod(line.substr(series.size() + 1));
    }
  }
  return -1;
}

TEST(MetricsTest, CountsRequestsOrdersCheckInsAndRefusals) {
  TestServer server([](Config& c) { c.login_attempts_per_minute = 1; });
  App& app = server.app();
  HttpClient& http = server.http();
  const std::string admin = server.admin_token();
  const Event event =
      create_event(app, {.title = "Metric Night", .starts_in = std::chrono::hours(1)});
  const TicketType ga = create_ticket_type(app, event.id, {.name = "GA", .price = 90000});

  ASSERT_EQ(http.get("/api/events").status, 200u);
  ASSERT_EQ(http.get("/api/events").status, 200u);  // the cache's turn
  ASSERT_EQ(http.get("/api/events/" + event.id).status, 200u);
  ASSERT_EQ(http.get("/api/no-such-thing-4711").status, 404u);

  const std::string alice = quick_buyer(app, "alice@example.com");
  auto placed = order(http, alice, {{ga.id, 1}});
  ASSERT_EQ(placed.status, 201u);
  ASSERT_EQ(pay(server, order_id(placed), 90000).status, 200u);
  auto mine = http.get("/api/users/tickets", alice);
  const std::string code(mine.json().at("data").at(0).at("ticket_code").as_string());
  ASSERT_EQ(http.post("/api/admin/scanners/checkin", json::object{{"code", code}}, admin).status,
            200u);

  // Two wrong passwords for one email: the second is over the limit of 1.
  const json::object wrong{{"email", "root@evient.test"}, {"password", "wrong-password"}};
  http.post("/api/auth/login", wrong);
  ASSERT_EQ(http.post("/api/auth/login", wrong).status, 429u);

  auto r = http.get("/metrics");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  const std::string& m = r.body;
  EXPECT_NE(m.find("# TYPE evient_http_requests_total counter"), std::string::npos);
  EXPECT_EQ(
      sample(m, R"(evient_http_requests_total{method="GET",route="/api/events",status="200"})"), 2);
  EXPECT_EQ(
      sample(m, R"(evient_http_requests_total{method="GET",route="/api/events/:id",status="200"})"),
      1);
  EXPECT_EQ(sample(m, R"(evient_http_requests_total{method="GET",route="unmatched",status="404"})"),
            1);
  EXPECT_EQ(m.find("no-such-thing-4711"), std::string::npos);  // labels are patterns only
  EXPECT_EQ(
      sample(m, R"(evient_http_request_duration_seconds_count{method="GET",route="/api/events"})"),
      2);
  EXPECT_EQ(
      sample(
          m,
          R"(evient_http_request_duration_seconds_bucket{method="GET",route="/api/events",le="+Inf"})"),
      2);
  EXPECT_GE(sample(m, "evient_cache_hits_total"), 1);
  EXPECT_GE(sample(m, "evient_cache_misses_total"), 1);
  EXPECT_EQ(sample(m, "evient_orders_created_total"), 1);
  EXPECT_EQ(sample(m, "evient_orders_paid_total"), 1);
  EXPECT_EQ(sample(m, "evient_check_ins_total"), 1);
  EXPECT_EQ(sample(m, R"(evient_refusals_total{route="/api/auth/login",code="RATE_LIMITED"})"), 1);
  EXPECT_GE(sample(m, R"(evient_db_pool_connections{state="open"})"), 1);
  EXPECT_EQ(sample(m, R"(evient_db_pool_connections{state="in_use"})"), 0);
  EXPECT_GE(sample(m, "evient_db_pool_wait_seconds_count"), 0);
  EXPECT_GE(sample(m, "evient_http_open_connections"), 1);
  EXPECT_EQ(sample(m, "evient_password_hash_jobs"), 0);
  EXPECT_EQ(sample(m, "evient_password_hash_rejected_total"), 0);

  // A hold that runs out is counted when it is released.
  auto pending = order(http, alice, {{ga.id, 1}});
  ASSERT_EQ(pending.status, 201u);
  server.clock().advance(std::chrono::hours(1));
  app.services().orders->release_expired();
  EXPECT_EQ(sample(http.get("/metrics").body, R"(evient_orders_released_total{reason="expired"})"),
            1);
}

// Orders go through the write queue: batches, the writes they carried and
// their sizes, and the writes waiting while the queue is held.
TEST(MetricsTest, CountsWriteQueueBatchesAndTheWritesWaiting) {
  // One writer: the orders held behind the gate then form one batch.
  TestServer server([](Config& c) {
    c.worker_threads = 16;
    c.write_writers = 1;
  });
  App& app = server.app();
  HttpClient& http = server.http();
  const Event event = create_event(app, {.title = "Queue Night"});
  const TicketType ga = create_ticket_type(app, event.id, {.name = "GA", .price = 50000});
  constexpr std::size_t kOrders = 5;  // one batch of 5: bucket le="8", not le="4"
  std::vector<std::string> tokens;
  for (std::size_t i = 0; i < kOrders; ++i) {
    tokens.push_back(quick_buyer(app, "queue" + std::to_string(i) + "@example.com"));
  }
  ASSERT_EQ(order(http, tokens[0], {{ga.id, 1}}).status, 201u);  // one alone first

  const std::string before = http.get("/metrics").body;
  ASSERT_GE(sample(before, "evient_write_queue_batches_total"), 1);
  std::vector<unsigned> statuses(kOrders);
  std::string held;
  {
    Gate gate(app.db());
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < kOrders; ++i) {
      threads.emplace_back([&, i] {
        HttpClient client(server.port());
        statuses[i] = order(client, tokens[i], {{ga.id, 1}}).status;
      });
    }
    EXPECT_TRUE(eventually([&] { return app.db().write_queue().waiting() == kOrders + 1; }));
    held = http.get("/metrics").body;  // reads do not wait for the queue
    gate.open();
    for (auto& t : threads) t.join();
  }
  for (unsigned s : statuses) EXPECT_EQ(s, 201u);
  const std::string after = http.get("/metrics").body;

  EXPECT_EQ(sample(held, "evient_write_queue_jobs_waiting"), kOrders + 1);
  EXPECT_EQ(sample(after, "evient_write_queue_jobs_waiting"), 0);
  const auto delta = [&](const std::string& series) {
    return sample(after, series) - sample(before, series);
  };
  // The gate's job, then the orders in one batch (other writes may have come too).
  EXPECT_GE(delta("evient_write_queue_jobs_total"), kOrders + 1);
  EXPECT_GE(delta("evient_write_queue_batches_total"), 2);
  EXPECT_LE(delta("evient_write_queue_batches_total"), delta("evient_write_queue_jobs_total"));
  EXPECT_GE(delta(R"(evient_write_queue_batch_size_bucket{le="8"})") -
                delta(R"(evient_write_queue_batch_size_bucket{le="4"})"),
            1);
  EXPECT_GE(delta(R"(evient_write_queue_batch_size_bucket{le="1"})"), 1);  // the gate

  // The histogram agrees with the counters, and its buckets are cumulative.
  const double batches = sample(after, "evient_write_queue_batches_total");
  EXPECT_EQ(sample(after, "evient_write_queue_batch_size_count"), batches);
  EXPECT_EQ(sample(after, "evient_write_queue_batch_size_sum"),
            sample(after, "evient_write_queue_jobs_total"));
  EXPECT_EQ(sample(after, R"(evient_write_queue_batch_size_bucket{le="+Inf"})"), batches);
  double previous = 0;
  for (const char* le : {"1", "2", "4", "8", "16", "32", "64", "+Inf"}) {
    const double n =
        sample(after, std::string(R"(evient_write_queue_batch_size_bucket{le=")") + le + "\"}");
    EXPECT_GE(n, previous) << le;
    previous = n;
  }
  EXPECT_NE(after.find("# TYPE evient_write_queue_batch_size histogram"), std::string::npos);
  // Nothing conflicted and no batch failed here.
  EXPECT_EQ(sample(after, "evient_write_queue_conflicts_total"), 0);
  EXPECT_EQ(sample(after, "evient_write_queue_failed_batches_total"), 0);
}

// Every token check is a hit or a miss. Only PostgreSQL caches (it hears other
// processes' account changes); on SQLite every check reads the user.
TEST(MetricsTest, CountsTokenChecksServedFromTheCache) {
  TestServer server;
  App& app = server.app();
  HttpClient& http = server.http();
  const std::string token = quick_buyer(app, "cached@example.com");
  ASSERT_EQ(http.get("/api/auth/me", token).status, 200u);
  const bool caches = app.db().engine() == store::Engine::Postgres;
  if (caches) {
    // The listener starts with the first token check.
    ASSERT_TRUE(eventually([&] { return app.db().sees_account_changes(); }));
  }
  const std::string before = http.get("/metrics").body;
  int checks = 0;
  const auto hits = [&] {
    return sample(http.get("/metrics").body, "evient_token_cache_hits_total") -
           sample(before, "evient_token_cache_hits_total");
  };
  for (; checks < 3 || (caches && checks < 200 && hits() < 2); ++checks) {
    ASSERT_EQ(http.get("/api/auth/me", token).status, 200u);
  }
  const std::string after = http.get("/metrics").body;
  const double hit = sample(after, "evient_token_cache_hits_total") -
                     sample(before, "evient_token_cache_hits_total");
  const double miss = sample(after, "evient_token_cache_misses_total") -
                      sample(before, "evient_token_cache_misses_total");
  EXPECT_EQ(hit + miss, checks);
  if (caches) {
    EXPECT_GE(hit, 2);
  } else {
    EXPECT_EQ(hit, 0);
    EXPECT_EQ(miss, checks);
  }
}

TEST(MetricsTest, ATokenWhenOneIsSet) {
  TestServer server([](Config& c) { c.metrics_token = "metrics-token-0123456789"; });
  EXPECT_EQ(server.http().get("/metrics").status, 401u);
  EXPECT_EQ(server.http().get("/metrics", "another-token").status, 401u);
  auto r = server.http().get("/metrics", "metrics-token-0123456789");
  EXPECT_EQ(r.status, 200u);
  EXPECT_NE(r.body.find("evient_http_requests_total"), std::string::npos);
  EXPECT_EQ(r.header("cache-control"), "no-store");
}

}  // namespace
}  // namespace evient::test
