// What the organisers' React client (Vite + React + axios, baseURL /api) reads
// beyond the spec's shapes: additions only, nothing the spec defines changes.
#include <gtest/gtest.h>

#include "checkout_support.hpp"
#include "support/ticket_fixtures.hpp"

namespace evient::test {
namespace {
namespace json = boost::json;
using namespace checkout_support;

TEST(ReactDialectTest, LoginAndRegisterAlsoCarryTheUserFlat) {
  TestServer server;
  auto reg = server.http().post("/api/auth/register", json::object{{"email", "Mai@Example.com"},
                                                                   {"password", "password123"},
                                                                   {"full_name", "Mai"}});
  ASSERT_EQ(reg.status, 201u) << reg.body;
  for (const auto& r :
       {reg, server.http().post("/api/auth/login", json::object{{"email", "mai@example.com"},
                                                                {"password", "password123"}})}) {
    ASSERT_LT(r.status, 300u) << r.body;
    const auto& d = r.json().at("data");
    EXPECT_FALSE(d.at("token").as_string().empty());
    EXPECT_EQ(d.at("id"), d.at("user").at("id"));
    EXPECT_EQ(d.at("email").as_string(), "mai@example.com");
    EXPECT_EQ(d.at("full_name").as_string(), "Mai");
    EXPECT_EQ(d.at("role").as_string(), "user");
    EXPECT_TRUE(d.at("avatar_url").is_null());
    EXPECT_EQ(d.at("user").at("email").as_string(), "mai@example.com");  // the spec's shape stays
  }
}

TEST(ReactDialectTest, PagesBesideTotalPagesAndTypesOnEveryCard) {
  TestServer server;
  App& app = server.app();
  for (int i = 0; i < 3; ++i) {
    const Event e = create_event(app, {.title = "Show " + std::to_string(i), .is_hot = true});
    create_ticket_type(app, e.id, {.name = "GA", .price = 100000, .quantity_total = 5});
    create_ticket_type(app, e.id, {.name = "Secret", .price = 1000, .status = "hidden"});
    const TicketType vip = create_ticket_type(
        app, e.id, {.name = "VIP", .price = 300000, .quantity_total = 1, .original_price = 400000});
    if (i == 0) create_order(app, create_buyer(app, "b@example.com", "B").id, {{vip, 1}});
  }
  auto list = server.http().get("/api/events?limit=2&page=1");
  ASSERT_EQ(list.status, 200u);
  const auto& p = list.json().at("pagination");
  EXPECT_EQ(p.at("pages").as_int64(), 2);
  EXPECT_EQ(p.at("total_pages").as_int64(), 2);

  int sold_out_vips = 0;
  for (const char* target : {"/api/events?limit=10", "/api/events/featured"}) {
    auto r = server.http().get(target);
    ASSERT_EQ(r.status, 200u) << target;
    const auto& items = r.json().at("data").as_array();
    ASSERT_EQ(items.size(), 3u) << target;
    for (const auto& item : items) {
      EXPECT_TRUE(item.as_object().contains("min_price"));
      const auto& types = item.at("ticket_types").as_array();
      ASSERT_EQ(types.size(), 2u) << "hidden types stay hidden";
      EXPECT_EQ(types[0].at("name").as_string(), "GA");
      EXPECT_EQ(types[0].at("status").as_string(), "active");
      EXPECT_EQ(types[0].at("quantity_total").as_int64(), 5);
      const auto& vip = types[1];
      EXPECT_EQ(vip.at("original_price").as_int64(), 400000);
      if (vip.at("status").as_string() == "sold_out") {
        EXPECT_EQ(vip.at("quantity_sold").as_int64(), 1);
        ++sold_out_vips;
      }
    }
  }
  EXPECT_EQ(sold_out_vips, 2);  // Show 0's VIP, in the list and in the featured
}

TEST(ReactDialectTest, BannersSayWhereTheyShowAndTheirOrder) {
  TestServer server;
  const std::string admin = server.admin_token();
  auto make = [&](const std::string& title, int priority, std::optional<bool> home) {
    json::object b{{"title", title},
                   {"image_url", "https://cdn.example.com/" + title + ".jpg"},
                   {"priority", priority}};
    if (home) b["is_homepage"] = *home;
    auto r = server.http().post("/api/admin/banners", b, admin);
    EXPECT_EQ(r.status, 201u) << r.body;
    return r.json().at("data");
  };
  make("home", 5, std::nullopt);  // on the home page unless told otherwise
  const auto elsewhere = make("elsewhere", 9, false);
  EXPECT_FALSE(elsewhere.at("is_homepage").as_bool());
  EXPECT_EQ(elsewhere.at("order").as_int64(), 9);

  for (const char* path : {"/api/banners", "/api/banners/public"}) {
    auto r = server.http().get(path);
    ASSERT_EQ(r.status, 200u) << path;
    const auto& items = r.json().at("data").as_array();
    ASSERT_EQ(items.size(), 1u) << path;
    EXPECT_EQ(items[0].at("title").as_string(), "home");
    EXPECT_EQ(items[0].at("order").as_int64(), 5);
    EXPECT_EQ(items[0].at("priority").as_int64(), 5);
    EXPECT_TRUE(items[0].at("is_homepage").as_bool());
  }
  // The admin sees both, and can move one to the home page.
  auto all = server.http().get("/api/admin/banners", admin);
  EXPECT_EQ(all.json().at("data").as_array().size(), 2u);
  const std::string id = std::to_string(elsewhere.at("id").as_int64());
  auto moved =
      server.http().put("/api/admin/banners/" + id, json::object{{"is_homepage", true}}, admin);
  ASSERT_EQ(moved.status, 200u) << moved.body;
  EXPECT_EQ(server.http().get("/api/banners/public").json().at("data").as_array().size(), 2u);
}

}  // namespace
}  // namespace evient::test
