// The catalogue's response cache (services/catalog_cache.hpp): a write through
// the application is visible on the very next read, whichever way it was made
// (admin API, checkout, straight through the store); a write by another process
// shows within the configured max age; time moving on is not served stale.
#include "services/catalog_cache.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/json/parse.hpp>
#include <thread>
#include <vector>

#include "services/catalog_service.hpp"
#include "services/services.hpp"
#include "store/events_repo.hpp"
#include "store/orders_repo.hpp"
#include "support/fixtures.hpp"
#include "support/test_app.hpp"

namespace evient::test {
namespace {
namespace json = boost::json;
using std::chrono::hours;

class CatalogCacheTest : public ::testing::Test {
 protected:
  // A long max age: these tests are about what invalidates an entry, and two
  // reads under a sanitizer on a loaded machine can be more than the default
  // second apart, which would turn an expected hit into a miss.
  TestServer server_{[](Config& c) { c.cache_ttl = std::chrono::seconds(60); }};
  HttpClient& http() { return server_.http(); }

  HttpResponse read(const std::string& target) {
    auto r = http().get(target);
    EXPECT_EQ(r.status, 200) << r.body;
    return r;
  }
  // Reads twice: the second read must come from the cache, or the tests below
  // would pass without one.
  HttpResponse read_cached(const std::string& target) {
    read(target);
    auto r = read(target);
    EXPECT_EQ(r.header("x-cache"), "hit") << target;
    return r;
  }
};

TEST_F(CatalogCacheTest, EventChangeThroughTheStoreShowsOnTheNextListRead) {
  Event e = create_event(server_.app(), {.title = "Before"});
  auto first = read_cached("/api/events?page=1&limit=10");
  EXPECT_EQ(first.json().at("data").at(0).at("title").as_string(), "Before");

  e.title = "After";
  server_.app().db().write([&](store::Tx& tx) { store::events::update(tx, e); });

  auto next = read("/api/events?page=1&limit=10");
  EXPECT_EQ(next.header("x-cache"), "miss");
  EXPECT_EQ(next.json().at("data").at(0).at("title").as_string(), "After");
}

TEST_F(CatalogCacheTest, TicketTypeChangeShowsOnTheNextDetailAndListRead) {
  Event e = create_event(server_.app());
  TicketType t = create_ticket_type(server_.app(), e.id, {.price = 100000});
  const std::string detail = "/api/events/" + e.id;
  EXPECT_EQ(read_cached(detail).json().at("data").at("ticket_types").at(0).at("price").as_int64(),
            100000);
  read_cached("/api/events");

  t.price = 50000;
  server_.app().db().write([&](store::Tx& tx) { store::events::update_ticket_type(tx, t); });

  EXPECT_EQ(read(detail).json().at("data").at("ticket_types").at(0).at("price").as_int64(), 50000);
  EXPECT_EQ(read("/api/events").json().at("data").at(0).at("min_price").as_int64(), 50000);
}

TEST_F(CatalogCacheTest, AnOrderShowsInAvailabilityOnTheNextRead) {
  Event e = create_event(server_.app());
  TicketType t = create_ticket_type(server_.app(), e.id, {.price = 100000, .quantity_total = 1});
  const std::string detail = "/api/events/" + e.id;
  const auto before = read_cached(detail);
  EXPECT_EQ(before.json().at("data").at("ticket_types").at(0).at("quantity_sold").as_int64(), 0);
  EXPECT_FALSE(read_cached("/api/events").json().at("data").at(0).at("is_sold_out").as_bool());

  const std::string token = server_.register_user("buyer@evient.test");
  auto order = http().post(
      "/api/orders",
      json::object{
          {"ticket_items", json::array{json::object{{"ticket_type_id", t.id}, {"quantity", 1}}}}},
      token);
  ASSERT_EQ(order.status, 201) << order.body;

  const auto after = read(detail);
  EXPECT_EQ(after.json().at("data").at("ticket_types").at(0).at("quantity_sold").as_int64(), 1);
  EXPECT_TRUE(read("/api/events").json().at("data").at(0).at("is_sold_out").as_bool());
}

// A sale changes only availability: cached pages keep their static part and
// get current availability overlaid, byte for byte what a rebuild gives.
TEST_F(CatalogCacheTest, AnOrderOverlaysAvailabilityWithoutRebuildingThePage) {
  Event e = create_event(server_.app(), {.is_hot = true});
  TicketType last = create_ticket_type(server_.app(), e.id,
                                       {.name = "Last", .price = 100000, .quantity_total = 1});
  create_ticket_type(server_.app(), e.id, {.name = "Plenty", .price = 200000, .quantity_total = 9});
  const std::string detail = "/api/events/" + e.id;
  const std::vector<std::string> pages = {detail, "/api/events?page=1&limit=10",
                                          "/api/events/featured"};
  for (const auto& page : pages) read_cached(page);
  CatalogCache& cache = server_.app().services().catalog->cache();
  const auto misses = cache.misses();
  const auto availability_reads = cache.availability_reads();

  const std::string token = server_.register_user("buyer@evient.test");
  auto order = http().post(
      "/api/orders",
      json::object{{"ticket_items",
                    json::array{json::object{{"ticket_type_id", last.id}, {"quantity", 1}}}}},
      token);
  ASSERT_EQ(order.status, 201) << order.body;

  std::vector<std::string> overlaid;
  for (const auto& page : pages) {
    auto r = read(page);
    EXPECT_EQ(r.header("x-cache"), "hit") << page;
    overlaid.push_back(r.body);
  }
  EXPECT_EQ(cache.misses(), misses) << "a sale rebuilt a cached page";
  EXPECT_EQ(cache.availability_reads(), availability_reads + pages.size());

  const auto d = boost::json::parse(overlaid[0]).at("data").at("ticket_types");
  EXPECT_EQ(d.at(0).at("quantity_sold").as_int64(), 1);
  EXPECT_EQ(d.at(0).at("available").as_int64(), 0);
  EXPECT_EQ(d.at(0).at("status").as_string(), "sold_out");
  EXPECT_EQ(d.at(1).at("status").as_string(), "active");
  const auto card = boost::json::parse(overlaid[1]).at("data").at(0);
  EXPECT_EQ(card.at("ticket_types").at(0).at("quantity_sold").as_int64(), 1);
  EXPECT_FALSE(card.at("is_sold_out").as_bool());

  // Served again as is until the next write.
  for (const auto& page : pages) EXPECT_EQ(read(page).header("x-cache"), "hit");
  EXPECT_EQ(cache.availability_reads(), availability_reads + pages.size());

  // A catalogue write (a no-op one will do) forces a rebuild: the same bytes.
  server_.app().db().write([&](store::Tx& tx) { store::events::update(tx, e); });
  for (std::size_t i = 0; i < pages.size(); ++i) {
    auto rebuilt = read(pages[i]);
    EXPECT_EQ(rebuilt.header("x-cache"), "miss") << pages[i];
    EXPECT_EQ(rebuilt.body, overlaid[i]) << pages[i];
  }
}

TEST_F(CatalogCacheTest, SellingTheLastTypeMarksTheCachedCardSoldOut) {
  Event e = create_event(server_.app());
  TicketType t = create_ticket_type(server_.app(), e.id, {.price = 0, .quantity_total = 2});
  const std::string list = "/api/events?page=1&limit=10";
  EXPECT_FALSE(read_cached(list).json().at("data").at(0).at("is_sold_out").as_bool());
  const std::string token = server_.register_user("buyer@evient.test");
  auto order = http().post(
      "/api/orders",
      json::object{
          {"ticket_items", json::array{json::object{{"ticket_type_id", t.id}, {"quantity", 2}}}}},
      token);
  ASSERT_EQ(order.status, 201) << order.body;
  auto after = read(list);
  EXPECT_EQ(after.header("x-cache"), "hit");
  EXPECT_TRUE(after.json().at("data").at(0).at("is_sold_out").as_bool());
  EXPECT_EQ(after.json().at("data").at(0).at("ticket_types").at(0).at("status").as_string(),
            "sold_out");
}

TEST_F(CatalogCacheTest, AdminEditThroughTheApiShowsOnTheNextRead) {
  Event e = create_event(server_.app(), {.title = "Old title"});
  const std::string admin = server_.admin_token();
  read_cached("/api/events/" + e.id);

  auto put = http().put("/api/admin/events/" + e.id, json::object{{"title", "New title"}}, admin);
  ASSERT_EQ(put.status, 200) << put.body;

  EXPECT_EQ(read("/api/events/" + e.id).json().at("data").at("title").as_string(), "New title");
}

TEST_F(CatalogCacheTest, MovingTimeIsNotServedStale) {
  create_event(server_.app(), {.title = "Soon", .starts_in = hours(2), .is_hot = true});
  EXPECT_EQ(read_cached("/api/events/featured").json().at("data").as_array().size(), 1u);
  server_.clock().advance(hours(3));  // it has started: no longer featured
  EXPECT_TRUE(read("/api/events/featured").json().at("data").as_array().empty());
}

TEST(CatalogCacheMaxAge, AnotherProcessWriteShowsWithinTheMaxAge) {
  // Long enough that the two reads below, even under a sanitizer on a loaded
  // machine, fall within the jittered age (at least half of it).
  TestServer server([](Config& c) { c.cache_ttl = std::chrono::milliseconds(2000); });
  Event e = create_event(server.app(), {.title = "Before"});
  server.http().get("/api/events/" + e.id);
  ASSERT_EQ(server.http().get("/api/events/" + e.id).header("x-cache"), "hit");

  // Another instance on the same database: this process's counter never moves.
  store::DatabaseOptions other;
  other.url = server.db_url();
  other.pool_size = 1;
  auto db = store::open_database(other);
  e.title = "After";
  db->write([&](store::Tx& tx) { store::events::update(tx, e); });

  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  auto r = server.http().get("/api/events/" + e.id);
  EXPECT_EQ(r.json().at("data").at("title").as_string(), "After");
}

TEST(CatalogCacheOff, ZeroMaxAgeDisablesTheCache) {
  TestServer server([](Config& c) { c.cache_ttl = std::chrono::milliseconds(0); });
  create_event(server.app());
  server.http().get("/api/events");
  EXPECT_EQ(server.http().get("/api/events").header("x-cache"), "miss");
}

TEST(CatalogCacheFill, ConcurrentMissesOfOneKeyReadTheDatabaseOnce) {
  TestServer server;
  CatalogCache cache(server.app().db(), server.clock(), std::chrono::milliseconds(5000));
  std::atomic<int> fills{0};
  auto slow_fill = [&] {
    ++fills;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    return std::string("page");
  };
  std::vector<std::thread> readers;
  std::atomic<int> pages{0};
  for (int i = 0; i < 8; ++i) {
    readers.emplace_back([&] {
      if (*cache.get_or_fill("banners", slow_fill).body == "page") {
        ++pages;
      }
    });
  }
  for (auto& t : readers) t.join();
  EXPECT_EQ(fills.load(), 1);
  EXPECT_EQ(pages.load(), 8);
  EXPECT_EQ(cache.misses(), 1u);

  // A catalogue write since: the next reader fills again, and only one of several.
  server.app().db().write([](store::Tx& tx) { tx.exec("UPDATE banners SET title = title"); });
  readers.clear();
  for (int i = 0; i < 4; ++i) {
    readers.emplace_back([&] { cache.get_or_fill("banners", slow_fill); });
  }
  for (auto& t : readers) t.join();
  EXPECT_EQ(fills.load(), 2);
}

}  // namespace
}  // namespace evient::test
