// The sandbox pays for free, so what it takes is a test order: marked in the
// order, the wallet and the admin, counted apart in the stats and kept out of
// revenue. With PostgreSQL (a deployment) the provider must be chosen.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>

#include "checkout_support.hpp"
#include "support/ticket_fixtures.hpp"

namespace evient::test {
namespace {
namespace json = boost::json;
using namespace checkout_support;

TEST(TestOrdersTest, SandboxOrdersAreTestOrdersAndNotRevenue) {
  TestServer server;
  App& app = server.app();
  const std::string admin = server.admin_token();
  const Event event = create_event(app, {.title = "Test Night"});
  const TicketType ga =
      create_ticket_type(app, event.id, {.name = "GA", .price = 150000, .quantity_total = 50});
  // A sale that moved money (taken before, or by another provider).
  const User carol = create_buyer(app, "carol@example.com", "Carol");
  create_order(app, carol.id, {{ga, 2}});

  const std::string alice = quick_buyer(app, "alice@example.com");
  auto placed = order(server.http(), alice, {{ga.id, 1}});
  ASSERT_EQ(placed.status, 201u) << placed.body;
  EXPECT_TRUE(placed.json().at("data").at("order").at("is_test").as_bool());
  const std::string id = order_id(placed);
  ASSERT_EQ(str(pay(server, id, 150000).json().at("data").at("outcome")), "paid");

  EXPECT_TRUE(get_order(server, alice, id).at("order").at("is_test").as_bool());
  auto wallet = server.http().get("/api/users/tickets", alice);
  ASSERT_EQ(wallet.status, 200u);
  ASSERT_EQ(wallet.json().at("data").as_array().size(), 1u);
  EXPECT_TRUE(wallet.json().at("data").at(0).at("is_test").as_bool());

  auto list = server.http().get("/api/admin/orders", admin);
  ASSERT_EQ(list.status, 200u) << list.body;
  int test_orders = 0, real_orders = 0;
  for (const auto& o : list.json().at("data").as_array()) {
    (o.at("is_test").as_bool() ? test_orders : real_orders)++;
  }
  EXPECT_EQ(test_orders, 1);
  EXPECT_EQ(real_orders, 1);
  auto detail = server.http().get("/api/admin/orders/" + id, admin);
  EXPECT_TRUE(detail.json().at("data").at("is_test").as_bool());

  auto stats = server.http().get("/api/admin/stats", admin);
  ASSERT_EQ(stats.status, 200u);
  const auto& s = stats.json().at("data");
  EXPECT_EQ(s.at("total_revenue").as_int64(), 300000);  // Carol's two tickets only
  EXPECT_EQ(s.at("test_order_count").as_int64(), 1);
  EXPECT_EQ(s.at("test_revenue").as_int64(), 150000);
  EXPECT_EQ(s.at("total_tickets").as_int64(), 3);  // tickets are tickets
  std::int64_t by_day = 0;
  for (const auto& d : s.at("revenue_by_day").as_array()) by_day += d.at("revenue").as_int64();
  EXPECT_EQ(by_day, 300000);
  auto per_event = server.http().get("/api/admin/stats?event_id=" + event.id, admin);
  EXPECT_EQ(per_event.json().at("data").at("total_revenue").as_int64(), 300000);
}

// Runs `evient serve` with only the given EVIENT_* variables; returns its exit
// status and what it printed.
std::pair<int, std::string> serve_with(const std::string& env) {
  const std::string cmd = "env $(env | grep -o '^EVIENT_[A-Z_]*' | sed 's/^/-u /') " + env +
                          " EVIENT_PORT=0 EVIENT_ADDRESS=127.0.0.1 timeout 20 " EVIENT_BINARY
                          " serve 2>&1";
  FILE* p = ::popen(cmd.c_str(), "r");
  std::string out;
  std::array<char, 512> buf{};
  while (p && std::fgets(buf.data(), buf.size(), p)) out += buf.data();
  const int status = p ? ::pclose(p) : -1;
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

TEST(TestOrdersTest, PostgresDeploymentsChooseTheirPaymentProvider) {
  if (test_engine() != "postgres") GTEST_SKIP() << "the rule is PostgreSQL's";
  const TestServer server;  // a fresh, migrated database to point at
  const std::string base = "EVIENT_DB='" + server.db_url() +
                           "' EVIENT_JWT_SECRET=a-jwt-secret-long-enough-0123456789 "
                           "EVIENT_PAYMENT_SECRET=a-payment-secret-0123456789";
  auto [code, out] = serve_with(base);
  EXPECT_EQ(code, 1) << out;
  EXPECT_NE(out.find("EVIENT_PAYMENT_PROVIDER is required with PostgreSQL"), std::string::npos)
      << out;
  std::tie(code, out) = serve_with(base + " EVIENT_PAYMENT_PROVIDER=paypal");
  EXPECT_EQ(code, 1) << out;
  EXPECT_NE(out.find("unknown EVIENT_PAYMENT_PROVIDER"), std::string::npos) << out;
}

}  // namespace
}  // namespace evient::test
