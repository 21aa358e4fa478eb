// Accounts over HTTP: register, login, me, tokens and their failure modes.
#include <gtest/gtest.h>

#include <set>

#include "core/crypto.hpp"
#include "core/jwt.hpp"
#include "store/users_repo.hpp"
#include "support/test_app.hpp"

namespace evient::test {
namespace {
namespace json = boost::json;

class AuthTest : public ::testing::Test {
 protected:
  TestServer server_;
  HttpClient& http() { return server_.http(); }
};

TEST_F(AuthTest, RegisterReturnsTokenAndNormalisedUser) {
  auto r = http().post("/api/auth/register", {{"email", "  Alice@Example.COM "},
                                              {"password", "password123"},
                                              {"full_name", "Alice Nguyễn"}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto body = r.json().as_object();
  EXPECT_TRUE(body.at("success").as_bool());
  EXPECT_TRUE(body.at("error").is_null());
  const auto& user = body.at("data").at("user").as_object();
  EXPECT_EQ(user.at("email").as_string(), "alice@example.com");
  EXPECT_EQ(user.at("full_name").as_string(), "Alice Nguyễn");
  EXPECT_EQ(user.at("role").as_string(), "user");
  EXPECT_FALSE(user.contains("password_hash"));
  EXPECT_TRUE(crypto::is_uuid(std::string(user.at("id").as_string())));
  EXPECT_FALSE(body.at("data").at("token").as_string().empty());
}

TEST_F(AuthTest, DuplicateEmailIs409EvenInAnotherCase) {
  server_.register_user("bob@example.com");
  auto r = http().post(
      "/api/auth/register",
      {{"email", "BOB@example.com"}, {"password", "password123"}, {"full_name", "Bob"}});
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.error_code(), "EMAIL_TAKEN");
  EXPECT_FALSE(r.json().at("success").as_bool());
  EXPECT_TRUE(r.json().at("data").is_null());
}

TEST_F(AuthTest, RegisterValidationReportsEveryBadField) {
  auto r = http().post("/api/auth/register",
                       {{"email", "not-an-email"}, {"password", "short"}, {"full_name", 42}});
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.error_code(), "VALIDATION_FAILED");
  auto details = r.json().at("error").at("details").as_array();
  std::set<std::string> fields;
  for (auto& d : details) fields.insert(std::string(d.at("field").as_string()));
  EXPECT_TRUE(fields.count("full_name"));  // wrong type
  // Type errors are reported before rule checks run; fix the type and see the rest.
  r = http().post("/api/auth/register",
                  {{"email", "not-an-email"}, {"password", "short"}, {"full_name", "X"}});
  ASSERT_EQ(r.status, 422);
  fields.clear();
  for (auto& d : r.json().at("error").at("details").as_array()) {
    fields.insert(std::string(d.at("field").as_string()));
  }
  EXPECT_TRUE(fields.count("email"));
  EXPECT_TRUE(fields.count("password"));
}

TEST_F(AuthTest, MissingFieldsAndBadJson) {
  auto r = http().post("/api/auth/register", json::object{});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json().at("error").at("details").as_array().size(), 3u);

