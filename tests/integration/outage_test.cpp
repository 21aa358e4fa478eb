// A database that cannot serve (PostgreSQL stopped, SQLite's disk full) is a
// 503 with Retry-After, /readyz says so, and the server recovers by itself.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "store/db.hpp"
#include "support/test_app.hpp"

namespace evient::test {
namespace {
namespace json = boost::json;

// postgresql://user@host:port/<name>?x=y -> <name>
std::string database_name(const std::string& url) {
  const std::size_t authority = url.find("://") + 3;
  const std::size_t slash = url.find('/', authority);
  return url.substr(slash + 1, url.find('?', slash) - slash - 1);
}

void on_pg_server(const std::string& sql) {
  auto admin = store::open_postgres({.url = std::getenv("EVIENT_TEST_PG_URL"), .pool_size = 1});
  admin->with_connection([&](store::Connection& c) { c.exec_script(sql); });
}

class OutageTest : public ::testing::Test {
 protected:
  // One SQLite connection, so the PRAGMA below applies to every request.
  TestServer server_{[](Config& c) { c.db_pool = 1; }};

  // PostgreSQL: the database stops taking connections and loses the ones it
  // had. SQLite: the file may not grow by one page (SQLITE_FULL, as on a full disk).
  void start_outage() {
    if (test_engine() == "postgres") {
      const std::string name = database_name(server_.db_url());
      on_pg_server("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
      on_pg_server("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" +
                   name + "'");
    } else {
      server_.app().db().with_connection(
          [](store::Connection& c) { c.exec_script("PRAGMA max_page_count = 1"); });
    }
  }
  void end_outage() {
    if (test_engine() == "postgres") {
      on_pg_server("ALTER DATABASE " + database_name(server_.db_url()) + " ALLOW_CONNECTIONS true");
    } else {
      server_.app().db().with_connection(
          [](store::Connection& c) { c.exec_script("PRAGMA max_page_count = 1073741823"); });
    }
  }
};

json::object big_event() {
  return {{"title", "Outage"},
          {"start_time", "2030-10-01T12:00:00Z"},
          {"end_time", "2030-10-01T22:00:00Z"},
          {"content", "<p>" + std::string(150'000, 'a') + "</p>"}};
}

TEST_F(OutageTest, DatabaseOutageIs503WithRetryAfterAndRecovers) {
  const std::string admin = server_.admin_token();
  start_outage();

  auto r = server_.http().post("/api/admin/events", big_event(), admin);
  EXPECT_EQ(r.status, 503u) << r.body;
  EXPECT_EQ(r.error_code(), "SERVICE_UNAVAILABLE");
  EXPECT_FALSE(r.header("retry-after").empty());
  EXPECT_EQ(r.body.find("sqlite"), std::string::npos) << "the detail stays in the log";
  EXPECT_EQ(r.body.find("PostgreSQL"), std::string::npos) << "the detail stays in the log";
  auto ready = server_.http().get("/readyz");
  EXPECT_EQ(ready.status, 503u);
  EXPECT_EQ(ready.error_code(), "NOT_READY");
  EXPECT_FALSE(ready.header("retry-after").empty());

  end_outage();
  EXPECT_EQ(server_.http().post("/api/admin/events", big_event(), admin).status, 201u);
}

TEST_F(OutageTest, StoppedPostgresIs503EvenWithoutALogin) {
  if (test_engine() != "postgres") GTEST_SKIP() << "SQLite reads need no server";
  start_outage();
  auto r = server_.http().get("/api/events/some-slug");
  EXPECT_EQ(r.status, 503u) << r.body;
  EXPECT_FALSE(r.header("retry-after").empty());
  end_outage();
  EXPECT_EQ(server_.http().get("/api/events/some-slug").status, 404u);
}

}  // namespace
}  // namespace evient::test
