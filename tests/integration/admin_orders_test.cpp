// Admin orders: listing with filters and pagination, one order with its
// tickets, refunds (used-ticket block, force, late payments, double refunds),
// and event cancellation keeping the inventory invariant.
#include <gtest/gtest.h>

#include "checkout_support.hpp"
#include "tools/consistency.hpp"
#include "store/params.hpp"
#include "support/ticket_fixtures.hpp"

namespace evient::test {
namespace {
namespace json = boost::json;
using checkout_support::str;
using std::chrono::minutes;

std::int64_t count(App& app, const std::string& sql, const std::vector<store::Param>& params) {
  return app.db().read([&](store::Tx& tx) { return tx.exec(sql, params)[0].i64(0); });
}

class AdminOrdersTest : public ::testing::Test {
 protected:
  AdminOrdersTest() {
    admin_ = server_.admin_token();
    event_ = create_event(app(), {.title = "Rock Night"});
    other_ = create_event(app(), {.title = "Jazz Night"});
    ga_ = create_ticket_type(app(), event_.id, {.name = "GA", .price = 100000});
    vip_ = create_ticket_type(app(), event_.id, {.name = "VIP", .price = 300000});
    jazz_ = create_ticket_type(app(), other_.id, {.name = "Jazz GA", .price = 50000});
    alice_ = create_buyer(app(), "alice@example.com", "Alice Nguyễn");
    bob_ = create_buyer(app(), "bob@example.com", "Bob Trần");
  }
  App& app() { return server_.app(); }
  HttpClient& http() { return server_.http(); }
  HttpResponse refund(const std::string& id, const json::object& body = {}) {
    return http().post("/api/admin/orders/" + id + "/refund", body, admin_);
  }
  std::int64_t sold(const TicketType& t) { return checkout_support::quantity_sold(app(), t.id); }
  std::int64_t notifications_of(const std::string& user_id) {
    return count(app(), "SELECT COUNT(*) FROM notifications WHERE user_id = $1", {user_id});
  }

