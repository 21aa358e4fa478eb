// POST/GET /api/orders, cancellation, limits, availability races, expiry,
// idempotency and the inventory invariant.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "checkout_support.hpp"
#include "core/time.hpp"
#include "tools/consistency.hpp"
#include "services/order_service.hpp"
#include "store/idempotency_repo.hpp"

namespace evient::test {
namespace {
namespace json = boost::json;
using namespace checkout_support;
using std::chrono::minutes;

class OrdersTest : public ::testing::Test {
 protected:
  explicit OrdersTest(const std::function<void(Config&)>& tweak = {}) : server_(tweak) {}
  void SetUp() override {
    event_ = create_event(app(), {.title = "Rock Night"});
    ga_ = create_ticket_type(app(), event_.id,
                             {.name = "GA", .price = 100000, .quantity_total = 100});
    alice_ = quick_buyer(app(), "alice@example.com");
    bob_ = quick_buyer(app(), "bob@example.com");
  }
  App& app() { return server_.app(); }
  HttpClient& http() { return server_.http(); }

  TestServer server_;
  Event event_;
  TicketType ga_;
  std::string alice_, bob_;
};

TEST_F(OrdersTest, PaidOrderIsPendingWithPaymentLinkAndHoldsItsTickets) {
  auto r = order(http(), alice_, {{ga_.id, 2}});
  ASSERT_EQ(r.status, 201u) << r.body;
  const auto& data = r.json().at("data");
  const auto& o = data.at("order");
  EXPECT_EQ(str(o.at("status")), "pending");
  EXPECT_EQ(o.at("total_amount").as_int64(), 200000);
  EXPECT_TRUE(o.at("payment_method").is_null());
  const auto created = *parse_iso(str(o.at("created_at")));
  EXPECT_EQ(*parse_iso(str(o.at("expires_at"))), created + minutes(15));
  ASSERT_EQ(o.at("items").as_array().size(), 1u);
  EXPECT_EQ(o.at("items").at(0).at("quantity").as_int64(), 2);
  EXPECT_EQ(o.at("items").at(0).at("unit_price").as_int64(), 100000);
  EXPECT_EQ(str(o.at("items").at(0).at("ticket_type_name")), "GA");
  EXPECT_EQ(str(data.at("payment").at("provider")), "sandbox");
  EXPECT_TRUE(str(data.at("payment").at("url"))
                  .starts_with("http://127.0.0.1/checkout/sandbox/" + str(o.at("id")) + "?sig="));
  EXPECT_TRUE(data.at("tickets").as_array().empty());
  EXPECT_EQ(quantity_sold(app(), ga_.id), 2);

  auto detail = http().get("/api/events/" + event_.id);
  EXPECT_EQ(detail.json().at("data").at("ticket_types").at(0).at("available").as_int64(), 98);
}

TEST_F(OrdersTest, FreeOrderIsPaidAtOnceWithItsTickets) {
  auto free =
      create_ticket_type(app(), event_.id, {.name = "Free", .price = 0, .quantity_total = 5});
  auto r = order(http(), alice_, {{free.id, 3}});
  ASSERT_EQ(r.status, 201u) << r.body;
  const auto& data = r.json().at("data");
  EXPECT_EQ(str(data.at("order").at("status")), "paid");
  EXPECT_EQ(data.at("order").at("total_amount").as_int64(), 0);
  EXPECT_FALSE(data.at("order").at("paid_at").is_null());
  EXPECT_TRUE(data.at("payment").is_null());
  const auto& tickets = data.at("tickets").as_array();
  ASSERT_EQ(tickets.size(), 3u);
  for (const auto& t : tickets) {
    EXPECT_EQ(str(t.at("ticket_code")).size(), 26u);
    EXPECT_EQ(str(t.at("status")), "valid");
    EXPECT_EQ(str(t.at("event_id")), event_.id);
    EXPECT_EQ(t.at("price_at_purchase").as_int64(), 0);
  }
  EXPECT_NE(tickets.at(0).at("ticket_code"), tickets.at(1).at("ticket_code"));
  EXPECT_EQ(quantity_sold(app(), free.id), 3);
  auto n = http().get("/api/notifications", alice_);
  EXPECT_EQ(n.json().at("data").as_array().size(), 1u);
}

TEST_F(OrdersTest, BadBodiesAreRejectedFieldByField) {
  EXPECT_EQ(http().post("/api/orders", {{"ticket_items", json::array{}}}).status, 401u);
  auto missing = post_order(http(), alice_, json::object{});
  ASSERT_EQ(missing.status, 422u);
  EXPECT_EQ(str(missing.json().at("error").at("details").at(0).at("field")), "ticket_items");

  json::array items{json::object{{"ticket_type_id", ga_.id}, {"quantity", 0}},
                    json::object{{"ticket_type_id", "nope"}, {"quantity", "2"}},
                    json::object{{"ticket_type_id", ga_.id}, {"quantity", 1.5}}, json::value(7)};
  auto bad = post_order(http(), alice_, json::object{{"ticket_items", items}});
  ASSERT_EQ(bad.status, 422u) << bad.body;
  EXPECT_EQ(error_code(bad), "VALIDATION_FAILED");
  std::vector<std::string> fields;
  for (const auto& d : bad.json().at("error").at("details").as_array())
    fields.push_back(str(d.at("field")));
  EXPECT_EQ(fields,
            (std::vector<std::string>{"ticket_items[0].quantity", "ticket_items[1].ticket_type_id",
                                      "ticket_items[1].quantity", "ticket_items[2].quantity",
                                      "ticket_items[3]"}));
  auto not_object =
      http().request("POST", "/api/orders", "[1]",
                     {{"Authorization", "Bearer " + alice_}, {"Content-Type", "application/json"}});
  EXPECT_EQ(not_object.status, 400u);
  EXPECT_EQ(quantity_sold(app(), ga_.id), 0);
}

TEST_F(OrdersTest, UnknownHiddenAndOffSaleTypes) {
  auto unknown = order(http(), alice_, {{crypto::uuid_v4(), 1}});
  EXPECT_EQ(unknown.status, 404u);
  EXPECT_EQ(error_code(unknown), "TICKET_TYPE_NOT_FOUND");
  auto hidden = create_ticket_type(app(), event_.id, {.name = "H", .status = "hidden"});
  EXPECT_EQ(error_code(order(http(), alice_, {{hidden.id, 1}})), "TICKET_TYPE_NOT_FOUND");

  auto draft = create_event(app(), {.title = "Draft", .status = "draft"});
  auto draft_type = create_ticket_type(app(), draft.id);
  EXPECT_EQ(order(http(), alice_, {{draft_type.id, 1}}).status, 404u);

  auto cancelled = create_event(app(), {.title = "Off", .status = "cancelled"});
  auto off = order(http(), alice_, {{create_ticket_type(app(), cancelled.id).id, 1}});
  EXPECT_EQ(off.status, 409u);
  EXPECT_EQ(error_code(off), "EVENT_NOT_ON_SALE");

  auto past = create_event(app(), {.title = "Past", .starts_in = -std::chrono::hours(5)});
  auto late = order(http(), alice_, {{create_ticket_type(app(), past.id).id, 1}});
  EXPECT_EQ(error_code(late), "EVENT_NOT_ON_SALE");

  auto sold_out_status = create_ticket_type(app(), event_.id, {.name = "S", .status = "sold_out"});
  EXPECT_EQ(error_code(order(http(), alice_, {{sold_out_status.id, 1}})), "SOLD_OUT");
}

TEST_F(OrdersTest, AvailabilityErrorsSayWhatIsLeftAndLeaveNothingBehind) {
  auto small = create_ticket_type(app(), event_.id, {.name = "Small", .quantity_total = 3});
  auto too_many = order(http(), alice_, {{ga_.id, 2}, {small.id, 5}});
  ASSERT_EQ(too_many.status, 409u) << too_many.body;
  EXPECT_EQ(error_code(too_many), "INSUFFICIENT_AVAILABILITY");
  EXPECT_EQ(str(too_many.json().at("data").at("ticket_type_id")), small.id);
  EXPECT_EQ(too_many.json().at("data").at("available").as_int64(), 3);
  EXPECT_EQ(quantity_sold(app(), ga_.id), 0);  // the GA line was rolled back
  EXPECT_EQ(http().get("/api/orders", alice_).json().at("pagination").at("total").as_int64(), 0);

  ASSERT_EQ(order(http(), alice_, {{small.id, 3}}).status, 201u);
  auto gone = order(http(), bob_, {{small.id, 1}});
  EXPECT_EQ(error_code(gone), "SOLD_OUT");
  EXPECT_EQ(gone.json().at("data").at("available").as_int64(), 0);
}

TEST_F(OrdersTest, RepeatedLinesAreSummedAgainstThePerOrderLimit) {
  auto r = order(http(), alice_, {{ga_.id, 6}, {ga_.id, 5}});
  ASSERT_EQ(r.status, 422u) << r.body;
  EXPECT_EQ(error_code(r), "LIMIT_EXCEEDED");
  EXPECT_EQ(r.json().at("data").at("requested").as_int64(), 11);
  EXPECT_EQ(order(http(), alice_, {{ga_.id, 11}}).status, 422u);
  EXPECT_EQ(quantity_sold(app(), ga_.id), 0);

  auto ok = order(http(), alice_, {{ga_.id, 6}, {ga_.id, 4}});
  ASSERT_EQ(ok.status, 201u) << ok.body;
  EXPECT_EQ(ok.json().at("data").at("order").at("items").at(0).at("quantity").as_int64(), 10);
}

class PerEventLimitTest : public OrdersTest {
 protected:
  PerEventLimitTest() : OrdersTest([](Config& c) { c.max_per_user_per_event = 5; }) {}
};

TEST_F(PerEventLimitTest, CountsTheUsersLiveOrdersOfTheEvent) {
  auto vip = create_ticket_type(app(), event_.id, {.name = "VIP", .price = 500000});
  auto first = order(http(), alice_, {{ga_.id, 3}});
  ASSERT_EQ(first.status, 201u);
  auto over = order(http(), alice_, {{ga_.id, 1}, {vip.id, 2}});
  ASSERT_EQ(over.status, 422u) << over.body;
  EXPECT_EQ(error_code(over), "LIMIT_EXCEEDED");
  EXPECT_EQ(over.json().at("data").at("already_ordered").as_int64(), 3);
  EXPECT_EQ(order(http(), bob_, {{ga_.id, 5}}).status, 201u);  // per user
  ASSERT_EQ(
      http().post("/api/orders/" + order_id(first) + "/cancel", json::object{}, alice_).status,
      200u);
  EXPECT_EQ(order(http(), alice_, {{ga_.id, 1}, {vip.id, 2}}).status, 201u);
}

TEST_F(OrdersTest, TwoBuyersRaceForTheLastTicketAndExactlyOneWins) {
  auto last = create_ticket_type(app(), event_.id, {.name = "Last", .quantity_total = 1});
  for (int round = 0; round < 5; ++round) {
    auto type = round == 0
                    ? last
                    : create_ticket_type(app(), event_.id, {.name = "L", .quantity_total = 1});
    std::atomic<int> won{0}, lost{0};
    auto buy = [&](const std::string& token) {
      auto client = server_.client();
      auto r = order(*client, token, {{type.id, 1}});
      (r.status == 201 ? won : lost)++;
      if (r.status != 201) {
        EXPECT_EQ(error_code(r), "SOLD_OUT");
      }
    };
    std::thread a(buy, alice_), b(buy, bob_);
    a.join();
    b.join();
    EXPECT_EQ(won.load(), 1);
    EXPECT_EQ(lost.load(), 1);
    EXPECT_EQ(quantity_sold(app(), type.id), 1);
  }
}

TEST_F(OrdersTest, FiftyConcurrentBuyersGetExactlyTheQuota) {
  auto quota =
      create_ticket_type(app(), event_.id, {.name = "Quota", .price = 0, .quantity_total = 10});
  std::vector<std::string> tokens;
  for (int i = 0; i < 50; ++i)
    tokens.push_back(quick_buyer(app(), "buyer" + std::to_string(i) + "@example.com"));
  std::atomic<int> created{0}, conflicts{0}, other{0};
  std::vector<std::thread> threads;
  for (const auto& token : tokens) {
    threads.emplace_back([&, token] {
      auto client = server_.client();
      auto r = order(*client, token, {{quota.id, 1}});
      if (r.status == 201) {
        created++;
      } else if (r.status == 409) {
        conflicts++;
      } else {
        other++;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(created.load(), 10);
  EXPECT_EQ(conflicts.load(), 40);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(quantity_sold(app(), quota.id), 10);
  auto tickets = app().db().read([&](store::Tx& tx) {
    return tx.exec("SELECT COUNT(*) FROM tickets WHERE ticket_type_id = $1", {quota.id})[0].i64(0);
  });
  EXPECT_EQ(tickets, 10);
  EXPECT_TRUE(check_inventory(app().db()).empty());
}

TEST_F(OrdersTest, AnExpiredReservationGoesBackOnSale) {
  auto pair = create_ticket_type(app(), event_.id, {.name = "Pair", .quantity_total = 2});
  auto held = order(http(), alice_, {{pair.id, 2}});
  ASSERT_EQ(held.status, 201u);
  EXPECT_EQ(error_code(order(http(), bob_, {{pair.id, 1}})), "SOLD_OUT");

  server_.clock().advance(minutes(14));
  EXPECT_EQ(error_code(order(http(), bob_, {{pair.id, 1}})), "SOLD_OUT");
  server_.clock().advance(minutes(1));  // the hold has run out
  auto r = order(http(), bob_, {{pair.id, 1}});
  ASSERT_EQ(r.status, 201u) << r.body;  // released inside POST /api/orders
  EXPECT_EQ(quantity_sold(app(), pair.id), 1);
  auto alice_order = get_order(server_, alice_, order_id(held));
  EXPECT_EQ(str(alice_order.at("order").at("status")), "cancelled");
  EXPECT_TRUE(alice_order.at("payment").is_null());
  auto n = http().get("/api/notifications", alice_).json().at("data").as_array();
  ASSERT_EQ(n.size(), 1u);
  EXPECT_NE(str(n[0].at("message")).find("expired"), std::string::npos);
  EXPECT_TRUE(check_inventory(app().db()).empty());
}

TEST_F(OrdersTest, ReadingAvailabilityAndTheSweeperReleaseExpiredHolds) {
  ASSERT_EQ(order(http(), alice_, {{ga_.id, 4}}).status, 201u);
  server_.clock().advance(minutes(16));
  auto detail = http().get("/api/events/" + event_.slug);
  EXPECT_EQ(detail.json().at("data").at("ticket_types").at(0).at("available").as_int64(), 100);
  EXPECT_EQ(quantity_sold(app(), ga_.id), 0);

  ASSERT_EQ(order(http(), bob_, {{ga_.id, 3}}).status, 201u);
  ASSERT_EQ(order(http(), alice_, {{ga_.id, 2}}).status, 201u);
  auto& orders = *app().services().orders;
  EXPECT_EQ(orders.release_expired(), 0);
  server_.clock().advance(minutes(16));
  EXPECT_EQ(orders.release_expired(), 2);
  EXPECT_EQ(orders.release_expired(), 0);  // never twice
  EXPECT_EQ(quantity_sold(app(), ga_.id), 0);
  auto tasks = app().services().background_tasks();
  ASSERT_FALSE(tasks.empty());
  EXPECT_EQ(tasks[0].interval, server_.app().config().sweep_interval);
}

TEST_F(OrdersTest, IdempotencyKeyReturnsTheFirstResponse) {
  auto first = order(http(), alice_, {{ga_.id, 2}}, "key-1");
  ASSERT_EQ(first.status, 201u) << first.body;
  auto again = order(http(), alice_, {{ga_.id, 2}}, "key-1");
  ASSERT_EQ(again.status, 201u) << again.body;
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(again.header("idempotent-replayed"), "true");
  EXPECT_EQ(quantity_sold(app(), ga_.id), 2);
  EXPECT_EQ(http().get("/api/orders", alice_).json().at("pagination").at("total").as_int64(), 1);

  auto reused = order(http(), alice_, {{ga_.id, 3}}, "key-1");
  EXPECT_EQ(reused.status, 422u);
  EXPECT_EQ(error_code(reused), "IDEMPOTENCY_KEY_REUSED");
  // Keys are per user.
  auto bobs = order(http(), bob_, {{ga_.id, 2}}, "key-1");
  ASSERT_EQ(bobs.status, 201u);
  EXPECT_NE(order_id(bobs), order_id(first));
  // A failed request frees its key.
  EXPECT_EQ(order(http(), alice_, {{ga_.id, 50}}, "key-2").status, 422u);
  EXPECT_EQ(order(http(), alice_, {{ga_.id, 50}}, "key-2").status, 422u);
  EXPECT_EQ(quantity_sold(app(), ga_.id), 4);
}

TEST_F(OrdersTest, IdempotencyKeyInProgressIsAConflictUntilAbandoned) {
  const std::string user = server_.user_id(alice_);
  const json::object body = order_body({{ga_.id, 1}});
  const std::string hash = checkout::request_hash("POST /api/orders\n" + json::serialize(body));
  app().db().write([&](store::Tx& tx) {
    store::idempotency::try_insert(tx, user, "busy", hash, server_.clock().now());
  });
  auto busy = post_order(http(), alice_, body, "busy");
  EXPECT_EQ(busy.status, 409u);
  EXPECT_EQ(error_code(busy), "IDEMPOTENCY_IN_PROGRESS");
  EXPECT_EQ(quantity_sold(app(), ga_.id), 0);
  server_.clock().advance(minutes(2));  // its request died without an order
  EXPECT_EQ(post_order(http(), alice_, body, "busy").status, 201u);
  EXPECT_EQ(post_order(http(), alice_, body, "busy").status, 201u);
  EXPECT_EQ(quantity_sold(app(), ga_.id), 1);
}

TEST_F(OrdersTest, ListGetAndCancelAreTheCallersOwn) {
  auto first = order(http(), alice_, {{ga_.id, 1}});
  server_.clock().advance(minutes(1));
  auto second = order(http(), alice_, {{ga_.id, 2}});
  ASSERT_EQ(second.status, 201u);
  order(http(), bob_, {{ga_.id, 1}});

  auto list = http().get("/api/orders?limit=1", alice_);
  ASSERT_EQ(list.status, 200u);
  EXPECT_EQ(list.json().at("pagination").at("total").as_int64(), 2);
  EXPECT_EQ(str(list.json().at("data").at(0).at("id")), order_id(second));  // newest first
  EXPECT_EQ(list.json().at("data").at(0).at("items").as_array().size(), 1u);

  auto mine = get_order(server_, alice_, order_id(first));
  EXPECT_EQ(str(mine.at("order").at("id")), order_id(first));
  EXPECT_FALSE(mine.at("payment").is_null());
  EXPECT_EQ(http().get("/api/orders/" + order_id(first), bob_).status, 404u);
  EXPECT_EQ(http().get("/api/orders/not-a-uuid", bob_).status, 404u);
  EXPECT_EQ(http().post("/api/orders/" + order_id(first) + "/cancel", json::object{}, bob_).status,
            404u);

  auto cancel = http().post("/api/orders/" + order_id(first) + "/cancel", json::object{}, alice_);
  ASSERT_EQ(cancel.status, 200u) << cancel.body;
  EXPECT_EQ(str(cancel.json().at("data").at("order").at("status")), "cancelled");
  EXPECT_EQ(quantity_sold(app(), ga_.id), 3);
  auto twice = http().post("/api/orders/" + order_id(first) + "/cancel", json::object{}, alice_);
  EXPECT_EQ(twice.status, 409u);
  EXPECT_EQ(error_code(twice), "ORDER_NOT_CANCELLABLE");
}

TEST_F(OrdersTest, CheckReportsCounterDrift) {
  auto free =
      create_ticket_type(app(), event_.id, {.name = "Free", .price = 0, .quantity_total = 5});
  ASSERT_EQ(order(http(), alice_, {{free.id, 2}}).status, 201u);
  auto pending = order(http(), alice_, {{ga_.id, 3}});
  auto paid = order(http(), bob_, {{ga_.id, 2}});
  ASSERT_EQ(pay(server_, order_id(paid), 200000).status, 200u);
  auto cancelled = order(http(), bob_, {{ga_.id, 1}});
  http().post("/api/orders/" + order_id(cancelled) + "/cancel", json::object{}, bob_);
  EXPECT_TRUE(check_inventory(app().db()).empty());

  app().db().write([&](store::Tx& tx) {
    tx.exec("UPDATE ticket_types SET quantity_sold = quantity_sold + 1 WHERE id = $1", {ga_.id});
  });
  auto drift = check_inventory(app().db());
  ASSERT_EQ(drift.size(), 1u);
  EXPECT_EQ(drift[0].ticket_type_id, ga_.id);
  EXPECT_EQ(drift[0].quantity_sold, 6);
  EXPECT_EQ(drift[0].issued, 2);
  EXPECT_EQ(drift[0].reserved, 3);
  EXPECT_EQ(drift[0].difference(), 1);
}

}  // namespace
}  // namespace evient::test
