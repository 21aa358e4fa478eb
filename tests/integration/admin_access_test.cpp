// Every /api/admin/ route: no token is 401, a user's token is 403.
#include <gtest/gtest.h>

#include "support/test_app.hpp"

namespace evient::test {
namespace {

constexpr const char* kId = "00000000-0000-4000-8000-000000000000";

struct AdminRoute {
  const char* method;
  std::string target;
};

std::vector<AdminRoute> admin_routes() {
  const std::string id = kId;
  return {{"GET", "/api/admin/stats"},
          {"GET", "/api/admin/stats?event_id=" + id},
          {"GET", "/api/admin/scanners/validate?code=ABC"},
          {"POST", "/api/admin/scanners/checkin"},
          {"POST", "/api/admin/scanners/undo"},
          {"GET", "/api/admin/events"},
          {"POST", "/api/admin/events"},
          {"GET", "/api/admin/events/" + id},
          {"PUT", "/api/admin/events/" + id},
          {"DELETE", "/api/admin/events/" + id},
          {"GET", "/api/admin/events/" + id + "/ticket-types"},
          {"POST", "/api/admin/events/" + id + "/ticket-types"},
          {"PUT", "/api/admin/ticket-types/" + id},
          {"DELETE", "/api/admin/ticket-types/" + id},
          {"GET", "/api/admin/events/" + id + "/attendees.csv"},
          {"GET", "/api/admin/users"},
          {"GET", "/api/admin/users/" + id},
          {"PUT", "/api/admin/users/" + id},
          {"DELETE", "/api/admin/users/" + id},
          {"GET", "/api/admin/banners"},
          {"POST", "/api/admin/banners"},
          {"PUT", "/api/admin/banners/1"},
          {"DELETE", "/api/admin/banners/1"},
          {"GET", "/api/admin/audit-log"}};
}

TEST(AdminAccessTest, EveryAdminRouteRefusesAnonymousAndUsers) {
  TestServer server;
  const std::string user = server.register_user("plain@evient.test");
  const std::string admin = server.admin_token();
  for (const auto& route : admin_routes()) {
    SCOPED_TRACE(std::string(route.method) + " " + route.target);
    const bool has_body =
        std::string_view(route.method) == "POST" || std::string_view(route.method) == "PUT";
    const std::string body = has_body ? "{}" : "";
    std::vector<std::pair<std::string, std::string>> json_header;
    if (has_body) json_header.emplace_back("Content-Type", "application/json");

    auto anonymous = server.http().request(route.method, route.target, body, json_header);
    EXPECT_EQ(anonymous.status, 401u) << anonymous.body;

    auto headers = json_header;
    headers.emplace_back("Authorization", "Bearer " + user);
    auto as_user = server.http().request(route.method, route.target, body, headers);
    EXPECT_EQ(as_user.status, 403u) << as_user.body;
    EXPECT_EQ(as_user.error_code(), "FORBIDDEN");

    // The admin gets past the guard (whatever the handler then says).
    headers.back().second = "Bearer " + admin;
    auto as_admin = server.http().request(route.method, route.target, body, headers);
    EXPECT_NE(as_admin.status, 401u);
    EXPECT_NE(as_admin.status, 403u);
    EXPECT_LT(as_admin.status, 500u) << as_admin.body;
  }
}

}  // namespace
}  // namespace evient::test
