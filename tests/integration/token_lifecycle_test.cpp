// Logout ends the token it is called with; refresh trades a valid token for a
// new one; tokens live an hour by default.
#include <gtest/gtest.h>

#include <string>

#include "services/auth_service.hpp"
#include "services/services.hpp"
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
