// GET /api/notifications, PUT /api/notifications/:id/read, PUT /api/notifications/read-all
#include <gtest/gtest.h>

#include "checkout_support.hpp"

namespace evient::test {
namespace {
namespace json = boost::json;
using namespace checkout_support;
using std::chrono::minutes;

class NotificationsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    alice_ = quick_buyer(app(), "alice@example.com");
    bob_ = quick_buyer(app(), "bob@example.com");
    event_ = create_event(app(), {.title = "Expo"});
    free_ = create_ticket_type(app(), event_.id, {.name = "Free", .price = 0});
    paid_ = create_ticket_type(app(), event_.id, {.name = "Paid", .price = 50000});
  }
  App& app() { return server_.app(); }
  HttpClient& http() { return server_.http(); }
  HttpResponse list(const std::string& token, const std::string& query = "") {
    return http().get("/api/notifications" + query, token);
  }

  TestServer server_;
  std::string alice_, bob_;
  Event event_;
  TicketType free_, paid_;
};

TEST_F(NotificationsTest, CheckoutNotifiesNewestFirstWithUnreadCount) {
  ASSERT_EQ(order(http(), alice_, {{free_.id, 2}}).status, 201u);  // paid at once
  server_.clock().advance(minutes(1));
  auto pending = order(http(), alice_, {{paid_.id, 1}});
  ASSERT_EQ(
      http().post("/api/orders/" + order_id(pending) + "/cancel", json::object{}, alice_).status,
      200u);

  auto r = list(alice_);
  ASSERT_EQ(r.status, 200u) << r.body;
  const auto& items = r.json().at("data").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_NE(str(items[0].at("title")).find("cancelled"), std::string::npos);
  EXPECT_NE(str(items[1].at("title")).find("confirmed"), std::string::npos);
  EXPECT_NE(str(items[1].at("message")).find("2 x Free (Expo)"), std::string::npos);
  EXPECT_EQ(str(items[1].at("type")), "order");
  EXPECT_FALSE(items[0].at("is_read").as_bool());
  EXPECT_EQ(r.json().at("unread_count").as_int64(), 2);
  EXPECT_EQ(r.json().at("pagination").at("total").as_int64(), 2);
  EXPECT_EQ(list(alice_, "?limit=1").json().at("data").as_array().size(), 1u);
  EXPECT_TRUE(list(bob_).json().at("data").as_array().empty());
  EXPECT_EQ(list(bob_).json().at("unread_count").as_int64(), 0);
}

TEST_F(NotificationsTest, ReadMarksAreTheOwnersOnly) {
  ASSERT_EQ(order(http(), alice_, {{free_.id, 1}}).status, 201u);
  ASSERT_EQ(order(http(), alice_, {{free_.id, 1}}).status, 201u);
  auto items = list(alice_).json().at("data").as_array();
  ASSERT_EQ(items.size(), 2u);
  const std::string id = str(items[0].at("id"));

  auto stolen = http().put("/api/notifications/" + id + "/read", json::object{}, bob_);
  EXPECT_EQ(stolen.status, 404u);
  EXPECT_EQ(error_code(stolen), "NOTIFICATION_NOT_FOUND");
  EXPECT_EQ(http().put("/api/notifications/nope/read", json::object{}, alice_).status, 404u);
  EXPECT_EQ(list(alice_).json().at("unread_count").as_int64(), 2);

  ASSERT_EQ(http().put("/api/notifications/" + id + "/read", json::object{}, alice_).status, 200u);
  auto after = list(alice_);
  EXPECT_EQ(after.json().at("unread_count").as_int64(), 1);

  ASSERT_EQ(order(http(), bob_, {{free_.id, 1}}).status, 201u);
  auto all = http().put("/api/notifications/read-all", json::object{}, alice_);
  ASSERT_EQ(all.status, 200u) << all.body;
  EXPECT_EQ(all.json().at("data").at("marked").as_int64(), 1);
  EXPECT_EQ(list(alice_).json().at("unread_count").as_int64(), 0);
  EXPECT_EQ(list(bob_).json().at("unread_count").as_int64(), 1);  // untouched
  EXPECT_EQ(http().put("/api/notifications/read-all", json::object{}).status, 401u);
}

}  // namespace
}  // namespace evient::test
