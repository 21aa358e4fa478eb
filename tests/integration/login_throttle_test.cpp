// Failed logins are limited per (client address, email) and per client
// address: wrong passwords from one place never lock the owner out elsewhere.
#include <gtest/gtest.h>

#include <string>

#include "support/test_app.hpp"

namespace evient::test {
namespace {

constexpr const char* kAttacker = "127.0.0.2";
constexpr const char* kOwner = "127.0.0.3";

class LoginThrottleTest : public ::testing::Test {
 protected:
  LoginThrottleTest() { server_.register_user("victim@example.com"); }

  HttpResponse login_from(const char* source, const std::string& email,
                          const std::string& password) {
    HttpClient client(server_.port(), "127.0.0.1", source);
    return client.post("/api/auth/login", {{"email", email}, {"password", password}});
  }

  TestServer server_{[](Config& c) {
    c.login_attempts_per_minute = 3;
    c.login_failures_per_ip_minute = 5;
  }};
};

TEST_F(LoginThrottleTest, WrongPasswordsElsewhereDoNotLockTheOwnerOut) {
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(login_from(kAttacker, "victim@example.com", "wrong-password").status, 401u);
  }
  auto blocked = login_from(kAttacker, "victim@example.com", kTestPassword);
  EXPECT_EQ(blocked.status, 429u) << blocked.body;
  EXPECT_FALSE(blocked.header("retry-after").empty());

  auto owner = login_from(kOwner, "victim@example.com", kTestPassword);
  EXPECT_EQ(owner.status, 200u) << owner.body;

  server_.clock().advance(std::chrono::seconds(61));
  EXPECT_EQ(login_from(kAttacker, "victim@example.com", kTestPassword).status, 200u);
}

TEST_F(LoginThrottleTest, CorrectLoginsAreNeverCounted) {
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(login_from(kOwner, "victim@example.com", kTestPassword).status, 200u);
  }
}

TEST_F(LoginThrottleTest, OneAddressTryingManyEmailsIsLimited) {
  for (int i = 0; i < 5; ++i) {
    const std::string email = "guess" + std::to_string(i) + "@example.com";
    EXPECT_EQ(login_from(kAttacker, email, "wrong-password").status, 401u);
  }
  auto blocked = login_from(kAttacker, "victim@example.com", kTestPassword);
  EXPECT_EQ(blocked.status, 429u) << blocked.body;
  EXPECT_FALSE(blocked.header("retry-after").empty());
  EXPECT_EQ(login_from(kOwner, "victim@example.com", kTestPassword).status, 200u);
}

}  // namespace
}  // namespace evient::test
