// The dashboard against a hand count of the seeded data (plus a refund, a
// pending order and a check-in), and the per-event view.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/time.hpp"
#include "tools/seeder.hpp"
#include "support/test_app.hpp"
#include "support/ticket_fixtures.hpp"

namespace evient::test {
namespace {
namespace json = boost::json;
using std::chrono::days;

struct OrderRow {
  std::string id, status;
  Minor total = 0;
  Timestamp paid{};
};
struct TicketRow {
  std::string order_id, event_id, type_id, status;
};
struct ItemRow {
  std::string order_id, event_id;
  Minor amount = 0;
};

class AdminStatsTest : public ::testing::Test {
 protected:
  AdminStatsTest() {
    admin_ = server_.admin_token();
    seed(server_.app().db(), server_.clock(), false);
    // Refund one seeded order the way a cancellation would, add a pending order
    // and check one ticket in at the door, so every number has something to show.
    server_.app().db().write([](store::Tx& tx) {
      const std::string id =
          tx.exec(
                "SELECT o.id FROM orders o JOIN order_items oi ON oi.order_id = o.id "
                "JOIN events e ON e.id = oi.event_id WHERE e.slug = 'giai-chay-marathon-hue' "
                "ORDER BY o.total_amount DESC LIMIT 1")[0]
              .text(0);
      tx.exec("UPDATE orders SET status = 'refunded' WHERE id = $1", {id});
      tx.exec("UPDATE tickets SET status = 'cancelled' WHERE order_id = $1", {id});
    });
    TicketType type = server_.app().db().read([](store::Tx& tx) {
      TicketType t;
      auto r = tx.exec("SELECT id, event_id, price FROM ticket_types ORDER BY price DESC LIMIT 1");
      t.id = r[0].text(0);
      t.event_id = r[0].text(1);
      t.price = r[0].i64(2);
      return t;
    });
    const std::string buyer = server_.app().db().read([](store::Tx& tx) {
      return tx.exec("SELECT id FROM users WHERE email = 'an.nguyen@example.com'")[0].text(0);
    });
    create_order(server_.app(), buyer, {{type, 2}}, "pending");
  }

