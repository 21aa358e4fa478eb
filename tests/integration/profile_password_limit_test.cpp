// PUT /api/users/profile with old_password is limited like login: a token
// holder cannot use it to guess the account's password.
#include <gtest/gtest.h>

#include <string>

#include "support/test_app.hpp"

namespace evient::test {
namespace {

TEST(ProfilePasswordLimit, WrongOldPasswordsAreLimitedPerAccount) {
  TestServer server([](Config& c) { c.login_attempts_per_minute = 3; });
  const std::string token = server.register_user("mai@example.com");
  auto change = [&](const std::string& old_password) {
    return server.http().put("/api/users/profile",
                             {{"old_password", old_password}, {"new_password", "new-password-1"}},
                             token);
  };
  for (int i = 0; i < 3; ++i) {
    auto r = change("guess-" + std::to_string(i));
    EXPECT_EQ(r.status, 422u) << r.body;
  }
  auto limited = change(kTestPassword);
  EXPECT_EQ(limited.status, 429u) << limited.body;
  EXPECT_EQ(limited.error_code(), "RATE_LIMITED");
  EXPECT_FALSE(limited.header("retry-after").empty());
  // From another connection (another address even) it is the same account.
  HttpClient other(server.port(), "127.0.0.1", "127.0.0.4");
  EXPECT_EQ(other
                .put("/api/users/profile",
                     {{"old_password", kTestPassword}, {"new_password", "new-password-1"}}, token)
                .status,
            429u);
  // Names may still change meanwhile.
  EXPECT_EQ(server.http().put("/api/users/profile", {{"full_name", "Mai"}}, token).status, 200u);

  server.clock().advance(std::chrono::seconds(61));
  auto ok = change(kTestPassword);
  EXPECT_EQ(ok.status, 200u) << ok.body;
}

}  // namespace
}  // namespace evient::test
