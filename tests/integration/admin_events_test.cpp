// Admin events and ticket types: CRUD, validation, slugs, sanitised content,
// status transitions, delete guards, cancellation and mass assignment.
#include <gtest/gtest.h>

#include <set>

#include "support/fixtures.hpp"
#include "support/test_app.hpp"
#include "support/ticket_fixtures.hpp"

namespace evient::test {
namespace {
namespace json = boost::json;
using std::chrono::hours;

class AdminEventsTest : public ::testing::Test {
 protected:
  AdminEventsTest() { admin_ = server_.admin_token(); }

  json::object valid_event(const std::string& title = "Đêm nhạc Mùa Thu") {
    return {{"title", title},
            {"start_time", "2030-10-01T12:00:00Z"},
            {"end_time", "2030-10-01T22:00:00+07:00"},
            {"location", "Hà Nội"},
            {"category", "Music"},
            {"banner_image", "https://cdn.example.com/b.jpg"},
            {"thumbnail_image", "/img/t.jpg"}};
  }
  HttpResponse create(const json::object& body) {
    return server_.http().post("/api/admin/events", body, admin_);
  }
  json::value create_ok(const json::object& body) {
    auto r = create(body);
    EXPECT_EQ(r.status, 201u) << r.body;
    return r.json().at("data");
  }
  HttpResponse update(const std::string& id, const json::object& body) {
    return server_.http().put("/api/admin/events/" + id, body, admin_);
  }