  TestServer server_;
  std::string admin_;
};

TEST_F(AdminStatsTest, DashboardMatchesAHandCountOfTheSeed) {
  const Timestamp now = server_.clock().now();
  std::vector<OrderRow> orders;
  std::vector<TicketRow> tickets;
  std::vector<ItemRow> items;
  std::vector<std::tuple<std::string, std::string, std::string, std::optional<Timestamp>>> events;
  std::int64_t users = 0;
  server_.app().db().read([&](store::Tx& tx) {
    auto o = tx.exec("SELECT id, status, total_amount, COALESCE(paid_at, created_at) FROM orders");
    for (std::size_t i = 0; i < o.size(); ++i) {
      orders.push_back({o[i].text(0), o[i].text(1), o[i].i64(2), o[i].time(3)});
    }
    auto t = tx.exec("SELECT order_id, event_id, ticket_type_id, status FROM tickets");
    for (std::size_t i = 0; i < t.size(); ++i) {
      tickets.push_back({t[i].text(0), t[i].text(1), t[i].text(2), t[i].text(3)});
    }
    auto it = tx.exec("SELECT order_id, event_id, quantity, unit_price FROM order_items");
    for (std::size_t i = 0; i < it.size(); ++i) {
      items.push_back({it[i].text(0), it[i].text(1), it[i].i64(2) * it[i].i64(3)});
    }
    auto e = tx.exec("SELECT id, title, status, start_time FROM events");
    for (std::size_t i = 0; i < e.size(); ++i) {
      events.emplace_back(e[i].text(0), e[i].text(1), e[i].text(2), e[i].opt_time(3));
    }
    users = static_cast<std::int64_t>(tx.exec("SELECT id FROM users").size());
  });

  std::map<std::string, std::string> order_status;
  Minor revenue = 0;
  std::map<std::string, std::int64_t> by_status;
  for (const auto& o : orders) {
    order_status[o.id] = o.status;
    ++by_status[o.status];
    if (o.status == "paid") revenue += o.total;
  }
  std::int64_t live_tickets = 0, used = 0;
  for (const auto& t : tickets) {
    live_tickets += t.status != "cancelled";
    used += t.status == "used";
  }
  std::int64_t upcoming = 0;
  for (const auto& [id, title, status, start] : events) {
    upcoming += status == "published" && start && *start >= now;
  }
  // Revenue per UTC day over the last 30 days, by hand.
  std::map<std::string, std::pair<Minor, std::int64_t>> per_day;
  const std::string first_day = format_date(now - days(29));
  for (const auto& o : orders) {
    if (o.status != "paid" || format_date(o.paid) < first_day) continue;
    per_day[format_date(o.paid)].first += o.total;
    for (const auto& t : tickets) {
      per_day[format_date(o.paid)].second += t.order_id == o.id && t.status != "cancelled";
    }
  }

  auto r = server_.http().get("/api/admin/stats", admin_);
  ASSERT_EQ(r.status, 200u) << r.body;
  const auto& d = r.json().at("data");
  EXPECT_EQ(d.at("total_revenue").as_int64(), revenue);
  EXPECT_EQ(d.at("total_tickets").as_int64(), live_tickets);
  EXPECT_EQ(d.at("total_users").as_int64(), users);
  EXPECT_EQ(d.at("total_events").as_int64(), static_cast<std::int64_t>(events.size()));
  EXPECT_EQ(d.at("upcoming_events").as_int64(), upcoming);
  EXPECT_EQ(d.at("tickets_checked_in").as_int64(), used);
  for (const char* s : {"pending", "paid", "cancelled", "refunded"}) {
    EXPECT_EQ(d.at("orders_by_status").at(s).as_int64(), by_status[s]) << s;
  }
  // Sanity of the hand count itself: the seed's 20 tickets minus the refunded ones.
  EXPECT_EQ(users, 12);
  EXPECT_EQ(upcoming, 3);
  EXPECT_EQ(by_status["refunded"], 1);
  EXPECT_EQ(by_status["pending"], 1);
  EXPECT_GT(used, 0);

  const auto& series = d.at("revenue_by_day").as_array();
  ASSERT_EQ(series.size(), 30u);
  EXPECT_EQ(series.front().at("date").as_string(), first_day);
  EXPECT_EQ(series.back().at("date").as_string(), format_date(now));
  Minor series_total = 0;
  for (const auto& day : series) {
    const std::string date(day.at("date").as_string());
    EXPECT_EQ(day.at("revenue").as_int64(), per_day[date].first) << date;
    EXPECT_EQ(day.at("tickets").as_int64(), per_day[date].second) << date;
    series_total += day.at("revenue").as_int64();
  }
  EXPECT_GT(series_total, 0);

  // Top events: revenue of paid items, live tickets and check-ins per event.
  const auto& top = d.at("top_events").as_array();
  ASSERT_EQ(top.size(), 5u);
  Minor previous = INT64_MAX;
  for (const auto& ev : top) {
    const std::string id(ev.at("id").as_string());
    Minor rev = 0;
    std::int64_t sold = 0, in = 0;
    for (const auto& i : items)
      rev += i.event_id == id && order_status[i.order_id] == "paid" ? i.amount : 0;
    for (const auto& t : tickets) {
      sold += t.event_id == id && t.status != "cancelled";
      in += t.event_id == id && t.status == "used";
    }
    EXPECT_EQ(ev.at("revenue").as_int64(), rev) << id;
    EXPECT_EQ(ev.at("tickets_sold").as_int64(), sold) << id;
    EXPECT_EQ(ev.at("checked_in").as_int64(), in) << id;
    EXPECT_LE(rev, previous);
    previous = rev;
  }
}

TEST_F(AdminStatsTest, OneEventPerTicketType) {
  const std::string event_id = server_.app().db().read([](store::Tx& tx) {
    return tx.exec("SELECT id FROM events WHERE slug = 'dem-nhac-trinh-cong-son'")[0].text(0);
  });
  auto r = server_.http().get("/api/admin/stats?event_id=" + event_id, admin_);
  ASSERT_EQ(r.status, 200u) << r.body;
  const auto& d = r.json().at("data");
  EXPECT_EQ(d.at("event").at("id").as_string(), event_id);
  std::int64_t sold_sum = 0, in_sum = 0, remaining_sum = 0;
  server_.app().db().read([&](store::Tx& tx) {
    for (const auto& tt : d.at("ticket_types").as_array()) {
      const std::string id(tt.at("id").as_string());
      auto counts = tx.exec("SELECT status FROM tickets WHERE ticket_type_id = $1", {id});
      std::int64_t sold = 0, in = 0;
      for (std::size_t i = 0; i < counts.size(); ++i) {
        sold += counts[i].text(0) != "cancelled";
        in += counts[i].text(0) == "used";
      }
      auto q =
          tx.exec("SELECT quantity_total - quantity_sold FROM ticket_types WHERE id = $1", {id});
      EXPECT_EQ(tt.at("tickets_sold").as_int64(), sold);
      EXPECT_EQ(tt.at("checked_in").as_int64(), in);
      EXPECT_EQ(tt.at("remaining").as_int64(), q[0].i64(0));
      sold_sum += sold;
      in_sum += in;
      remaining_sum += q[0].i64(0);
    }
  });
  EXPECT_EQ(d.at("ticket_types").as_array().size(), 2u);
  EXPECT_EQ(d.at("total_tickets").as_int64(), sold_sum);
  EXPECT_EQ(sold_sum, 5);  // the seed's orders for this event: 2 VIP + 3 Standard
  EXPECT_EQ(d.at("tickets_checked_in").as_int64(), in_sum);
  EXPECT_EQ(d.at("remaining").as_int64(), remaining_sum);
  EXPECT_EQ(d.at("total_revenue").as_int64(), 2 * 1500000 + 3 * 600000);
  EXPECT_EQ(d.at("orders_by_status").at("paid").as_int64(), 2);

  EXPECT_EQ(server_.http().get("/api/admin/stats?event_id=nope", admin_).status, 422u);
  EXPECT_EQ(server_.http()
                .get("/api/admin/stats?event_id=00000000-0000-4000-8000-000000000000", admin_)
                .status,
            404u);
}

}  // namespace
}  // namespace evient::test
