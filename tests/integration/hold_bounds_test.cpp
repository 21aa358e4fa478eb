// Unpaid holds are bounded: pending orders per account, and tickets held by
// the pending orders placed from one client address, so fresh accounts from
// one address cannot put an event's inventory on hold without paying.
#include <gtest/gtest.h>

#include "checkout_support.hpp"

namespace evient::test {
namespace {
namespace json = boost::json;
using namespace checkout_support;
using std::chrono::minutes;

class HoldBoundsTest : public ::testing::Test {
 protected:
  explicit HoldBoundsTest(int per_user = 2, int per_address = 0)
      : server_([&](Config& c) {
          c.max_pending_orders_per_user = per_user;
          c.max_held_tickets_per_ip = per_address;
          c.order_hold = minutes(10);
        }) {
    event_ = create_event(app(), {.title = "Hoard Night"});
    ga_ = create_ticket_type(app(), event_.id,
                             {.name = "GA", .price = 100000, .quantity_total = 300});
    free_ = create_ticket_type(app(), event_.id, {.name = "Free", .price = 0});
  }
  App& app() { return server_.app(); }

  TestServer server_;
  Event event_;
  TicketType ga_, free_;
};

TEST_F(HoldBoundsTest, AnAccountHoldsAtMostItsBoundOfUnpaidOrders) {
  const std::string alice = quick_buyer(app(), "alice@example.com");
  const auto first = order(server_.http(), alice, {{ga_.id, 1}});
  ASSERT_EQ(first.status, 201u) << first.body;
  server_.clock().advance(minutes(3));
  ASSERT_EQ(order(server_.http(), alice, {{ga_.id, 1}}).status, 201u);

  auto third = order(server_.http(), alice, {{ga_.id, 1}});
  EXPECT_EQ(third.status, 429u);
  EXPECT_EQ(third.error_code(), "TOO_MANY_PENDING_ORDERS");
  EXPECT_EQ(third.json().at("data").at("limit").as_int64(), 2);
  // Retry when the first hold runs out: 10 minutes after it, 3 have passed,
  // plus the real seconds this test took (the clock is real time shifted).
  const int retry_after = std::stoi(third.header("retry-after"));
  EXPECT_LE(retry_after, 420);
  EXPECT_GE(retry_after, 410);
  EXPECT_EQ(quantity_sold(app(), ga_.id), 2);  // nothing more held

  // A free order holds nothing and is not refused.
  EXPECT_EQ(order(server_.http(), alice, {{free_.id, 1}}).status, 201u);
  // Paying one frees a place; so does its hold running out.
  ASSERT_EQ(pay(server_, order_id(first), 100000).status, 200u);
  EXPECT_EQ(order(server_.http(), alice, {{ga_.id, 1}}).status, 201u);
  EXPECT_EQ(order(server_.http(), alice, {{ga_.id, 1}}).status, 429u);
  server_.clock().advance(minutes(11));  // both unpaid holds ran out
  EXPECT_EQ(order(server_.http(), alice, {{ga_.id, 1}}).status, 201u);

  // Another account is not concerned.
  EXPECT_EQ(order(server_.http(), quick_buyer(app(), "bob@example.com"), {{ga_.id, 1}}).status,
            201u);
}

class AddressHoldBoundsTest : public HoldBoundsTest {
 protected:
  AddressHoldBoundsTest() : HoldBoundsTest(0, 5) {}
};

TEST_F(AddressHoldBoundsTest, FreshAccountsFromOneAddressCannotHoardAnEvent) {
  // The attack: many new accounts, one address, everything on hold.
  std::vector<std::string> accounts;
  for (int i = 0; i < 6; ++i) {
    accounts.push_back(quick_buyer(app(), "hoarder" + std::to_string(i) + "@example.com"));
  }
  std::vector<std::string> placed;
  int refused = 0;
  for (const auto& token : accounts) {
    auto r = order(server_.http(), token, {{ga_.id, 2}});
    if (r.status == 201) {
      placed.push_back(order_id(r));
      continue;
    }
    EXPECT_EQ(r.status, 429u) << r.body;
    EXPECT_EQ(r.error_code(), "TOO_MANY_HELD_TICKETS");
    EXPECT_EQ(r.json().at("data").at("held").as_int64(), 4);
    EXPECT_FALSE(r.header("retry-after").empty());
    ++refused;
  }
  EXPECT_EQ(placed.size(), 2u);  // 2 + 2 held; 2 more would pass 5
  EXPECT_EQ(refused, 4);
  EXPECT_EQ(quantity_sold(app(), ga_.id), 4);
  // One more ticket still fits.
  EXPECT_EQ(order(server_.http(), accounts[2], {{ga_.id, 1}}).status, 201u);

  // A paid order holds nothing any more.
  ASSERT_EQ(pay(server_, placed[0], 200000).status, 200u);
  EXPECT_EQ(order(server_.http(), accounts[3], {{ga_.id, 2}}).status, 201u);
  // Holds that ran out count for nothing.
  server_.clock().advance(minutes(11));
  EXPECT_EQ(order(server_.http(), accounts[4], {{ga_.id, 2}}).status, 201u);
  EXPECT_EQ(order(server_.http(), accounts[5], {{ga_.id, 2}}).status, 201u);
}

}  // namespace
}  // namespace evient::test
