// The API contract against the running application: every route the app
// registers is in the document and every documented operation is a route, with
// the same access (public / user / admin); the document is served; the docs
// page comes from the web build. (Every other integration test checks its
// responses against the document through HttpClient.)
#include "api/openapi.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <set>

#include "http/router.hpp"
#include "support/test_app.hpp"

namespace evient::test {
namespace {
namespace fs = std::filesystem;
namespace json = boost::json;

// "/api/rooms/:id/seats/:seatId/toggle" -> "/api/rooms/{id}/seats/{seatId}/toggle"
std::string openapi_path(const std::string& pattern) {
  std::string out;
  std::size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] == ':' && (i == 0 || pattern[i - 1] == '/')) {
      const std::size_t end = pattern.find('/', i);
      const std::string name = pattern.substr(i + 1, end == std::string::npos ? end : end - i - 1);
      out += "{" + name + "}";
      i = end == std::string::npos ? pattern.size() : end;
    } else {
      out += pattern[i++];
    }
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string access_name(http::Access a) {
  switch (a) {
    case http::Access::Public:
      return "public";
    case http::Access::Optional:
      return "optional";
    case http::Access::User:
      return "user";
    case http::Access::Admin:
      return "admin";
  }
  return "?";
}

TEST(OpenApiTest, PathTranslationKeepsLiteralsAndRenamesCaptures) {
  EXPECT_EQ(openapi_path("/api/rooms/:id/seats/:seatId/toggle"),
            "/api/rooms/{id}/seats/{seatId}/toggle");
  EXPECT_EQ(openapi_path("/api/users/tickets/:id/qr.svg"), "/api/users/tickets/{id}/qr.svg");
  EXPECT_EQ(openapi_path("/healthz"), "/healthz");
}

TEST(OpenApiTest, EveryRouteIsDocumentedAndEveryOperationIsARoute) {
  TestServer server;
  std::map<std::string, std::string> routes;  // "get /api/x" -> access
  for (const auto& route : server.app().router().routes()) {
    routes[lower(http::method_name(route.method)) + " " + openapi_path(route.pattern)] =
        access_name(route.access);
  }
  ASSERT_GT(routes.size(), 10u);
  std::map<std::string, std::string> documented;  // "get /api/x" -> x-access
  std::map<std::string, bool> secured;
  for (const auto& [path, item] : api::openapi_document().at("paths").as_object()) {
    for (const auto& [method, op] : item.as_object()) {
      const std::string key = std::string(method) + " " + std::string(path);
      const json::object& o = op.as_object();
      const auto* access = o.if_contains("x-access");
      documented[key] = access && access->is_string() ? std::string(access->as_string()) : "";
      const auto* security = o.if_contains("security");
      secured[key] = security && security->is_array() && !security->as_array().empty();
    }
  }
  for (const auto& [key, access] : routes) {
    auto it = documented.find(key);
    if (it == documented.end()) {
      ADD_FAILURE() << "route not in the OpenAPI document: " << key
                    << " (add it to src/api/openapi/paths/<area>.json)";
      continue;
    }
    EXPECT_EQ(it->second, access) << key << ": x-access differs from the route's access";
    EXPECT_EQ(secured[key], access != "public")
        << key << ": security (bearerAuth) must be given exactly for user and admin routes";
  }
  for (const auto& [key, access] : documented) {
    if (!routes.contains(key)) ADD_FAILURE() << "documented operation is no route: " << key;
  }
}

TEST(OpenApiTest, ServesTheDocument) {
  TestServer server;
  auto r = server.http().get("/api/openapi.json");
  ASSERT_EQ(r.status, 200u);
  EXPECT_EQ(r.header("content-type"), "application/json");
  const json::value& doc = r.json();
  EXPECT_EQ(doc.at("openapi"), "3.1.0");
  EXPECT_EQ(doc, api::openapi_document());
  EXPECT_TRUE(doc.at("paths").as_object().contains("/api/orders"));
}

TEST(OpenApiTest, DocsPageIsA404WithoutTheWebBuild) {
  TestServer server;  // web_dir "none"
  auto r = server.http().get("/api/docs");
  EXPECT_EQ(r.status, 404u);
  EXPECT_EQ(r.error_code(), "NOT_FOUND");
  EXPECT_NE(r.json().at("message").as_string().find("/api/openapi.json"), json::string::npos);
}

TEST(OpenApiTest, DocsPageIsTheWebBuildsPageUnderItsCsp) {
  const fs::path dir = fs::temp_directory_path() / ("evient-docs-" + std::to_string(::getpid()));
  fs::create_directories(dir / "api-docs");
  std::ofstream(dir / "index.html") << "<!doctype html><title>app</title>";
  const std::string page =
      "<!doctype html><title>EViENT API</title><script src=\"/api-docs/init.js\">";
  std::ofstream(dir / "api-docs" / "index.html") << page;
  {
    TestServer server([&](Config& c) { c.web_dir = dir.string(); });
    auto r = server.http().get("/api/docs");
    EXPECT_EQ(r.status, 200u);
    EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8");
    EXPECT_EQ(r.body, page);
    // The app's own policy: scripts and styles from our origin only.
    EXPECT_NE(r.header("content-security-policy").find("script-src 'self';"), std::string::npos);
    EXPECT_EQ(r.header("content-security-policy").find("unsafe-inline"), std::string::npos);
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace evient::test
