// The public catalogue: lists, filters, search, pagination, featured, detail, banners.
#include <gtest/gtest.h>

#include "store/banners_repo.hpp"
#include "support/fixtures.hpp"
#include "support/test_app.hpp"

namespace evient::test {
namespace {
namespace json = boost::json;
using std::chrono::hours;

class CatalogTest : public ::testing::Test {
 protected:
  TestServer server_;
  HttpClient& http() { return server_.http(); }

  Event event(const std::string& title, std::chrono::seconds starts_in,
              const std::string& category = "Music", const std::string& status = "published",
              bool hot = false) {
    EventSpec s;
    s.title = title;
    s.starts_in = starts_in;
    s.category = category;
    s.status = status;
    s.is_hot = hot;
    return create_event(server_.app(), s);
  }
  static std::vector<std::string> titles(const HttpResponse& r) {
    std::vector<std::string> out;
    for (auto& e : r.json().at("data").as_array()) out.emplace_back(e.at("title").as_string());
    return out;
  }
};

TEST_F(CatalogTest, ListsPublishedEventsSoonestFirstWithCardData) {
  auto later = event("Later", hours(48));
  auto sooner = event("Sooner", hours(24));
  event("Draft", hours(12), "Music", "draft");
  event("Cancelled", hours(12), "Music", "cancelled");
  create_ticket_type(server_.app(), later.id,
                     {.name = "GA", .price = 200000, .quantity_total = 10});
  create_ticket_type(server_.app(), later.id,
                     {.name = "Cheap", .price = 50000, .quantity_total = 5});
  create_ticket_type(server_.app(), later.id,
                     {.name = "Hidden", .price = 1, .quantity_total = 5, .status = "hidden"});

  auto r = http().get("/api/events");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(titles(r), (std::vector<std::string>{"Sooner", "Later"}));
  const auto& p = r.json().at("pagination");
  EXPECT_EQ(p.at("page").as_int64(), 1);
  EXPECT_EQ(p.at("limit").as_int64(), 10);
  EXPECT_EQ(p.at("total").as_int64(), 2);
  EXPECT_EQ(p.at("total_pages").as_int64(), 1);
  const auto& card = r.json().at("data").at(1).as_object();
  EXPECT_EQ(card.at("min_price").as_int64(), 50000);
  EXPECT_FALSE(card.at("is_sold_out").as_bool());
  EXPECT_FALSE(card.contains("content"));
  EXPECT_EQ(card.at("start_time").as_string().size(), 20u);  // 2026-12-25T19:00:00Z
  EXPECT_TRUE(r.json().at("data").at(0).at("min_price").is_null());
}

TEST_F(CatalogTest, SoldOutCard) {
  auto e = event("Full", hours(24));
  create_ticket_type(server_.app(), e.id, {.name = "GA", .price = 1000, .quantity_total = 0});
  auto r = http().get("/api/events");
  EXPECT_TRUE(r.json().at("data").at(0).at("is_sold_out").as_bool());
}

TEST_F(CatalogTest, CategoryIsCaseInsensitive) {
  event("Rock night", hours(24), "Music");
  event("C++ meetup", hours(24), "Tech");
  EXPECT_EQ(titles(http().get("/api/events?category=music")),
            std::vector<std::string>{"Rock night"});
  EXPECT_EQ(titles(http().get("/api/events?category=TECH")),
            std::vector<std::string>{"C++ meetup"});
  EXPECT_TRUE(titles(http().get("/api/events?category=sports")).empty());
}

TEST_F(CatalogTest, SearchFoldsVietnameseAndCoversLocation) {
  EventSpec s;
  s.title = "Hội chợ Ẩm thực";
  s.location = "Đà Nẵng";
  create_event(server_.app(), s);
  event("Jazz Night", hours(30));
  EXPECT_EQ(titles(http().get("/api/events?search=hoi%20cho")),
            std::vector<std::string>{"Hội chợ Ẩm thực"});
  EXPECT_EQ(titles(http().get("/api/events?search=H%E1%BB%99i")),
            std::vector<std::string>{"Hội chợ Ẩm thực"});
  EXPECT_EQ(titles(http().get("/api/events?search=da%20nang")),
            std::vector<std::string>{"Hội chợ Ẩm thực"});
  EXPECT_EQ(titles(http().get("/api/events?search=JAZZ")), std::vector<std::string>{"Jazz Night"});
}

TEST_F(CatalogTest, SearchWithSqlMetacharactersMatchesLiterally) {
  event("100% Fun_Party", hours(24));
  event("Quiet evening", hours(25));
  for (const char* q :
       {"%27%20OR%201%3D1%20--", "%25", "_", "%5C", "%27%3B%20DROP%20TABLE%20events%3B--"}) {
    auto r = http().get(std::string("/api/events?search=") + q);
    ASSERT_EQ(r.status, 200) << q;
  }
  EXPECT_EQ(titles(http().get("/api/events?search=%25")),
            std::vector<std::string>{"100% Fun_Party"});
  EXPECT_EQ(titles(http().get("/api/events?search=_")), std::vector<std::string>{"100% Fun_Party"});
  EXPECT_EQ(http().get("/api/events").json().at("pagination").at("total").as_int64(), 2);
}

TEST_F(CatalogTest, PaginationEdges) {
  for (int i = 0; i < 25; ++i) event("E" + std::to_string(100 + i), hours(24 + i));
  auto r = http().get("/api/events?page=3&limit=10");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(titles(r).size(), 5u);
  EXPECT_EQ(titles(r).front(), "E120");
  EXPECT_EQ(r.json().at("pagination").at("total_pages").as_int64(), 3);
  EXPECT_TRUE(titles(http().get("/api/events?page=4&limit=10")).empty());
  EXPECT_EQ(http().get("/api/events?limit=1000").json().at("pagination").at("limit").as_int64(),
            100);
  EXPECT_EQ(http().get("/api/events?page=0").status, 422);
  EXPECT_EQ(http().get("/api/events?limit=-5").status, 422);
  EXPECT_EQ(http().get("/api/events?page=abc").status, 422);
  EXPECT_EQ(http().get("/api/events?page=99999999999999999999").status, 422);
  EXPECT_EQ(http().get("/api/events?page=1000000000").status, 200);
}

TEST_F(CatalogTest, UpcomingHidesFinishedEvents) {
  event("Past", -hours(48));
  event("Future", hours(48));
  EXPECT_EQ(titles(http().get("/api/events")).size(), 2u);
  EXPECT_EQ(titles(http().get("/api/events?upcoming=true")), std::vector<std::string>{"Future"});
}

TEST_F(CatalogTest, FeaturedIsHotPublishedUpcoming) {
  event("Hot future", hours(24), "Music", "published", true);
  event("Hot past", -hours(24), "Music", "published", true);
  event("Hot draft", hours(24), "Music", "draft", true);
  event("Cold future", hours(24), "Music", "published", false);
  auto r = http().get("/api/events/featured");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(titles(r), std::vector<std::string>{"Hot future"});
}

TEST_F(CatalogTest, DetailByIdOrSlugWithAvailability) {
  auto e = event("Detail show", hours(24));
  auto ga =
      create_ticket_type(server_.app(), e.id, {.name = "GA", .price = 150000, .quantity_total = 3});
  create_ticket_type(server_.app(), e.id,
                     {.name = "Secret", .price = 1, .quantity_total = 3, .status = "hidden"});
  server_.app().db().write([&](store::Tx& tx) {
    tx.exec("UPDATE ticket_types SET quantity_sold = 3 WHERE id = $1", {ga.id});
  });
  for (const std::string& key : {e.id, e.slug}) {
    auto r = http().get("/api/events/" + key);
    ASSERT_EQ(r.status, 200) << r.body;
    const auto& d = r.json().at("data");
    EXPECT_EQ(d.at("id").as_string(), e.id);
    EXPECT_FALSE(d.at("content").is_null());
    const auto& types = d.at("ticket_types").as_array();
    ASSERT_EQ(types.size(), 1u);
    EXPECT_EQ(types[0].at("quantity_total").as_int64(), 3);
    EXPECT_EQ(types[0].at("quantity_sold").as_int64(), 3);
    EXPECT_EQ(types[0].at("available").as_int64(), 0);
    EXPECT_EQ(types[0].at("status").as_string(), "sold_out");
    EXPECT_EQ(types[0].at("price").as_int64(), 150000);
  }
}

TEST_F(CatalogTest, DraftAndUnknownEventsAre404) {
  auto d = event("Hidden draft", hours(24), "Music", "draft");
  auto r = http().get("/api/events/" + d.id);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.json().at("error").at("code").as_string(), "EVENT_NOT_FOUND");
  EXPECT_EQ(http().get("/api/events/" + d.slug).status, 404);
  EXPECT_EQ(http().get("/api/events/00000000-0000-4000-8000-000000000000").status, 404);
  EXPECT_EQ(http().get("/api/events/no-such-slug").status, 404);
  EXPECT_EQ(http().get("/api/events/%27%20OR%201=1").status, 404);
}

TEST_F(CatalogTest, BannersActiveByPriority) {
  server_.app().db().write([&](store::Tx& tx) {
    for (auto [title, prio, active] :
         {std::tuple{"Low", 1, true}, std::tuple{"High", 9, true}, std::tuple{"Off", 20, false}}) {
      Banner b;
      b.title = title;
      b.priority = prio;
      b.is_active = active;
      b.image_url = "https://img.example.com/b.png";
      b.created_at = b.updated_at = server_.clock().now();
      store::banners::insert(tx, b);
    }
  });
  auto r = http().get("/api/banners");
  ASSERT_EQ(r.status, 200);
  const auto& a = r.json().at("data").as_array();
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].at("title").as_string(), "High");
  EXPECT_EQ(a[1].at("title").as_string(), "Low");
}

}  // namespace
}  // namespace evient::test