  TestServer server_;
  std::string admin_;
  Event event_, other_;
  TicketType ga_, vip_, jazz_;
  User alice_, bob_;
};

TEST_F(AdminOrdersTest, EveryRouteNeedsAnAdmin) {
  const std::string user = checkout_support::quick_buyer(app(), "mallory@example.com");
  auto paid = create_order(app(), alice_.id, {{ga_, 1}});
  const std::string one = "/api/admin/orders/" + paid.order.id;
  for (const std::string& token : {std::string(), user}) {
    const unsigned expected = token.empty() ? 401u : 403u;
    EXPECT_EQ(http().get("/api/admin/orders", token).status, expected);
    EXPECT_EQ(http().get(one, token).status, expected);
    EXPECT_EQ(http().post(one + "/refund", json::object{}, token).status, expected);
  }
  EXPECT_EQ(order_status(app(), paid.order.id), "paid");
}

TEST_F(AdminOrdersTest, ListFiltersAndPaginatesNewestFirst) {
  User carol = create_buyer(app(), "carol@example.com", "Carol Lê");
  auto first = create_order(app(), alice_.id, {{ga_, 2}});
  server_.clock().advance(minutes(1));
  auto second = create_order(app(), bob_.id, {{jazz_, 1}}, "pending");
  server_.clock().advance(minutes(1));
  auto third = create_order(app(), carol.id, {{vip_, 1}, {jazz_, 1}});

  auto all = http().get("/api/admin/orders", admin_);
  ASSERT_EQ(all.status, 200u) << all.body;
  const auto& items = all.json().at("data").as_array();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(str(items[0].at("id")), third.order.id);
  EXPECT_EQ(str(items[1].at("id")), second.order.id);
  EXPECT_EQ(str(items[2].at("id")), first.order.id);
  EXPECT_EQ(str(items[0].at("buyer").at("email")), "carol@example.com");
  EXPECT_EQ(str(items[0].at("buyer").at("full_name")), "Carol Lê");
  EXPECT_EQ(str(items[0].at("buyer").at("id")), carol.id);
  EXPECT_EQ(items[0].at("items").as_array().size(), 2u);
  EXPECT_EQ(items[0].at("total_amount").as_int64(), 350000);
  EXPECT_FALSE(items[0].at("refund_required").as_bool());
  EXPECT_EQ(all.json().at("pagination").at("total").as_int64(), 3);

  auto ids = [&](const std::string& query) {
    auto r = http().get("/api/admin/orders?" + query, admin_);
    EXPECT_EQ(r.status, 200u) << query << ": " << r.body;
    std::vector<std::string> out;
    for (const auto& o : r.json().at("data").as_array()) out.push_back(str(o.at("id")));
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(ids("status=paid"), (V{third.order.id, first.order.id}));
  EXPECT_EQ(ids("status=pending"), (V{second.order.id}));
  EXPECT_EQ(ids("event_id=" + event_.id), (V{third.order.id, first.order.id}));
  EXPECT_EQ(ids("event_id=" + other_.id + "&status=pending"), (V{second.order.id}));
  EXPECT_EQ(ids("user=" + alice_.id), (V{first.order.id}));
  EXPECT_EQ(ids("user=BOB%40example"), (V{second.order.id}));
  EXPECT_EQ(ids("user=carol%20le"), (V{third.order.id}));  // name, diacritics folded
  EXPECT_EQ(ids("user=nobody"), V{});

  auto page2 = http().get("/api/admin/orders?page=2&limit=2", admin_);
  ASSERT_EQ(page2.status, 200u);
  ASSERT_EQ(page2.json().at("data").as_array().size(), 1u);
  EXPECT_EQ(str(page2.json().at("data").at(0).at("id")), first.order.id);
  EXPECT_EQ(page2.json().at("pagination").at("total_pages").as_int64(), 2);

  EXPECT_EQ(http().get("/api/admin/orders?status=shipped", admin_).status, 422u);
  EXPECT_EQ(http().get("/api/admin/orders?event_id=nope", admin_).status, 422u);
  EXPECT_EQ(http().get("/api/admin/orders?limit=0", admin_).status, 422u);
}

TEST_F(AdminOrdersTest, OneOrderComesWithItsTickets) {
  auto paid = create_order(app(), alice_.id, {{ga_, 2}});
  auto r = http().get("/api/admin/orders/" + paid.order.id, admin_);
  ASSERT_EQ(r.status, 200u) << r.body;
  const auto& d = r.json().at("data");
  EXPECT_EQ(str(d.at("status")), "paid");
  EXPECT_EQ(str(d.at("buyer").at("email")), "alice@example.com");
  ASSERT_EQ(d.at("tickets").as_array().size(), 2u);
  EXPECT_EQ(str(d.at("tickets").at(0).at("status")), "valid");
  EXPECT_EQ(error_code(http().get("/api/admin/orders/" + crypto::uuid_v4(), admin_)),
            "ORDER_NOT_FOUND");
  EXPECT_EQ(http().get("/api/admin/orders/not-a-uuid", admin_).status, 404u);
}

TEST_F(AdminOrdersTest, RefundCancelsTicketsReleasesSeatsNotifiesAndAudits) {
  auto paid = create_order(app(), alice_.id, {{vip_, 1}, {ga_, 2}});
  ASSERT_EQ(sold(ga_), 2);
  // status and total_amount are not refund fields: ignored.
  auto r = refund(paid.order.id, {{"reason", "Customer request"},
                                  {"status", "paid"},
                                  {"total_amount", 1},
                                  {"refund_required", true}});
  ASSERT_EQ(r.status, 200u) << r.body;
  const auto& d = r.json().at("data");
  EXPECT_EQ(str(d.at("status")), "refunded");
  EXPECT_EQ(d.at("total_amount").as_int64(), 500000);
  EXPECT_FALSE(d.at("refund_required").as_bool());
  EXPECT_EQ(d.at("refund").at("cancelled_tickets").as_int64(), 3);
  EXPECT_TRUE(d.at("refund").at("provider_refunded").as_bool());
  for (const auto& t : d.at("tickets").as_array()) EXPECT_EQ(str(t.at("status")), "cancelled");
  EXPECT_EQ(sold(ga_), 0);
  EXPECT_EQ(sold(vip_), 0);
  EXPECT_EQ(notifications_of(alice_.id), 1);
  EXPECT_TRUE(check_inventory(app().db()).empty());

  auto log =
      http().get("/api/admin/audit-log?entity_type=order&entity_id=" + paid.order.id, admin_);
  ASSERT_EQ(log.json().at("data").as_array().size(), 1u);
  const auto& entry = log.json().at("data").at(0);
  EXPECT_EQ(str(entry.at("action")), "order.refund");
  EXPECT_EQ(str(entry.at("before").at("status")), "paid");
  EXPECT_EQ(str(entry.at("after").at("status")), "refunded");
  EXPECT_EQ(str(entry.at("after").at("refund").at("reason")), "Customer request");

  // A cancelled ticket no longer opens the door.
  auto scan =
      http().post("/api/admin/scanners/checkin", {{"code", paid.tickets[0].ticket_code}}, admin_);
  EXPECT_EQ(error_code(scan), "CANCELLED");

  auto again = refund(paid.order.id);
  EXPECT_EQ(again.status, 409u);
  EXPECT_EQ(error_code(again), "ORDER_NOT_REFUNDABLE");
  EXPECT_EQ(notifications_of(alice_.id), 1);
  EXPECT_EQ(sold(ga_), 0);
}

TEST_F(AdminOrdersTest, AUsedTicketBlocksTheRefundUnlessForced) {
  auto paid = create_order(app(), alice_.id, {{ga_, 2}});
  app().db().write([&](store::Tx& tx) {
    tx.exec("UPDATE tickets SET status = 'used', used_at = $2 WHERE id = $1",
            {paid.tickets[0].id, store::ts(app().clock().now())});
  });

  auto blocked = refund(paid.order.id);
  EXPECT_EQ(blocked.status, 409u);
  EXPECT_EQ(error_code(blocked), "TICKET_ALREADY_USED");
  EXPECT_EQ(blocked.json().at("data").at("used_tickets").as_int64(), 1);
  // Nothing changed.
  EXPECT_EQ(order_status(app(), paid.order.id), "paid");
  EXPECT_EQ(load_ticket(app(), paid.tickets[1].id).status, "valid");
  EXPECT_EQ(sold(ga_), 2);
  EXPECT_EQ(notifications_of(alice_.id), 0);

  auto forced = refund(paid.order.id, {{"force", true}});
  ASSERT_EQ(forced.status, 200u) << forced.body;
  EXPECT_EQ(forced.json().at("data").at("refund").at("used_tickets_kept").as_int64(), 1);
  EXPECT_EQ(forced.json().at("data").at("refund").at("cancelled_tickets").as_int64(), 1);
  EXPECT_EQ(order_status(app(), paid.order.id), "refunded");
  EXPECT_EQ(load_ticket(app(), paid.tickets[0].id).status, "used");
  EXPECT_EQ(load_ticket(app(), paid.tickets[1].id).status, "cancelled");
  EXPECT_EQ(sold(ga_), 1);  // the used seat stays taken
  EXPECT_TRUE(check_inventory(app().db()).empty());
  EXPECT_EQ(refund(paid.order.id, {{"force", true}}).status, 409u);
}

TEST_F(AdminOrdersTest, OnlyPaidOrRefundRequiredOrdersCanBeRefunded) {
  auto pending = create_order(app(), alice_.id, {{ga_, 1}}, "pending");
  auto cancelled = create_order(app(), alice_.id, {{ga_, 1}}, "cancelled");
  auto refunded = create_order(app(), bob_.id, {{ga_, 1}}, "refunded");
  for (const auto* o : {&pending, &cancelled, &refunded}) {
    auto r = refund(o->order.id);
    EXPECT_EQ(r.status, 409u) << r.body;
    EXPECT_EQ(error_code(r), "ORDER_NOT_REFUNDABLE");
  }
  EXPECT_EQ(order_status(app(), pending.order.id), "pending");
  EXPECT_EQ(error_code(refund(crypto::uuid_v4())), "ORDER_NOT_FOUND");
  EXPECT_EQ(refund(pending.order.id, {{"force", "yes"}}).status, 422u);
  EXPECT_TRUE(check_inventory(app().db()).empty());
}

// Checkout and payment over HTTP: Alice's payment arrives after Bob took the
// seats her expired hold gave back, so her order is cancelled with
// refund_required; the admin refund settles it. Bob's paid order is refunded too.
TEST_F(AdminOrdersTest, ALatePaymentFlaggedForRefundIsRefunded) {
  using namespace checkout_support;
  TicketType two =
      create_ticket_type(app(), event_.id, {.name = "Few", .price = 150000, .quantity_total = 2});
  const std::string alice = quick_buyer(app(), "late@example.com");
  const std::string bob = quick_buyer(app(), "early@example.com");
  auto a = order(http(), alice, {{two.id, 2}});
  ASSERT_EQ(a.status, 201u) << a.body;
  server_.clock().advance(minutes(16));
  auto b = order(http(), bob, {{two.id, 2}});
  ASSERT_EQ(b.status, 201u) << b.body;
  ASSERT_EQ(pay(server_, order_id(b), 300000).status, 200u);
  auto late = pay(server_, order_id(a), 300000, "tx-late");
  ASSERT_EQ(str(late.json().at("data").at("outcome")), "refund_required");

  auto r = refund(order_id(a));
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(str(r.json().at("data").at("status")), "refunded");
  EXPECT_FALSE(r.json().at("data").at("refund_required").as_bool());
  EXPECT_EQ(r.json().at("data").at("refund").at("cancelled_tickets").as_int64(), 0);
  EXPECT_EQ(sold(two), 2);  // Bob's seats are untouched
  EXPECT_EQ(error_code(refund(order_id(a))), "ORDER_NOT_REFUNDABLE");

  auto rb = refund(order_id(b));
  ASSERT_EQ(rb.status, 200u) << rb.body;
  EXPECT_EQ(sold(two), 0);
  EXPECT_TRUE(check_inventory(app().db()).empty());
  auto listed = http().get("/api/admin/orders?status=refunded", admin_);
  EXPECT_EQ(listed.json().at("pagination").at("total").as_int64(), 2);
}

// Cancelling an event with paid, pending and used tickets leaves no drift, no
// valid ticket and no paid order of the event, and tells each buyer once.
TEST_F(AdminOrdersTest, CancellingAnEventKeepsInventoryConsistent) {
  User carol = create_buyer(app(), "carol@example.com", "Carol");
  auto alices = create_order(app(), alice_.id, {{vip_, 1}, {ga_, 2}});
  auto bobs = create_order(app(), bob_.id, {{ga_, 1}});
  auto carols = create_order(app(), carol.id, {{vip_, 2}, {ga_, 1}}, "pending");
  auto bobs_pending = create_order(app(), bob_.id, {{vip_, 1}}, "pending");
  auto jazz = create_order(app(), carol.id, {{jazz_, 1}});  // another event: untouched
  app().db().write([&](store::Tx& tx) {
    tx.exec("UPDATE tickets SET status = 'used' WHERE id = $1", {alices.tickets[0].id});
  });
  ASSERT_EQ(sold(ga_), 4);
  ASSERT_EQ(sold(vip_), 4);

  auto r = http().put("/api/admin/events/" + event_.id, {{"status", "cancelled"}}, admin_);
  ASSERT_EQ(r.status, 200u) << r.body;
  const auto& c = r.json().at("data").at("cancellation");
  EXPECT_EQ(c.at("released_orders").as_int64(), 2);
  EXPECT_EQ(c.at("refunded_orders").as_int64(), 2);
  EXPECT_EQ(c.at("cancelled_tickets").as_int64(), 4);
  EXPECT_EQ(c.at("provider_refunds_accepted").as_int64(), 2);

  EXPECT_TRUE(check_inventory(app().db()).empty());
  EXPECT_EQ(sold(ga_), 0);
  EXPECT_EQ(sold(vip_), 0);
  EXPECT_EQ(sold(jazz_), 1);
  EXPECT_EQ(count(app(), "SELECT COUNT(*) FROM tickets WHERE event_id = $1 AND status = 'valid'",
                  {event_.id}),
            0);
  EXPECT_EQ(count(app(),
                  "SELECT COUNT(*) FROM orders o WHERE o.status = 'paid' AND EXISTS (SELECT 1 "
                  "FROM order_items i WHERE i.order_id = o.id AND i.event_id = $1)",
                  {event_.id}),
            0);
  for (const User* u : {&alice_, &bob_, &carol}) {
    EXPECT_EQ(notifications_of(u->id), 1) << u->email;
  }
  EXPECT_EQ(order_status(app(), alices.order.id), "refunded");
  EXPECT_EQ(order_status(app(), bobs.order.id), "refunded");
  EXPECT_EQ(order_status(app(), carols.order.id), "cancelled");
  EXPECT_EQ(order_status(app(), bobs_pending.order.id), "cancelled");
  EXPECT_EQ(order_status(app(), jazz.order.id), "paid");
  // The refunds went through the provider: nothing is left owed.
  EXPECT_EQ(count(app(), "SELECT COUNT(*) FROM orders WHERE refund_required = TRUE", {}), 0);
}

}  // namespace
}  // namespace evient::test
