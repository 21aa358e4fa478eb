// GET/PUT /api/users/profile.
#include <gtest/gtest.h>

#include "store/users_repo.hpp"
#include "support/test_app.hpp"

namespace evient::test {
namespace {
namespace json = boost::json;

class ProfileTest : public ::testing::Test {
 protected:
  TestServer server_;
  HttpClient& http() { return server_.http(); }
  std::string token_ = server_.register_user("pat@example.com", kTestPassword, "Pat");
};

TEST_F(ProfileTest, GetProfile) {
  auto r = http().get("/api/users/profile", token_);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json().at("data").at("user").at("full_name").as_string(), "Pat");
  EXPECT_EQ(http().get("/api/users/profile").status, 401);
}

TEST_F(ProfileTest, UpdateNameAndAvatar) {
  auto r = http().put(
      "/api/users/profile",
      {{"full_name", "Patricia Lê"}, {"avatar_url", "https://cdn.example.com/p.png"}}, token_);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto& u = r.json().at("data").at("user");
  EXPECT_EQ(u.at("full_name").as_string(), "Patricia Lê");
  EXPECT_EQ(u.at("avatar_url").as_string(), "https://cdn.example.com/p.png");
  // null clears the avatar
  r = http().put("/api/users/profile", {{"avatar_url", nullptr}}, token_);
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.json().at("data").at("user").at("avatar_url").is_null());
  EXPECT_EQ(r.json().at("data").at("user").at("full_name").as_string(), "Patricia Lê");
}

TEST_F(ProfileTest, AvatarMustBeHttpUrl) {
  for (const char* bad :
       {"javascript:alert(1)", "ftp://x.example.com/a.png", "not a url", "/relative.png"}) {
    auto r = http().put("/api/users/profile", {{"avatar_url", bad}}, token_);
    EXPECT_EQ(r.status, 422) << bad;
    EXPECT_EQ(r.json().at("error").at("details").at(0).at("field").as_string(), "avatar_url");
  }
}

TEST_F(ProfileTest, RoleAndOtherForbiddenFieldsAreNeverApplied) {
  auto r = http().put("/api/users/profile",
                      {{"full_name", "Pat"},
                       {"role", "admin"},
                       {"is_active", false},
                       {"email", "other@example.com"},
                       {"password_hash", "x"},
                       {"id", "00000000-0000-4000-8000-000000000000"}},
                      token_);
  ASSERT_EQ(r.status, 200);
  auto user = server_.app().db().read(
      [](store::Tx& tx) { return store::users::find_by_email(tx, "pat@example.com"); });
  ASSERT_TRUE(user);
  EXPECT_EQ(user->role, "user");
  EXPECT_TRUE(user->is_active);
  EXPECT_TRUE(user->password_hash.starts_with("$argon2id$"));
  EXPECT_EQ(http().get("/api/auth/me", token_).status, 200);
}

TEST_F(ProfileTest, ChangingPasswordNeedsTheOldOneAndRevokesOldTokens) {
  auto r = http().put("/api/users/profile", {{"new_password", "brand-new-pass"}}, token_);
  EXPECT_EQ(r.status, 422);
  r = http().put("/api/users/profile",
                 {{"old_password", "wrong-password"}, {"new_password", "brand-new-pass"}}, token_);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json().at("error").at("details").at(0).at("code").as_string(), "WRONG_PASSWORD");
  r = http().put("/api/users/profile", {{"old_password", kTestPassword}, {"new_password", "short"}},
                 token_);
  EXPECT_EQ(r.status, 422);

  r = http().put("/api/users/profile",
                 {{"old_password", kTestPassword}, {"new_password", "brand-new-pass"}}, token_);
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string fresh(r.json().at("data").at("token").as_string());
  EXPECT_EQ(http().get("/api/auth/me", token_).status, 401);  // the old token died
  EXPECT_EQ(http().get("/api/auth/me", fresh).status, 200);
  EXPECT_EQ(
      http()
          .post("/api/auth/login", {{"email", "pat@example.com"}, {"password", kTestPassword}})
          .status,
      401);
  EXPECT_EQ(
      http()
          .post("/api/auth/login", {{"email", "pat@example.com"}, {"password", "brand-new-pass"}})
          .status,
      200);
}

}  // namespace
}  // namespace evient::test
