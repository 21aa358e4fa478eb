// Text that reaches the database: NUL bytes and invalid UTF-8 in paths, queries
// and JSON bodies are a 400, never a 500 (PostgreSQL refuses them) nor stored
// (SQLite would keep them); control characters in names and titles are a 422.
#include <gtest/gtest.h>

#include <string>

#include "support/test_app.hpp"

namespace evient::test {
namespace {
namespace json = boost::json;

class InputTextTest : public ::testing::Test {
 protected:
  HttpResponse post_raw(const std::string& target, const std::string& body,
                        const std::string& bearer = {}) {
    std::vector<std::pair<std::string, std::string>> headers{{"Content-Type", "application/json"}};
    if (!bearer.empty()) headers.emplace_back("Authorization", "Bearer " + bearer);
    return server_.http().request("POST", target, body, headers);
  }

  TestServer server_;
};

void expect_status(const HttpResponse& r, unsigned status, const std::string& code) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.error_code(), code) << r.body;
}

TEST_F(InputTextTest, NulAndInvalidUtf8InThePathAre400WithoutLogin) {
  for (const char* target : {"/api/events/ab%00cd", "/api/events/%ff%fe", "/api/events/a%0Ab",
                             "/api/payments/sandbox/%00?sig=x"}) {
    SCOPED_TRACE(target);
    expect_status(server_.http().get(target), 400, "INVALID_ENCODING");
  }
}

TEST_F(InputTextTest, NulAndInvalidUtf8InTheQueryAre400) {
  for (const char* target : {"/api/events?search=a%00b", "/api/events?category=%C3%28",
                             "/api/events?search%00=x", "/api/events?search=a%1Bb"}) {
    SCOPED_TRACE(target);
    expect_status(server_.http().get(target), 400, "INVALID_ENCODING");
  }
  EXPECT_EQ(server_.http().get("/api/events?search=h%E1%BB%99i").status, 200u);
}

TEST_F(InputTextTest, NulInAJsonStringIs400AndNothingIsStored) {
  expect_status(post_raw("/api/auth/login", R"({"email":"a\u0000@b.c","password":"x"})"), 400,
                "INVALID_JSON");
  expect_status(
      post_raw("/api/auth/register", R"({"email":"nul@example.com","password":"password123",)"
                                     R"("full_name":"Mai\u0000Admin"})"),
      400, "INVALID_JSON");
  expect_status(post_raw("/api/auth/login", R"({"email\u0000":"a@b.c","password":"x"})"), 400,
                "INVALID_JSON");
  // Nothing was created: the address is still free.
  EXPECT_EQ(
      server_.http()
          .post("/api/auth/register",
                {{"email", "nul@example.com"}, {"password", "password123"}, {"full_name", "Mai"}})
          .status,
      201u);
}

TEST_F(InputTextTest, InvalidUtf8InAJsonBodyIs400) {
  expect_status(post_raw("/api/auth/login", "{\"email\":\"\xff\xfe@b.c\",\"password\":\"x\"}"), 400,
                "INVALID_JSON");
}

TEST_F(InputTextTest, ControlCharactersInNamesAre422) {
  for (const char* name : {"Mai\nAdmin", "Mai\tAdmin", "\u202Enimda", "Mai\x7f", "Mai\u0085"}) {
    SCOPED_TRACE(name);
    auto r = server_.http().post(
        "/api/auth/register",
        {{"email", "ctl@example.com"}, {"password", "password123"}, {"full_name", name}});
    expect_status(r, 422, "VALIDATION_FAILED");
    EXPECT_EQ(r.json().at("error").at("details").at(0).at("code").as_string(),
              "INVALID_CHARACTERS");
  }
  const std::string token = server_.register_user("ok@example.com", kTestPassword, "Trần Mai");
  auto r = server_.http().put("/api/users/profile", {{"full_name", "Mai\r\nX"}}, token);
  expect_status(r, 422, "VALIDATION_FAILED");
}

TEST_F(InputTextTest, TitlesRefuseControlCharactersWhileDescriptionsKeepLineBreaks) {
  const std::string admin = server_.admin_token();
  json::object event{{"title", "Đêm nhạc\nGiả"},
                     {"start_time", "2030-10-01T12:00:00Z"},
                     {"end_time", "2030-10-01T22:00:00Z"}};
  expect_status(server_.http().post("/api/admin/events", event, admin), 422, "VALIDATION_FAILED");
  event["title"] = "Đêm nhạc";
  event["description"] = "Dòng một\nDòng hai";
  auto created = server_.http().post("/api/admin/events", event, admin);
  ASSERT_EQ(created.status, 201u) << created.body;
  EXPECT_EQ(created.json().at("data").at("description").as_string(), "Dòng một\nDòng hai");
  event["description"] = "bell\a";
  event["title"] = "Khác";
  expect_status(server_.http().post("/api/admin/events", event, admin), 422, "VALIDATION_FAILED");
  expect_status(server_.http().post("/api/admin/banners",
                                    {{"title", "a\u2066b"}, {"image_url", "/x.png"}}, admin),
                422, "VALIDATION_FAILED");
}

}  // namespace
}  // namespace evient::test
