// Admin users (roles, deactivation, the last-admin and self rules), banners and
// the audit log.
#include <gtest/gtest.h>

#include <thread>

#include "support/fixtures.hpp"
#include "support/test_app.hpp"

namespace evient::test {
namespace {
namespace json = boost::json;

class AdminUsersTest : public ::testing::Test {
 protected:
  AdminUsersTest() {
    admin_ = server_.admin_token();
    admin_id_ = server_.user_id(admin_);
  }
  HttpResponse put_user(const std::string& id, const json::object& body,
                        const std::string& token = {}) {
    return server_.http().put("/api/admin/users/" + id, body, token.empty() ? admin_ : token);
  }

  TestServer server_;
  std::string admin_;
  std::string admin_id_;
};

TEST_F(AdminUsersTest, ListFiltersAndShowsNoHashes) {
  server_.register_user("hoa@evient.test", kTestPassword, "Nguyễn Thị Hoa");
  server_.register_user("minh@evient.test", kTestPassword, "Lê Minh");
  auto all = server_.http().get("/api/admin/users", admin_);
  ASSERT_EQ(all.status, 200u) << all.body;
  EXPECT_EQ(all.json().at("pagination").at("total").as_int64(), 3);
  EXPECT_EQ(all.body.find("password"), std::string::npos);
  auto found = server_.http().get("/api/admin/users?search=nguyen%20thi", admin_);
  ASSERT_EQ(found.json().at("data").as_array().size(), 1u);
  EXPECT_EQ(found.json().at("data").at(0).at("email").as_string(), "hoa@evient.test");
  EXPECT_EQ(server_.http()
                .get("/api/admin/users?role=admin", admin_)
                .json()
                .at("pagination")
                .at("total")
                .as_int64(),
            1);
  EXPECT_EQ(server_.http()
                .get("/api/admin/users?is_active=false", admin_)
                .json()
                .at("pagination")
                .at("total")
                .as_int64(),
            0);
  EXPECT_EQ(server_.http().get("/api/admin/users?role=root", admin_).status, 422u);
  EXPECT_EQ(server_.http()
                .get("/api/admin/users?limit=2&page=2", admin_)
                .json()
                .at("data")
                .as_array()
                .size(),
            1u);
  auto one = server_.http().get("/api/admin/users/" + admin_id_, admin_);
  EXPECT_EQ(one.json().at("data").at("role").as_string(), "admin");
  EXPECT_EQ(
      server_.http().get("/api/admin/users/00000000-0000-4000-8000-000000000000", admin_).status,
      404u);
}

TEST_F(AdminUsersTest, PromoteDemoteAndBodyCannotTouchOtherFields) {
  const std::string token = server_.register_user("u@evient.test");
  const std::string id = server_.user_id(token);
  auto r = put_user(id, {{"full_name", "Renamed"},
                         {"role", "admin"},
                         {"email", "hijack@evient.test"},
                         {"password_hash", "x"},
                         {"token_version", 99},
                         {"created_at", "2000-01-01T00:00:00Z"}});
  ASSERT_EQ(r.status, 200u) << r.body;
  const auto& u = r.json().at("data");
  EXPECT_EQ(u.at("full_name").as_string(), "Renamed");
  EXPECT_EQ(u.at("role").as_string(), "admin");
  EXPECT_EQ(u.at("email").as_string(), "u@evient.test");
  EXPECT_NE(u.at("created_at").as_string(), "2000-01-01T00:00:00Z");
  // The password is unchanged: the user can still log in with it.
  const std::string fresh = server_.login("u@evient.test");
  EXPECT_EQ(server_.http().get("/api/admin/stats", fresh).status, 200u);
  // The role change ended the old token.
  EXPECT_EQ(server_.http().get("/api/auth/me", token).status, 401u);

  EXPECT_EQ(put_user(id, {{"role", "superuser"}}).status, 422u);
  EXPECT_EQ(put_user(id, {{"is_active", "no"}}).status, 422u);
  EXPECT_EQ(put_user(id, {{"role", "user"}}).status, 200u);
  EXPECT_EQ(server_.http().get("/api/admin/stats", fresh).status, 401u);
}

TEST_F(AdminUsersTest, DeactivationEndsTokensAtOnce) {
  const std::string token = server_.register_user("u@evient.test");
  const std::string id = server_.user_id(token);
  auto r = server_.http().del("/api/admin/users/" + id, admin_);
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_FALSE(r.json().at("data").at("is_active").as_bool());
  EXPECT_EQ(server_.http().get("/api/users/profile", token).status, 401u);
  EXPECT_NE(server_.http()
                .post("/api/auth/login", {{"email", "u@evient.test"}, {"password", kTestPassword}})
                .status,
            200u);
  EXPECT_EQ(put_user(id, {{"is_active", true}}).status, 200u);
  EXPECT_EQ(server_.login("u@evient.test").empty(), false);
}

TEST_F(AdminUsersTest, LastAdminAndSelfRules) {
  // Alone: the only admin cannot step down.
  auto alone = put_user(admin_id_, {{"role", "user"}});
  EXPECT_EQ(alone.status, 409u);
  EXPECT_EQ(alone.error_code(), "LAST_ADMIN");
  EXPECT_EQ(error_code(server_.http().del("/api/admin/users/" + admin_id_, admin_)), "LAST_ADMIN");

  const std::string second = server_.admin_token("second@evient.test");
  const std::string second_id = server_.user_id(second);
  auto self = put_user(admin_id_, {{"is_active", false}});
  EXPECT_EQ(self.status, 409u);
  EXPECT_EQ(self.error_code(), "CANNOT_MODIFY_SELF");
  // Renaming oneself is fine.
  EXPECT_EQ(put_user(admin_id_, {{"full_name", "Boss"}}).status, 200u);

  // Two admins demoting each other at the same instant: one admin remains.
  HttpResponse a, b;
  std::thread ta([&] {
    auto c = server_.client();
    a = c->put("/api/admin/users/" + second_id, {{"role", "user"}}, admin_);
  });
  std::thread tb([&] {
    auto c = server_.client();
    b = c->put("/api/admin/users/" + admin_id_, {{"role", "user"}}, second);
  });
  ta.join();
  tb.join();
  EXPECT_TRUE((a.status == 200) != (b.status == 200)) << a.body << "\n" << b.body;
  const std::int64_t admins = server_.app().db().read([](store::Tx& tx) {
    return tx.exec("SELECT COUNT(*) FROM users WHERE role = 'admin' AND is_active = TRUE")[0].i64(
        0);
  });
  EXPECT_EQ(admins, 1);
}

TEST_F(AdminUsersTest, BannersCrudWithValidation) {
  Event e = create_event(server_.app());
  auto created = server_.http().post("/api/admin/banners",
                                     {{"title", "Hot"},
                                      {"image_url", "https://cdn.example.com/b.jpg"},
                                      {"link_url", "/events/x"},
                                      {"event_id", e.id},
                                      {"priority", 10},
                                      {"id", 999},
                                      {"created_at", "2000-01-01T00:00:00Z"}},
                                     admin_);
  ASSERT_EQ(created.status, 201u) << created.body;
  const std::int64_t id = created.json().at("data").at("id").as_int64();
  EXPECT_NE(id, 999);
  EXPECT_EQ(created.json().at("data").at("event_id").as_string(), e.id);

  auto bad = server_.http().post("/api/admin/banners",
                                 {{"image_url", "javascript:alert(1)"},
                                  {"link_url", "ftp://x"},
                                  {"event_id", "00000000-0000-4000-8000-000000000000"}},
                                 admin_);
  EXPECT_EQ(bad.status, 422u);
  auto missing_event = server_.http().post(
      "/api/admin/banners",
      {{"image_url", "/b.png"}, {"event_id", "00000000-0000-4000-8000-000000000000"}}, admin_);
  EXPECT_EQ(missing_event.status, 422u);
  EXPECT_EQ(missing_event.json().at("error").at("details").at(0).at("field").as_string(),
            "event_id");

  const std::string path = "/api/admin/banners/" + std::to_string(id);
  auto up = server_.http().put(path, {{"is_active", false}, {"event_id", nullptr}}, admin_);
  ASSERT_EQ(up.status, 200u) << up.body;
  EXPECT_FALSE(up.json().at("data").at("is_active").as_bool());
  EXPECT_TRUE(up.json().at("data").at("event_id").is_null());
  EXPECT_EQ(up.json().at("data").at("title").as_string(), "Hot");
  EXPECT_EQ(server_.http().get("/api/banners").json().at("data").as_array().size(), 0u);
  EXPECT_EQ(server_.http()
                .get("/api/admin/banners", admin_)
                .json()
                .at("pagination")
                .at("total")
                .as_int64(),
            1);
  EXPECT_EQ(server_.http().del(path, admin_).status, 200u);
  EXPECT_EQ(server_.http().del(path, admin_).status, 404u);
  EXPECT_EQ(server_.http().put("/api/admin/banners/abc", {{"priority", 1}}, admin_).status, 404u);
}

TEST_F(AdminUsersTest, AuditLogRecordsWritesNewestFirst) {
  const std::string token = server_.register_user("u@evient.test");
  const std::string id = server_.user_id(token);
  ASSERT_EQ(put_user(id, {{"full_name", "First"}}).status, 200u);
  server_.clock().advance(std::chrono::seconds(1));
  ASSERT_EQ(put_user(id, {{"is_active", false}}).status, 200u);
  server_.clock().advance(std::chrono::seconds(1));
  ASSERT_EQ(server_.http().post("/api/admin/banners", {{"image_url", "/b.png"}}, admin_).status,
            201u);

  auto all = server_.http().get("/api/admin/audit-log", admin_);
  ASSERT_EQ(all.status, 200u) << all.body;
  const auto& items = all.json().at("data").as_array();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].at("action").as_string(), "banner.create");
  EXPECT_TRUE(items[0].at("before").is_null());
  EXPECT_EQ(items[1].at("action").as_string(), "user.update");
  EXPECT_TRUE(items[1].at("before").at("is_active").as_bool());
  EXPECT_FALSE(items[1].at("after").at("is_active").as_bool());
  EXPECT_EQ(items[1].at("actor_id").as_string(), admin_id_);
  EXPECT_EQ(items[2].at("after").at("full_name").as_string(), "First");
  EXPECT_EQ(all.body.find("password"), std::string::npos);

  auto users = server_.http().get("/api/admin/audit-log?entity_type=user&entity_id=" + id, admin_);
  EXPECT_EQ(users.json().at("pagination").at("total").as_int64(), 2);
  auto paged = server_.http().get("/api/admin/audit-log?limit=1&page=3", admin_);
  EXPECT_EQ(paged.json().at("data").at(0).at("after").at("full_name").as_string(), "First");

  // A refused write leaves no entry.
  EXPECT_EQ(put_user(admin_id_, {{"role", "user"}}).status, 409u);
  EXPECT_EQ(server_.http()
                .get("/api/admin/audit-log", admin_)
                .json()
                .at("pagination")
                .at("total")
                .as_int64(),
            3);
}

}  // namespace
}  // namespace evient::test
