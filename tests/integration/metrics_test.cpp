// GET /metrics: the Prometheus text format, counting what happened, with route
// patterns (never raw paths) as labels; loopback only, or a bearer token.
#include <gtest/gtest.h>

#include <sstream>

#include "checkout_support.hpp"
#include "services/order_service.hpp"
#include "support/ticket_fixtures.hpp"

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
