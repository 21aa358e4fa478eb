// Logout ends the token it is called with; refresh trades a valid token for a
// new one; tokens live an hour by default.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "services/auth_service.hpp"
#include "services/services.hpp"
#include "store/db.hpp"
#include "support/test_app.hpp"

namespace evient::test {
namespace {

class TokenLifecycleTest : public ::testing::Test {
 protected:
  TestServer server_;
  HttpClient& http() { return server_.http(); }
};

TEST_F(TokenLifecycleTest, LogoutEndsThatTokenOnly) {
  const std::string token = server_.register_user("mai@example.com");
  const std::string other_device = server_.login("mai@example.com");
  auto out = http().post("/api/auth/logout", nullptr, token);
  ASSERT_EQ(out.status, 200u) << out.body;
  EXPECT_NE(out.header("cache-control").find("no-store"), std::string::npos);

  auto after = http().get("/api/auth/me", token);
  EXPECT_EQ(after.status, 401u);
  EXPECT_EQ(after.error_code(), "TOKEN_REVOKED");
  EXPECT_EQ(http().post("/api/auth/logout", nullptr, token).status, 401u);
  EXPECT_EQ(http().get("/api/auth/me", other_device).status, 200u);
}

TEST_F(TokenLifecycleTest, RefreshGivesANewTokenAndEndsTheOld) {
  const std::string token = server_.register_user("mai@example.com");
  server_.clock().advance(std::chrono::minutes(50));
  auto r = http().post("/api/auth/refresh", nullptr, token);
  ASSERT_EQ(r.status, 200u) << r.body;
  const std::string fresh(r.json().at("data").at("token").as_string());
  EXPECT_NE(fresh, token);
  EXPECT_EQ(r.json().at("data").at("user").at("email").as_string(), "mai@example.com");
  EXPECT_EQ(http().get("/api/auth/me", token).error_code(), "TOKEN_REVOKED");
  EXPECT_EQ(http().get("/api/auth/me", fresh).status, 200u);
  EXPECT_EQ(http().post("/api/auth/refresh", nullptr, token).status, 401u);
}

TEST_F(TokenLifecycleTest, RevokedTokensAreSweptOnceExpired) {
  const std::string token = server_.register_user("mai@example.com");
  ASSERT_EQ(http().post("/api/auth/logout", nullptr, token).status, 200u);
  auto count = [&] {
    return server_.app().db().read(
        [](store::Tx& tx) { return tx.exec("SELECT COUNT(*) FROM revoked_tokens").row(0).i64(0); });
  };
  server_.app().services().auth->sweep_revoked_tokens();
  EXPECT_EQ(count(), 1);
  server_.clock().advance(std::chrono::hours(25));
  server_.app().services().auth->sweep_revoked_tokens();
  EXPECT_EQ(count(), 0);
}

// The token check caches the user row where the database reports other
// processes' account changes (PostgreSQL); every change made here must still
// show on the very next request, cached or not.
TEST_F(TokenLifecycleTest, ACachedUserSeesARoleChangeAndDeactivationAtOnce) {
  const std::string token = server_.register_user("mai@example.com");
  const std::string id = server_.user_id(token);
  const std::string admin = server_.admin_token();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(http().get("/api/admin/users", token).status, 403u);

  // A role change ends the user's tokens: the cached one must not live on.
  auto promote =
      http().put("/api/admin/users/" + id, boost::json::object{{"role", "admin"}}, admin);
  ASSERT_EQ(promote.status, 200u) << promote.body;
  EXPECT_EQ(http().get("/api/admin/users", token).error_code(), "TOKEN_REVOKED");
  const std::string promoted = server_.login("mai@example.com");
  for (int i = 0; i < 3; ++i) EXPECT_EQ(http().get("/api/admin/users", promoted).status, 200u);

  auto demote = http().put("/api/admin/users/" + id, boost::json::object{{"role", "user"}}, admin);
  ASSERT_EQ(demote.status, 200u) << demote.body;
  EXPECT_EQ(http().get("/api/admin/users", promoted).status, 401u);
  const std::string demoted = server_.login("mai@example.com");
  for (int i = 0; i < 3; ++i) EXPECT_EQ(http().get("/api/admin/users", demoted).status, 403u);

  ASSERT_EQ(http().del("/api/admin/users/" + id, admin).status, 200u);
  auto after = http().get("/api/auth/me", demoted);
  EXPECT_EQ(after.status, 401u);
  EXPECT_EQ(after.error_code(), "ACCOUNT_DISABLED");
}

TEST_F(TokenLifecycleTest, ACachedTokenEndsAtOnceOnPasswordChange) {
  const std::string token = server_.register_user("mai@example.com");
  for (int i = 0; i < 3; ++i) EXPECT_EQ(http().get("/api/auth/me", token).status, 200u);
  auto change = http().put(
      "/api/users/profile",
      boost::json::object{{"old_password", kTestPassword}, {"new_password", "another-password-1"}},
      token);
  ASSERT_EQ(change.status, 200u) << change.body;
  EXPECT_EQ(http().get("/api/auth/me", token).error_code(), "TOKEN_REVOKED");
}

// Rows changed behind the application's back in another process are not
// covered by this process's counters: only a notification (PostgreSQL) or no
// cache at all (SQLite) makes them show.
TEST_F(TokenLifecycleTest, AnotherProcessDeactivatingTheUserIsSeen) {
  const std::string token = server_.register_user("mai@example.com");
  const std::string id = server_.user_id(token);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(http().get("/api/auth/me", token).status, 200u);

  store::DatabaseOptions other;
  other.url = server_.db_url();
  other.pool_size = 1;
  auto db = store::open_database(other);
  db->write(
      [&](store::Tx& tx) { tx.exec("UPDATE users SET is_active = FALSE WHERE id = $1", {id}); });
  // PostgreSQL delivers the notification within milliseconds; SQLite must
  // refuse on the first try.
  const bool postgres = server_.app().db().engine() == store::Engine::Postgres;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  unsigned status = http().get("/api/auth/me", token).status;
  if (!postgres) {
    EXPECT_EQ(status, 401u);
  }
  while (status == 200u && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    status = http().get("/api/auth/me", token).status;
  }
  EXPECT_EQ(status, 401u);
}

// On PostgreSQL the common case reads nothing: a change that bypasses the
// store (so sends no notification) is not seen until a notification comes.
TEST_F(TokenLifecycleTest, OnPostgresTheUserIsCachedUntilANotification) {
  if (server_.app().db().engine() != store::Engine::Postgres) GTEST_SKIP() << "PostgreSQL only";
  const std::string token = server_.register_user("mai@example.com");
  const std::string id = server_.user_id(token);
  // The listener starts with the first token check; wait until it listens.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!server_.app().db().sees_account_changes() &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(server_.app().db().sees_account_changes());
  ASSERT_EQ(http().get("/api/auth/me", token).status, 200u);

  store::DatabaseOptions other;
  other.url = server_.db_url();
  other.pool_size = 1;
  auto db = store::open_database(other);
  db->with_connection([&](store::Connection& c) {
    c.exec("UPDATE users SET is_active = FALSE WHERE id = $1", {id});
  });
  EXPECT_EQ(http().get("/api/auth/me", token).status, 200u) << "the token check read the database";

  db->with_connection([&](store::Connection& c) {
    c.exec("SELECT pg_notify('" + std::string(store::kAccountsChannel) + "', '')", {});
  });
  unsigned status = 200u;
  const auto notified = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  while (status == 200u && std::chrono::steady_clock::now() < notified) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    status = http().get("/api/auth/me", token).status;
  }
  EXPECT_EQ(status, 401u);
}

TEST(TokenLifetime, DefaultIsOneHour) {
  EXPECT_EQ(Config{}.jwt_ttl, std::chrono::hours(1));
  TestServer server([](Config& c) { c.jwt_ttl = Config{}.jwt_ttl; });
  const std::string token = server.register_user("mai@example.com");
  server.clock().advance(std::chrono::minutes(59));
  EXPECT_EQ(server.http().get("/api/auth/me", token).status, 200u);
  server.clock().advance(std::chrono::minutes(2));
  EXPECT_EQ(server.http().get("/api/auth/me", token).error_code(), "INVALID_TOKEN");
}

}  // namespace
}  // namespace evient::test
