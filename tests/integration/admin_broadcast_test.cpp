// POST /api/admin/notifications: to chosen users, to an event's ticket holders,
// to every active user; validation, access and the audit entry.
#include <gtest/gtest.h>

#include <cctype>
#include <set>

#include "checkout_support.hpp"
#include "store/params.hpp"
#include "support/ticket_fixtures.hpp"

namespace evient::test {
namespace {
namespace json = boost::json;
using checkout_support::str;

class AdminBroadcastTest : public ::testing::Test {
 protected:
  AdminBroadcastTest() {
    admin_ = server_.admin_token();
    alice_ = create_buyer(app(), "alice@example.com", "Alice");
    bob_ = create_buyer(app(), "bob@example.com", "Bob");
    carol_ = create_buyer(app(), "carol@example.com", "Carol");
  }
  App& app() { return server_.app(); }
  HttpResponse send(json::object body, const std::string& token) {
    return server_.http().post("/api/admin/notifications", body, token);
  }
  HttpResponse send(json::object body) { return send(std::move(body), admin_); }
  json::object message(const std::string& type = "promotion") {
    return {{"title", "Flash sale"}, {"message", "20% off this weekend"}, {"type", type}};
  }
  std::int64_t count(const std::string& sql, const std::vector<store::Param>& params = {}) {
    return app().db().read([&](store::Tx& tx) { return tx.exec(sql, params)[0].i64(0); });
  }
  std::int64_t inbox(const User& u) {
    return count("SELECT COUNT(*) FROM notifications WHERE user_id = $1", {u.id});
  }
  std::int64_t total() { return count("SELECT COUNT(*) FROM notifications"); }

