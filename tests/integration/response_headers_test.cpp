// Headers that protect what a response carries: no-store on tokens, ticket
// codes and personal data, nosniff everywhere, Retry-After on every 429, and a
// 415 for a JSON endpoint's body declared as something else.
#include <gtest/gtest.h>

#include <string>

#include "support/test_app.hpp"

namespace evient::test {
namespace {

class ResponseHeadersTest : public ::testing::Test {
 protected:
  TestServer server_{[](Config& c) { c.login_attempts_per_minute = 3; }};
  HttpClient& http() { return server_.http(); }
};

void expect_no_store(const HttpResponse& r) {
  EXPECT_NE(r.header("cache-control").find("no-store"), std::string::npos) << r.body;
  EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
}

TEST_F(ResponseHeadersTest, TokensAndPersonalDataAreNeverStored) {
  auto reg = http().post(
      "/api/auth/register",
      {{"email", "mai@example.com"}, {"password", kTestPassword}, {"full_name", "Mai"}});
  ASSERT_EQ(reg.status, 201u);
  expect_no_store(reg);
  auto login =
      http().post("/api/auth/login", {{"email", "mai@example.com"}, {"password", kTestPassword}});
  ASSERT_EQ(login.status, 200u);
  expect_no_store(login);
  const std::string token(login.json().at("data").at("token").as_string());
  for (const char* target : {"/api/auth/me", "/api/users/profile", "/api/users/tickets",
                             "/api/orders", "/api/notifications"}) {
    SCOPED_TRACE(target);
    auto r = http().get(target, token);
    EXPECT_EQ(r.status, 200u);
    expect_no_store(r);
  }
  const std::string admin = server_.admin_token();
  expect_no_store(http().get("/api/admin/users", admin));
  expect_no_store(http().get("/api/admin/orders", admin));
}

TEST_F(ResponseHeadersTest, PublicCatalogueKeepsItsCachingAndIsNotSniffed) {
  auto r = http().get("/api/events");
  ASSERT_EQ(r.status, 200u);
  EXPECT_EQ(r.header("cache-control").find("no-store"), std::string::npos);
  EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
  auto missing = http().get("/api/nope");
  EXPECT_EQ(missing.header("x-content-type-options"), "nosniff");
}

TEST_F(ResponseHeadersTest, EveryTooManyRequestsCarriesRetryAfter) {
  HttpResponse r;
  for (int i = 0; i < 5 && r.status != 429; ++i) {
    r = http().post("/api/auth/login", {{"email", "x@example.com"}, {"password", "wrong-pass"}});
  }
  ASSERT_EQ(r.status, 429u);
  const std::string after = r.header("retry-after");
  ASSERT_FALSE(after.empty());
  EXPECT_GE(std::stoi(after), 1);
  EXPECT_LE(std::stoi(after), 60);
}

TEST_F(ResponseHeadersTest, BodyDeclaredAsAnotherMediaTypeIs415) {
  const std::string body = R"({"email":"x@example.com","password":"whatever-pass"})";
  for (const char* type : {"text/plain", "application/x-www-form-urlencoded",
                           "multipart/form-data; boundary=x", "application/jsonx"}) {
    SCOPED_TRACE(type);
    auto r = http().request("POST", "/api/auth/login", body, {{"Content-Type", type}});
    EXPECT_EQ(r.status, 415u) << r.body;
    EXPECT_EQ(r.error_code(), "UNSUPPORTED_MEDIA_TYPE");
  }
  auto with_charset = http().request("POST", "/api/auth/login", body,
                                     {{"Content-Type", "Application/JSON; charset=utf-8"}});
  EXPECT_EQ(with_charset.status, 401u) << with_charset.body;
  auto without_type = http().request("POST", "/api/auth/login", body);
  EXPECT_EQ(without_type.status, 401u) << without_type.body;
}

TEST_F(ResponseHeadersTest, PaymentWebhooksTakeWhatProvidersSend) {
  auto r = http().request("POST", "/api/payments/webhook/sandbox", "order=1",
                          {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(r.error_code(), "INVALID_SIGNATURE") << r.body;
  expect_no_store(r);
}

}  // namespace
}  // namespace evient::test
