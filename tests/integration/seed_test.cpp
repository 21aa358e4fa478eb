// The seeder: the spec's data, consistent, and idempotent.
#include <gtest/gtest.h>

#include "core/time.hpp"
#include "tools/seeder.hpp"
#include "support/test_app.hpp"

namespace evient::test {
namespace {

std::int64_t scalar(App& app, const std::string& sql) {
  return app.db().read([&](store::Tx& tx) { return tx.exec(sql)[0].i64(0); });
}

class SeedTest : public ::testing::Test {
 protected:
  TestServer server_;
};

TEST_F(SeedTest, SeedsTheSpecsDataConsistently) {
  App& app = server_.app();
  auto report = seed(app.db(), app.clock(), false);
  EXPECT_TRUE(report.seeded);
  EXPECT_EQ(scalar(app, "SELECT COUNT(*) FROM users WHERE role = 'admin'"), 1);
  EXPECT_EQ(scalar(app, "SELECT COUNT(*) FROM users WHERE role = 'user'"), 10);
  EXPECT_EQ(scalar(app, "SELECT COUNT(*) FROM events"), 5);
  const std::string now = format_iso(app.clock().now());
  EXPECT_EQ(app.db().read([&](store::Tx& tx) {
    return tx.exec("SELECT COUNT(*) FROM events WHERE end_time < $1", {now})[0].i64(0);
  }),
            2);
  EXPECT_EQ(app.db().read([&](store::Tx& tx) {
    return tx.exec("SELECT COUNT(*) FROM events WHERE start_time > $1", {now})[0].i64(0);
  }),
            3);
  EXPECT_GE(scalar(app, "SELECT COUNT(DISTINCT category) FROM events"), 3);
  EXPECT_GE(scalar(app, "SELECT COUNT(*) FROM events WHERE is_hot = TRUE"), 1);
  EXPECT_EQ(scalar(app, "SELECT COUNT(*) FROM tickets"), 20);
  EXPECT_GT(
      scalar(app, "SELECT COUNT(*) FROM tickets WHERE status = 'used' AND used_at IS NOT NULL"), 0);
  EXPECT_GT(scalar(app, "SELECT COUNT(*) FROM tickets WHERE status = 'valid' AND used_at IS NULL"),
            0);
  EXPECT_EQ(scalar(app, "SELECT COUNT(*) FROM banners"), 3);
  EXPECT_GT(scalar(app, "SELECT COUNT(*) FROM notifications"), 0);
  // Every event has 2-3 ticket types.
  EXPECT_EQ(scalar(app,
                   "SELECT COUNT(*) FROM (SELECT event_id FROM ticket_types GROUP BY event_id "
                   "HAVING COUNT(*) BETWEEN 2 AND 3) x"),
            5);
  // Orders are paid and their totals match their tickets.
  EXPECT_EQ(scalar(app, "SELECT COUNT(*) FROM orders WHERE status <> 'paid'"), 0);
  EXPECT_EQ(scalar(app,
                   "SELECT COUNT(*) FROM orders o WHERE o.total_amount <> "
                   "(SELECT SUM(t.price_at_purchase) FROM tickets t WHERE t.order_id = o.id)"),
            0);
  // quantity_sold equals the tickets issued.
  EXPECT_EQ(scalar(app,
                   "SELECT COUNT(*) FROM ticket_types tt WHERE tt.quantity_sold <> "
                   "(SELECT COUNT(*) FROM tickets t WHERE t.ticket_type_id = tt.id)"),
            0);
}

TEST_F(SeedTest, SeedingTwiceDoesNotDuplicateAndResetStartsOver) {
  App& app = server_.app();
  seed(app.db(), app.clock(), false);
  auto second = seed(app.db(), app.clock(), false);
  EXPECT_FALSE(second.seeded);
  EXPECT_EQ(scalar(app, "SELECT COUNT(*) FROM users"), 11);
  auto reset = seed(app.db(), app.clock(), true);
  EXPECT_TRUE(reset.seeded);
  EXPECT_EQ(scalar(app, "SELECT COUNT(*) FROM users"), 11);
  EXPECT_EQ(scalar(app, "SELECT COUNT(*) FROM tickets"), 20);
}

TEST_F(SeedTest, AdminCanLogInAndBrowse) {
  App& app = server_.app();
  seed(app.db(), app.clock(), false);
  auto token = server_.login(kSeedAdminEmail, kSeedAdminPassword);
  auto me = server_.http().get("/api/auth/me", token);
  EXPECT_EQ(me.json().at("data").at("user").at("role").as_string(), "admin");
  auto events = server_.http().get("/api/events");
  EXPECT_EQ(events.json().at("pagination").at("total").as_int64(),
            3);  // the upcoming, published ones
  EXPECT_GE(server_.http().get("/api/events/featured").json().at("data").as_array().size(), 1u);
  EXPECT_EQ(server_.http().get("/api/banners").json().at("data").as_array().size(), 3u);
  server_.login("an.nguyen@example.com", kSeedUserPassword);
}

}  // namespace
}  // namespace evient::test