  TestServer server_;
  std::string admin_;
  User alice_, bob_, carol_;
};

TEST_F(AdminBroadcastTest, NeedsAnAdmin) {
  const std::string user = checkout_support::quick_buyer(app(), "mallory@example.com");
  EXPECT_EQ(send(message(), "").status, 401u);
  EXPECT_EQ(send(message(), user).status, 403u);
  EXPECT_EQ(total(), 0);
}

TEST_F(AdminBroadcastTest, ToChosenUsers) {
  json::object body = message("system");
  // A repeated id (in another case) counts once.
  std::string upper_bob = bob_.id;
  for (auto& ch : upper_bob) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  body["user_ids"] =
      json::array{json::value(alice_.id), json::value(bob_.id), json::value(upper_bob)};
  auto r = send(body);
  ASSERT_EQ(r.status, 201u) << r.body;
  EXPECT_EQ(r.json().at("data").at("sent").as_int64(), 2);
  EXPECT_EQ(inbox(alice_), 1);
  EXPECT_EQ(inbox(bob_), 1);
  EXPECT_EQ(inbox(carol_), 0);

  // Seen by the buyer like any other notification, with a usable id.
  const std::string token = app().services().auth->issue_token(alice_);
  auto list = server_.http().get("/api/notifications", token);
  ASSERT_EQ(list.status, 200u) << list.body;
  const auto& n = list.json().at("data").at(0);
  EXPECT_EQ(str(n.at("title")), "Flash sale");
  EXPECT_EQ(str(n.at("type")), "system");
  EXPECT_FALSE(n.at("is_read").as_bool());
  EXPECT_EQ(server_.http()
                .put("/api/notifications/" + str(n.at("id")) + "/read", json::object{}, token)
                .status,
            200u);

  auto log = server_.http().get("/api/admin/audit-log?entity_type=notification", admin_);
  ASSERT_EQ(log.json().at("data").as_array().size(), 1u);
  EXPECT_EQ(str(log.json().at("data").at(0).at("action")), "notification.broadcast");
  EXPECT_EQ(log.json().at("data").at(0).at("after").at("sent").as_int64(), 2);
}

TEST_F(AdminBroadcastTest, UnknownUserIdsAreListedAndNothingIsSent) {
  const std::string ghost = crypto::uuid_v4();
  json::object body = message();
  body["user_ids"] = json::array{json::value(alice_.id), json::value(ghost), json::value("nope")};
  auto r = send(body);
  ASSERT_EQ(r.status, 422u) << r.body;
  EXPECT_EQ(error_code(r), "VALIDATION_FAILED");
  const auto& bad = r.json().at("data").at("unknown_user_ids").as_array();
  ASSERT_EQ(bad.size(), 2u);
  EXPECT_EQ(str(bad[0]), "nope");
  EXPECT_EQ(str(bad[1]), ghost);
  EXPECT_EQ(total(), 0);
}

TEST_F(AdminBroadcastTest, ToEveryHolderOfAnEventOnce) {
  Event e = create_event(app());
  Event other = create_event(app());
  TicketType ga = create_ticket_type(app(), e.id);
  TicketType other_ga = create_ticket_type(app(), other.id);
  User dave = create_buyer(app(), "dave@example.com", "Dave");
  User erin = create_buyer(app(), "erin@example.com", "Erin");
  create_order(app(), alice_.id, {{ga, 2}});  // two tickets, one notification
  create_order(app(), alice_.id, {{ga, 1}});
  auto bobs = create_order(app(), bob_.id, {{ga, 1}});
  auto carols = create_order(app(), carol_.id, {{ga, 1}});
  create_order(app(), dave.id, {{ga, 1}}, "pending");  // no ticket yet
  create_order(app(), erin.id, {{other_ga, 1}});
  app().db().write([&](store::Tx& tx) {
    tx.exec("UPDATE tickets SET status = 'used' WHERE id = $1", {bobs.tickets[0].id});
    tx.exec("UPDATE tickets SET status = 'cancelled' WHERE id = $1", {carols.tickets[0].id});
  });

  json::object body = message("order");
  body["event_id"] = e.id;
  auto r = send(body);
  ASSERT_EQ(r.status, 201u) << r.body;
  EXPECT_EQ(r.json().at("data").at("sent").as_int64(), 2);
  EXPECT_EQ(inbox(alice_), 1);
  EXPECT_EQ(inbox(bob_), 1);  // a used ticket still makes a holder
  EXPECT_EQ(inbox(carol_), 0);
  EXPECT_EQ(inbox(dave), 0);
  EXPECT_EQ(inbox(erin), 0);

  body["event_id"] = crypto::uuid_v4();
  auto unknown = send(body);
  EXPECT_EQ(unknown.status, 422u) << unknown.body;
  body["event_id"] = "not-a-uuid";
  EXPECT_EQ(send(body).status, 422u);
  EXPECT_EQ(total(), 2);
}

TEST_F(AdminBroadcastTest, ToEveryActiveUser) {
  app().db().write([&](store::Tx& tx) {
    tx.exec("UPDATE users SET is_active = FALSE WHERE id = $1", {carol_.id});
  });
  const std::int64_t active = count("SELECT COUNT(*) FROM users WHERE is_active = TRUE");
  ASSERT_EQ(active, 3);  // the admin, Alice, Bob
  auto r = send(message());
  ASSERT_EQ(r.status, 201u) << r.body;
  EXPECT_EQ(r.json().at("data").at("sent").as_int64(), active);
  EXPECT_EQ(total(), active);
  EXPECT_EQ(inbox(carol_), 0);
  EXPECT_EQ(count("SELECT COUNT(DISTINCT id) FROM notifications"), active);
  // Ids are well-formed UUIDs on both engines.
  app().db().read([&](store::Tx& tx) {
    auto rows = tx.exec("SELECT id FROM notifications");
    for (std::size_t i = 0; i < rows.size(); ++i) EXPECT_TRUE(crypto::is_uuid(rows[i].text(0)));
  });
}

TEST_F(AdminBroadcastTest, ValidatesEveryField) {
  auto fields = [](const HttpResponse& r) {
    std::set<std::string> out;
    for (const auto& d : r.json().at("error").at("details").as_array()) {
      out.insert(std::string(d.at("field").as_string()));
    }
    return out;
  };
  auto r = send({{"type", "spam"}});
  ASSERT_EQ(r.status, 422u);
  EXPECT_EQ(fields(r), (std::set<std::string>{"title", "message", "type"}));

  json::object long_title = message();
  long_title["title"] = std::string(201, 'a');
  EXPECT_EQ(fields(send(long_title)), std::set<std::string>{"title"});
  json::object long_message = message();
  long_message["message"] = std::string(2001, 'a');
  EXPECT_EQ(fields(send(long_message)), std::set<std::string>{"message"});
  json::object both = message();
  both["user_ids"] = json::array{json::value(alice_.id)};
  both["event_id"] = crypto::uuid_v4();
  EXPECT_EQ(send(both).status, 422u);
  json::object empty = message();
  empty["user_ids"] = json::array{};
  EXPECT_EQ(fields(send(empty)), std::set<std::string>{"user_ids"});
  EXPECT_EQ(total(), 0);

  // At the limits, and without a type (system).
  json::object at_limit{{"title", std::string(200, 't')}, {"message", std::string(2000, 'm')}};
  at_limit["user_ids"] = json::array{json::value(alice_.id)};
  auto ok = send(at_limit);
  ASSERT_EQ(ok.status, 201u) << ok.body;
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE type = 'system'"), 1);
}

TEST_F(AdminBroadcastTest, BodyCannotSetReadFlagsOrRecipientsDirectly) {
  json::object body = message();
  body["user_ids"] = json::array{json::value(alice_.id)};
  body["user_id"] = bob_.id;
  body["is_read"] = true;
  body["created_at"] = "2000-01-01T00:00:00Z";
  auto r = send(body);
  ASSERT_EQ(r.status, 201u) << r.body;
  EXPECT_EQ(inbox(bob_), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE is_read = FALSE AND user_id = $1",
                  {alice_.id}),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE created_at < $1",
                  {store::ts(app().clock().now() - std::chrono::hours(1))}),
            0);
}

}  // namespace
}  // namespace evient::test
