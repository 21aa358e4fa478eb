// GET /api/users/tickets and GET /api/users/tickets/:id/qr.svg
#include <gtest/gtest.h>

#include "checkout_support.hpp"

namespace evient::test {
namespace {
namespace json = boost::json;
using namespace checkout_support;
using std::chrono::hours;

class WalletTest : public ::testing::Test {
 protected:
  void SetUp() override {
    alice_ = quick_buyer(app(), "alice@example.com");
    bob_ = quick_buyer(app(), "bob@example.com");
  }
  App& app() { return server_.app(); }
  HttpClient& http() { return server_.http(); }
  // A free type, so ordering issues tickets at once.
  json::array buy(const std::string& token, const Event& e, const std::string& name, int n) {
    auto t = create_ticket_type(app(), e.id, {.name = name, .price = 0, .quantity_total = 10});
    auto r = order(http(), token, {{t.id, n}});
    EXPECT_EQ(r.status, 201u) << r.body;
    return r.json().at("data").at("tickets").as_array();
  }

  TestServer server_;
  std::string alice_, bob_;
};

TEST_F(WalletTest, ListsMyTicketsSoonestEventFirstWithEventAndType) {
  auto later = create_event(app(), {.title = "Later", .starts_in = hours(72)});
  auto sooner = create_event(app(), {.title = "Sooner", .starts_in = hours(24)});
  buy(alice_, later, "Late GA", 1);
  auto sooner_tickets = buy(alice_, sooner, "Early VIP", 2);
  buy(bob_, sooner, "Bob GA", 1);

  auto r = http().get("/api/users/tickets", alice_);
  ASSERT_EQ(r.status, 200u) << r.body;
  const auto& items = r.json().at("data").as_array();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(r.json().at("pagination").at("limit").as_int64(), 50);
  EXPECT_EQ(r.json().at("pagination").at("total").as_int64(), 3);
  EXPECT_EQ(str(items[0].at("event").at("title")), "Sooner");
  EXPECT_EQ(str(items[1].at("event").at("title")), "Sooner");
  EXPECT_EQ(str(items[2].at("event").at("title")), "Later");
  const auto& e = items[0].at("event").as_object();
  for (const char* k : {"id", "title", "slug", "start_time", "end_time", "location", "banner_image",
                        "thumbnail_image"}) {
    EXPECT_TRUE(e.contains(k)) << k;
  }
  EXPECT_EQ(str(e.at("slug")), sooner.slug);
  EXPECT_EQ(str(items[0].at("ticket_type").at("name")), "Early VIP");
  EXPECT_EQ(str(items[0].at("status")), "valid");
  EXPECT_EQ(str(items[0].at("ticket_code")).size(), 26u);

  // One ticket used at the door.
  const std::string used_id = str(sooner_tickets.at(0).at("id"));
  app().db().write([&](store::Tx& tx) {
    tx.exec("UPDATE tickets SET status = 'used' WHERE id = $1", {used_id});
  });
  auto used = http().get("/api/users/tickets?status=used", alice_);
  ASSERT_EQ(used.json().at("data").as_array().size(), 1u);
  EXPECT_EQ(str(used.json().at("data").at(0).at("id")), used_id);
  EXPECT_EQ(
      http().get("/api/users/tickets?status=valid", alice_).json().at("data").as_array().size(),
      2u);
  EXPECT_TRUE(http()
                  .get("/api/users/tickets?status=cancelled", alice_)
                  .json()
                  .at("data")
                  .as_array()
                  .empty());
  EXPECT_EQ(http().get("/api/users/tickets?status=bogus", alice_).status, 422u);
  EXPECT_EQ(
      http().get("/api/users/tickets?limit=1&page=3", alice_).json().at("data").as_array().size(),
      1u);
  EXPECT_EQ(http().get("/api/users/tickets").status, 401u);
  EXPECT_EQ(http().get("/api/users/tickets", bob_).json().at("data").as_array().size(), 1u);
}

TEST_F(WalletTest, QrCodeIsAnSvgForTheOwnerOnly) {
  auto e = create_event(app(), {.title = "Show"});
  auto tickets = buy(alice_, e, "GA", 1);
  const std::string id = str(tickets.at(0).at("id"));
  auto r = http().get("/api/users/tickets/" + id + "/qr.svg", alice_);
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.header("content-type"), "image/svg+xml");
  EXPECT_NE(r.body.find("<svg"), std::string::npos);
  EXPECT_NE(r.body.find("<path"), std::string::npos);
  EXPECT_NE(r.header("cache-control").find("no-store"), std::string::npos);
  auto other = http().get("/api/users/tickets/" + id + "/qr.svg", bob_);
  EXPECT_EQ(other.status, 404u);
  EXPECT_EQ(error_code(other), "TICKET_NOT_FOUND");
  EXPECT_EQ(http().get("/api/users/tickets/" + crypto::uuid_v4() + "/qr.svg", alice_).status, 404u);
  EXPECT_EQ(http().get("/api/users/tickets/xyz/qr.svg", alice_).status, 404u);
}

}  // namespace
}  // namespace evient::test