  TestServer server_;
  std::string admin_;
};

TEST_F(AdminEventsTest, CreateGetListUpdateDelete) {
  auto e = create_ok(valid_event());
  const std::string id(e.at("id").as_string());
  EXPECT_EQ(e.at("slug").as_string(), "dem-nhac-mua-thu");
  EXPECT_EQ(e.at("status").as_string(), "draft");
  EXPECT_EQ(e.at("start_time").as_string(), "2030-10-01T12:00:00Z");
  EXPECT_EQ(e.at("end_time").as_string(), "2030-10-01T15:00:00Z");

  auto got = server_.http().get("/api/admin/events/" + id, admin_);
  ASSERT_EQ(got.status, 200u);
  EXPECT_EQ(got.json().at("data").at("title").as_string(), "Đêm nhạc Mùa Thu");
  EXPECT_EQ(got.json().at("data").at("ticket_types").as_array().size(), 0u);

  // Drafts are listed for admins (not in the public catalogue), with filters.
  create_ok([&] {
    auto b = valid_event("Tech Day");
    b["category"] = "Tech";
    b["status"] = "published";
    return b;
  }());
  auto all = server_.http().get("/api/admin/events", admin_);
  EXPECT_EQ(all.json().at("pagination").at("total").as_int64(), 2);
  auto drafts = server_.http().get("/api/admin/events?status=draft", admin_);
  ASSERT_EQ(drafts.json().at("data").as_array().size(), 1u);
  EXPECT_EQ(drafts.json().at("data").at(0).at("id").as_string(), id);
  EXPECT_EQ(server_.http()
                .get("/api/admin/events?category=tech", admin_)
                .json()
                .at("pagination")
                .at("total")
                .as_int64(),
            1);
  EXPECT_EQ(server_.http()
                .get("/api/admin/events?search=mua%20thu", admin_)
                .json()
                .at("pagination")
                .at("total")
                .as_int64(),
            1);
  EXPECT_EQ(server_.http()
                .get("/api/admin/events?limit=1&page=2", admin_)
                .json()
                .at("data")
                .as_array()
                .size(),
            1u);
  EXPECT_EQ(server_.http().get("/api/admin/events?status=bogus", admin_).status, 422u);
  EXPECT_EQ(server_.http().get("/api/events", {}).json().at("pagination").at("total").as_int64(),
            1);

  auto up = update(id, {{"title", "Đêm nhạc Mùa Đông"}, {"location", nullptr}, {"is_hot", true}});
  ASSERT_EQ(up.status, 200u) << up.body;
  EXPECT_EQ(up.json().at("data").at("title").as_string(), "Đêm nhạc Mùa Đông");
  EXPECT_EQ(up.json().at("data").at("slug").as_string(), "dem-nhac-mua-thu");  // slugs stay put
  EXPECT_TRUE(up.json().at("data").at("location").is_null());
  EXPECT_TRUE(up.json().at("data").at("is_hot").as_bool());
  EXPECT_EQ(up.json().at("data").at("category").as_string(), "Music");  // untouched

  auto del = server_.http().del("/api/admin/events/" + id, admin_);
  EXPECT_EQ(del.status, 200u) << del.body;
  EXPECT_EQ(server_.http().get("/api/admin/events/" + id, admin_).status, 404u);
  EXPECT_EQ(server_.http().get("/api/admin/events/not-a-uuid", admin_).status, 404u);
}

TEST_F(AdminEventsTest, ValidationReportsEveryBadField) {
  auto r = create({{"title", std::string(201, 'x')},
                   {"start_time", "next tuesday"},
                   {"banner_image", "javascript:alert(1)"},
                   {"thumbnail_image", "//evil.example/x.png"},
                   {"category", std::string(51, 'c')},
                   {"status", "archived"}});
  ASSERT_EQ(r.status, 422u) << r.body;
  std::set<std::string> fields;
  for (auto& d : r.json().at("error").at("details").as_array()) {
    fields.emplace(d.at("field").as_string());
  }
  EXPECT_EQ(fields, (std::set<std::string>{"title", "start_time", "banner_image", "thumbnail_image",
                                           "category", "status"}));

  EXPECT_EQ(create({{"start_time", "2030-01-01T00:00:00Z"}}).status, 422u);  // no title
  auto backwards = valid_event();
  backwards["end_time"] = "2030-10-01T11:00:00Z";
  auto b = create(backwards);
  EXPECT_EQ(b.status, 422u);
  EXPECT_EQ(b.json().at("error").at("details").at(0).at("field").as_string(), "end_time");
  auto completed = valid_event();
  completed["status"] = "completed";
  EXPECT_EQ(create(completed).status, 422u);  // a new event is draft or published
  EXPECT_EQ(
      server_.http()
          .request("POST", "/api/admin/events", "[1,2]",
                   {{"Authorization", "Bearer " + admin_}, {"Content-Type", "application/json"}})
          .status,
      400u);
}

TEST_F(AdminEventsTest, SlugsAreGeneratedUniqueAndExplicitOnesChecked) {
  EXPECT_EQ(create_ok(valid_event("Show")).at("slug").as_string(), "show");
  EXPECT_EQ(create_ok(valid_event("Show")).at("slug").as_string(), "show-2");
  EXPECT_EQ(create_ok(valid_event("SHOW!")).at("slug").as_string(), "show-3");

  auto explicit_slug = valid_event("Other");
  explicit_slug["slug"] = "my-own-slug";
  auto e = create_ok(explicit_slug);
  EXPECT_EQ(e.at("slug").as_string(), "my-own-slug");
  auto taken = create(explicit_slug);
  EXPECT_EQ(taken.status, 409u);
  EXPECT_EQ(taken.error_code(), "SLUG_TAKEN");
  explicit_slug["slug"] = "Bad Slug";
  EXPECT_EQ(create(explicit_slug).status, 422u);

  auto first = create_ok(valid_event("First"));
  auto clash = update(std::string(first.at("id").as_string()), {{"slug", "show"}});
  EXPECT_EQ(clash.status, 409u);
  EXPECT_EQ(clash.error_code(), "SLUG_TAKEN");
  auto renamed = update(std::string(first.at("id").as_string()), {{"slug", "first-night"}});
  EXPECT_EQ(renamed.json().at("data").at("slug").as_string(), "first-night");
}

TEST_F(AdminEventsTest, ContentIsStoredSanitised) {
  auto body = valid_event();
  body["content"] =
      "<p onclick=\"steal()\">Hello <b>world</b></p><script>alert('x')</script>"
      "<img src=\"/a.png\" onerror=\"alert(1)\">";
  auto e = create_ok(body);
  auto got = server_.http().get("/api/admin/events/" + std::string(e.at("id").as_string()), admin_);
  const std::string content(got.json().at("data").at("content").as_string());
  EXPECT_EQ(content.find("<script"), std::string::npos) << content;
  EXPECT_EQ(content.find("alert"), std::string::npos) << content;
  EXPECT_EQ(content.find("onerror"), std::string::npos) << content;
  EXPECT_EQ(content.find("onclick"), std::string::npos) << content;
  EXPECT_NE(content.find("<b>world</b>"), std::string::npos) << content;
  EXPECT_NE(content.find("src=\"/a.png\""), std::string::npos) << content;

  auto up = update(std::string(e.at("id").as_string()),
                   {{"content", "<a href=\"javascript:x()\">x</a><script>1</script>"}});
  const std::string updated(up.json().at("data").at("content").as_string());
  EXPECT_EQ(updated.find("javascript"), std::string::npos) << updated;
  EXPECT_EQ(updated.find("<script"), std::string::npos) << updated;
}

TEST_F(AdminEventsTest, StatusTransitions) {
  const std::string id(create_ok(valid_event()).at("id").as_string());
  auto skip = update(id, {{"status", "completed"}});
  EXPECT_EQ(skip.status, 409u);
  EXPECT_EQ(skip.error_code(), "INVALID_STATUS_TRANSITION");
  EXPECT_EQ(update(id, {{"status", "published"}}).status, 200u);
  EXPECT_EQ(update(id, {{"status", "draft"}}).status, 409u);
  EXPECT_EQ(update(id, {{"status", "completed"}}).status, 200u);
  EXPECT_EQ(update(id, {{"status", "cancelled"}}).status, 200u);
  EXPECT_EQ(update(id, {{"status", "published"}}).status, 409u);  // cancelled is final
  EXPECT_EQ(update(id, {{"status", "nonsense"}}).status, 422u);
}

TEST_F(AdminEventsTest, DeleteIsRefusedOnceTicketsExist) {
  Event e = create_event(server_.app());
  TicketType t = create_ticket_type(server_.app(), e.id);
  User buyer = create_buyer(server_.app(), "b@evient.test", "B");
  create_order(server_.app(), buyer.id, {{t, 1}});
  auto r = server_.http().del("/api/admin/events/" + e.id, admin_);
  EXPECT_EQ(r.status, 409u);
  EXPECT_EQ(r.error_code(), "EVENT_HAS_TICKETS");
  EXPECT_EQ(server_.http().get("/api/admin/events/" + e.id, admin_).status, 200u);

  // A pending order alone (no ticket yet) also blocks the delete.
  Event e2 = create_event(server_.app());
  TicketType t2 = create_ticket_type(server_.app(), e2.id);
  create_order(server_.app(), buyer.id, {{t2, 1}}, "pending");
  EXPECT_EQ(server_.http().del("/api/admin/events/" + e2.id, admin_).status, 409u);
}

TEST_F(AdminEventsTest, CancellingAnEventCancelsTicketsRefundsOrdersAndNotifiesBuyers) {
  Event e = create_event(server_.app());
  Event other = create_event(server_.app());
  TicketType ga = create_ticket_type(server_.app(), e.id);
  TicketType other_ga = create_ticket_type(server_.app(), other.id);
  User a = create_buyer(server_.app(), "a@evient.test", "A");
  User b = create_buyer(server_.app(), "b@evient.test", "B");
  User c = create_buyer(server_.app(), "c@evient.test", "C");
  auto paid = create_order(server_.app(), a.id, {{ga, 2}});
  auto mixed = create_order(server_.app(), b.id, {{ga, 1}, {other_ga, 1}});
  auto pending = create_order(server_.app(), c.id, {{ga, 3}}, "pending");
  // One ticket was already scanned at the door.
  server_.app().db().write([&](store::Tx& tx) {
    tx.exec("UPDATE tickets SET status = 'used' WHERE id = $1", {paid.tickets[0].id});
  });

  auto r = update(e.id, {{"status", "cancelled"}});
  ASSERT_EQ(r.status, 200u) << r.body;
  const auto& c_json = r.json().at("data").at("cancellation");
  EXPECT_EQ(c_json.at("released_orders").as_int64(), 1);
  EXPECT_EQ(c_json.at("refunded_orders").as_int64(), 1);
  EXPECT_EQ(c_json.at("refund_required_orders").as_int64(), 1);
  EXPECT_EQ(c_json.at("cancelled_tickets").as_int64(), 3);
  EXPECT_EQ(c_json.at("notified_users").as_int64(), 3);

  server_.app().db().read([&](store::Tx& tx) {
    EXPECT_EQ(tx.exec("SELECT COUNT(*) FROM tickets WHERE event_id = $1 AND status <> 'cancelled'",
                      {e.id})[0]
                  .i64(0),
              0);
    // No paid order holds only this event any more.
    EXPECT_EQ(tx.exec("SELECT COUNT(*) FROM orders o WHERE o.status = 'paid' AND NOT EXISTS "
                      "(SELECT 1 FROM order_items oi WHERE oi.order_id = o.id "
                      "AND oi.event_id <> $1)",
                      {e.id})[0]
                  .i64(0),
              0);
    EXPECT_TRUE(
        tx.exec("SELECT refund_required FROM orders WHERE id = $1", {mixed.order.id})[0].boolean(
            0));
    // The other event's ticket of the mixed order is still good.
    EXPECT_EQ(tx.exec("SELECT status FROM tickets WHERE event_id = $1", {other.id})[0].text(0),
              "valid");
    // The pending reservation and the cancelled tickets' seats were all given back.
    EXPECT_EQ(tx.exec("SELECT quantity_sold FROM ticket_types WHERE id = $1", {ga.id})[0].i64(0),
              0);
    EXPECT_EQ(tx.exec("SELECT COUNT(DISTINCT user_id) FROM notifications WHERE user_id IN "
                      "($1, $2, $3)",
                      {a.id, b.id, c.id})[0]
                  .i64(0),
              3);
  });
  EXPECT_EQ(order_status(server_.app(), paid.order.id), "refunded");
  EXPECT_EQ(order_status(server_.app(), mixed.order.id), "paid");
  EXPECT_EQ(order_status(server_.app(), pending.order.id), "cancelled");

  auto scan = server_.http().post("/api/admin/scanners/checkin",
                                  {{"code", paid.tickets[1].ticket_code}}, admin_);
  EXPECT_EQ(scan.error_code(), "CANCELLED");

  auto log = server_.http().get("/api/admin/audit-log?entity_type=event&entity_id=" + e.id, admin_);
  ASSERT_EQ(log.json().at("data").as_array().size(), 1u);
  EXPECT_EQ(log.json().at("data").at(0).at("action").as_string(), "event.cancel");
  EXPECT_EQ(log.json().at("data").at(0).at("before").at("status").as_string(), "published");
}

TEST_F(AdminEventsTest, EventBodyCannotSetIdsOrTimestamps) {
  auto body = valid_event();
  body["id"] = "11111111-1111-4111-8111-111111111111";
  body["created_at"] = "2000-01-01T00:00:00Z";
  body["search_text"] = "hacked";
  auto e = create_ok(body);
  EXPECT_NE(e.at("id").as_string(), "11111111-1111-4111-8111-111111111111");
  EXPECT_NE(e.at("created_at").as_string(), "2000-01-01T00:00:00Z");
  const std::string id(e.at("id").as_string());
  auto up = update(
      id, {{"id", "22222222-2222-4222-8222-222222222222"}, {"created_at", "2000-01-01T00:00:00Z"}});
  ASSERT_EQ(up.status, 200u);
  EXPECT_EQ(up.json().at("data").at("id").as_string(), id);
  EXPECT_NE(up.json().at("data").at("created_at").as_string(), "2000-01-01T00:00:00Z");
  EXPECT_EQ(server_.http()
                .get("/api/admin/events?search=hacked", admin_)
                .json()
                .at("pagination")
                .at("total")
                .as_int64(),
            0);
}

class AdminTicketTypesTest : public AdminEventsTest {
 protected:
  AdminTicketTypesTest() { event_ = create_event(server_.app()); }
  HttpResponse create_type(const json::object& body) {
    return server_.http().post("/api/admin/events/" + event_.id + "/ticket-types", body, admin_);
  }
  Event event_;
};

TEST_F(AdminTicketTypesTest, CrudAndMassAssignment) {
  auto r = create_type({{"name", "VIP"},
                        {"price", 500000},
                        {"original_price", 700000},
                        {"quantity_total", 50},
                        {"quantity_sold", 40},
                        {"id", "11111111-1111-4111-8111-111111111111"},
                        {"event_id", "22222222-2222-4222-8222-222222222222"}});
  ASSERT_EQ(r.status, 201u) << r.body;
  const auto& t = r.json().at("data");
  const std::string id(t.at("id").as_string());
  EXPECT_NE(id, "11111111-1111-4111-8111-111111111111");
  EXPECT_EQ(t.at("event_id").as_string(), event_.id);
  EXPECT_EQ(t.at("quantity_sold").as_int64(), 0);
  EXPECT_EQ(t.at("price").as_int64(), 500000);
  EXPECT_EQ(t.at("original_price").as_int64(), 700000);

  EXPECT_EQ(create_type({{"name", "X"}, {"price", -1}, {"quantity_total", 1}}).status, 422u);
  EXPECT_EQ(create_type({{"name", "X"}, {"price", 1}}).status, 422u);
  EXPECT_EQ(create_type({{"price", 1}, {"quantity_total", 1}}).status, 422u);
  EXPECT_EQ(create_type({{"name", "X"}, {"price", 1}, {"quantity_total", -5}}).status, 422u);
  EXPECT_EQ(server_.http()
                .post("/api/admin/events/" + std::string("00000000-0000-4000-8000-000000000000") +
                          "/ticket-types",
                      {{"name", "X"}, {"price", 1}, {"quantity_total", 1}}, admin_)
                .status,
            404u);

  auto up = server_.http().put(
      "/api/admin/ticket-types/" + id,
      {{"status", "hidden"}, {"quantity_sold", 49}, {"original_price", nullptr}}, admin_);
  ASSERT_EQ(up.status, 200u) << up.body;
  EXPECT_EQ(up.json().at("data").at("status").as_string(), "hidden");
  EXPECT_EQ(up.json().at("data").at("quantity_sold").as_int64(), 0);
  EXPECT_TRUE(up.json().at("data").at("original_price").is_null());

  auto list = server_.http().get("/api/admin/events/" + event_.id + "/ticket-types", admin_);
  ASSERT_EQ(list.json().at("data").as_array().size(), 1u);  // hidden types too

  EXPECT_EQ(server_.http().del("/api/admin/ticket-types/" + id, admin_).status, 200u);
  EXPECT_EQ(server_.http().del("/api/admin/ticket-types/" + id, admin_).status, 404u);
}

TEST_F(AdminTicketTypesTest, QuantityNeverBelowSoldAndSoldTypesCannotBeDeleted) {
  TicketTypeSpec spec;
  spec.price = 100000;
  spec.quantity_total = 10;
  TicketType t = create_ticket_type(server_.app(), event_.id, spec);
  User buyer = create_buyer(server_.app(), "b@evient.test", "B");
  auto order = create_order(server_.app(), buyer.id, {{t, 4}});

  auto below =
      server_.http().put("/api/admin/ticket-types/" + t.id, {{"quantity_total", 3}}, admin_);
  EXPECT_EQ(below.status, 409u);
  EXPECT_EQ(below.error_code(), "QUANTITY_BELOW_SOLD");
  EXPECT_EQ(below.json().at("data").at("quantity_sold").as_int64(), 4);
  auto exact =
      server_.http().put("/api/admin/ticket-types/" + t.id, {{"quantity_total", 4}}, admin_);
  EXPECT_EQ(exact.status, 200u) << exact.body;

  // A price change leaves what buyers paid alone.
  auto price = server_.http().put("/api/admin/ticket-types/" + t.id, {{"price", 150000}}, admin_);
  ASSERT_EQ(price.status, 200u);
  EXPECT_EQ(price.json().at("data").at("price").as_int64(), 150000);
  EXPECT_EQ(load_ticket(server_.app(), order.tickets[0].id).price_at_purchase, 100000);

  auto del = server_.http().del("/api/admin/ticket-types/" + t.id, admin_);
  EXPECT_EQ(del.status, 409u);
  EXPECT_EQ(del.error_code(), "TICKET_TYPE_HAS_SALES");
}

}  // namespace
}  // namespace evient::test