  r = http().request("POST", "/api/auth/login",
                     "{\"email\":", {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_code(), "INVALID_JSON");

  r = http().request("POST", "/api/auth/login", "[1,2]", {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 400);

  r = http().request("POST", "/api/auth/login", "", {});
  EXPECT_EQ(r.status, 400);
}

TEST_F(AuthTest, LoginWrongEmailAndWrongPasswordLookTheSame) {
  server_.register_user("carol@example.com");
  auto wrong_pass =
      http().post("/api/auth/login", {{"email", "carol@example.com"}, {"password", "nope-nope"}});
  auto wrong_mail =
      http().post("/api/auth/login", {{"email", "nobody@example.com"}, {"password", "nope-nope"}});
  EXPECT_EQ(wrong_pass.status, 401);
  EXPECT_EQ(wrong_mail.status, 401);
  EXPECT_EQ(wrong_pass.json().at("error"), wrong_mail.json().at("error"));
  EXPECT_EQ(wrong_pass.json().at("message"), wrong_mail.json().at("message"));

  auto ok =
      http().post("/api/auth/login", {{"email", "CAROL@example.com"}, {"password", kTestPassword}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  const auto& user = ok.json().at("data").at("user").as_object();
  for (const char* field : {"id", "email", "full_name", "avatar_url", "role", "created_at"}) {
    EXPECT_TRUE(user.contains(field)) << field;
  }
}

TEST_F(AuthTest, MeRequiresAValidToken) {
  auto token = server_.register_user("dave@example.com");
  auto r = http().get("/api/auth/me", token);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json().at("data").at("user").at("email").as_string(), "dave@example.com");

  EXPECT_EQ(http().get("/api/auth/me").status, 401);
  EXPECT_EQ(http().get("/api/auth/me", "garbage").status, 401);
  auto raw = http().request("GET", "/api/auth/me", "", {{"Authorization", "Basic abc"}});
  EXPECT_EQ(raw.status, 401);
  EXPECT_EQ(raw.header("www-authenticate"), "Bearer");
}

TEST_F(AuthTest, TamperedTokenIsRejected) {
  auto token = server_.register_user("erin@example.com");
  // Flip one character of the signature.
  std::string bad = token;
  bad.back() = bad.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(http().get("/api/auth/me", bad).status, 401);
  // Same claims signed with another secret.
  TokenSigner other("another-secret-entirely-000000000", std::chrono::hours(1));
  auto id = server_.user_id(token);
  auto forged = other.issue(id, "admin", 0, server_.clock().now());
  EXPECT_EQ(http().get("/api/auth/me", forged).status, 401);
}

TEST_F(AuthTest, AlgNoneTokenIsRejected) {
  auto token = server_.register_user("frank@example.com");
  auto id = server_.user_id(token);
  auto b64 = [](const std::string& s) {
    static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    int val = 0, bits = -6;
    for (unsigned char c : s) {
      val = (val << 8) + c;
      bits += 8;
      while (bits >= 0) {
        out.push_back(k[(val >> bits) & 0x3F]);
        bits -= 6;
      }
    }
    if (bits > -6) out.push_back(k[((val << 8) >> (bits + 8)) & 0x3F]);
    return out;
  };
  const auto now = server_.clock().now().time_since_epoch().count();
  std::string header = b64(R"({"alg":"none","typ":"JWT"})");
  std::string payload =
      b64("{\"sub\":\"" + id + "\",\"role\":\"admin\",\"ver\":0,\"iat\":" + std::to_string(now) +
          ",\"exp\":" + std::to_string(now + 3600) + "}");
  EXPECT_EQ(http().get("/api/auth/me", header + "." + payload + ".").status, 401);
}

TEST_F(AuthTest, ExpiredTokenIsRejected) {
  auto token = server_.register_user("gina@example.com");
  server_.clock().advance(std::chrono::hours(25));
  auto r = http().get("/api/auth/me", token);
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.error_code(), "INVALID_TOKEN");
}

TEST_F(AuthTest, DeactivatedUserLosesAccessAndCannotLogIn) {
  auto token = server_.register_user("hank@example.com");
  auto id = server_.user_id(token);
  server_.app().db().write([&](store::Tx& tx) {
    tx.exec("UPDATE users SET is_active = FALSE, token_version = token_version + 1 WHERE id = $1",
            {id});
  });
  EXPECT_EQ(http().get("/api/auth/me", token).status, 401);
  auto r =
      http().post("/api/auth/login", {{"email", "hank@example.com"}, {"password", kTestPassword}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.error_code(), "ACCOUNT_DISABLED");
}

TEST_F(AuthTest, LoginIsRateLimited) {
  TestServer limited([](Config& c) { c.login_attempts_per_minute = 3; });
  auto http = limited.client();
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(http->post("/api/auth/login", {{"email", "x@example.com"}, {"password", "whatever1"}})
                  .status,
              401);
  }
  auto r = http->post("/api/auth/login", {{"email", "x@example.com"}, {"password", "whatever1"}});
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.error_code(), "RATE_LIMITED");
  limited.clock().advance(std::chrono::seconds(61));
  EXPECT_EQ(
      http->post("/api/auth/login", {{"email", "x@example.com"}, {"password", "whatever1"}}).status,
      401);
}

TEST_F(AuthTest, PasswordsAreStoredAsArgon2id) {
  server_.register_user("ivy@example.com", "correct horse battery");
  auto user = server_.app().db().read(
      [](store::Tx& tx) { return store::users::find_by_email(tx, "ivy@example.com"); });
  ASSERT_TRUE(user);
  EXPECT_TRUE(user->password_hash.starts_with("$argon2id$"));
  EXPECT_EQ(user->password_hash.find("correct horse"), std::string::npos);
}

}  // namespace
}  // namespace evient::test
