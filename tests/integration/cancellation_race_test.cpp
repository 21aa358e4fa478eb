// Buyers ordering while an organiser cancels the event. On PostgreSQL the two
// used to interleave: the cancellation released the pending orders it could
// see, while orders committing during it survived, holding tickets of a
// cancelled event. The order share-locks the event row and the cancellation
// locks it exclusively, so every order is either before the cancellation (and
// released by it) or after it (and refused).
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "checkout_support.hpp"
#include "tools/consistency.hpp"

namespace evient::test {
namespace {
namespace json = boost::json;
using namespace checkout_support;

class CancellationRaceTest : public ::testing::Test {
 protected:
  // Each buyer keeps several unpaid orders: the bound on them is not under test.
  CancellationRaceTest() : server_([](Config& c) { c.max_pending_orders_per_user = 0; }) {}
  App& app() { return server_.app(); }

  std::int64_t count(const std::string& sql, const std::string& event_id) {
    return app().db().read([&](store::Tx& tx) { return tx.exec(sql, {event_id})[0].i64(0); });
  }

  TestServer server_;
};

TEST_F(CancellationRaceTest, NoOrderOutlivesTheCancellationOfItsEvent) {
  const std::string admin = server_.admin_token();
  constexpr int kBuyers = 24;
  std::vector<std::string> tokens;
  for (int i = 0; i < kBuyers; ++i) {
    tokens.push_back(quick_buyer(app(), "racer" + std::to_string(i) + "@example.com"));
  }
  for (int round = 0; round < 6; ++round) {
    const Event event = create_event(app(), {.title = "Round " + std::to_string(round)});
    const TicketType type = create_ticket_type(
        app(), event.id, {.name = "GA", .price = 100000, .quantity_total = 1000});

    std::atomic<int> placed{0};
    std::atomic<bool> cancelled{false};
    std::mutex ids_mutex;
    std::vector<std::pair<std::string, std::string>> orders;  // (order id, token)
    std::vector<std::thread> buyers;
    for (const auto& token : tokens) {
      buyers.emplace_back([&, token] {
        auto client = server_.client();
        // Order until the event is off sale (then one more try, to cross the
        // cancellation's commit), never more than the per-event limit.
        for (int n = 0; n < 15; ++n) {
          const bool after = cancelled.load();
          auto r = order(*client, token, {{type.id, 1}});
          if (r.status == 201) {
            ++placed;
            std::lock_guard lock(ids_mutex);
            orders.emplace_back(order_id(r), token);
          } else {
            EXPECT_EQ(r.status, 409u) << r.body;
            EXPECT_EQ(r.error_code(), "EVENT_NOT_ON_SALE") << r.body;
            if (after) return;
          }
        }
      });
    }
    while (placed.load() < kBuyers) std::this_thread::yield();
    auto cancel = server_.client()->put("/api/admin/events/" + event.id,
                                        json::object{{"status", "cancelled"}}, admin);
    cancelled = true;
    for (auto& b : buyers) b.join();
    ASSERT_EQ(cancel.status, 200u) << cancel.body;

    // Nothing of the cancelled event is held or sold any more.
    EXPECT_EQ(count("SELECT COUNT(*) FROM orders o JOIN order_items oi ON oi.order_id = o.id "
                    "WHERE oi.event_id = $1 AND o.status = 'pending'",
                    event.id),
              0)
        << "round " << round;
    EXPECT_EQ(quantity_sold(app(), type.id), 0) << "round " << round;

    // Paying any of those orders afterwards ends in refund_required, never in
    // valid tickets.
    for (const auto& [id, token] : orders) {
      auto r = pay(server_, id, 100000);
      ASSERT_EQ(r.status, 200u) << r.body;
      EXPECT_EQ(str(r.json().at("data").at("outcome")), "refund_required") << "round " << round;
      EXPECT_TRUE(get_order(server_, token, id).at("order").at("refund_required").as_bool());
    }
    EXPECT_EQ(count("SELECT COUNT(*) FROM tickets WHERE event_id = $1 AND status <> 'cancelled'",
                    event.id),
              0);
    EXPECT_TRUE(check_inventory(app().db()).empty());
  }
}

}  // namespace
}  // namespace evient::test
