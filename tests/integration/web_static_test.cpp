// The web app's files as the server serves them: content types, ETag / 304,
// immutable caching of hashed assets, precompressed twins, the CSP, client-side
// routes falling back to index.html, and /api misses staying JSON envelopes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/test_app.hpp"

namespace evient::test {
namespace {
namespace fs = std::filesystem;

class WebStaticTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("evient-web-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_ / "assets");
    fs::create_directories(dir_ / "img");
    write("index.html", kIndex);
    write("index.html.gz", "GZ-INDEX");
    write("assets/app-1a2b3c.js", kScript);
    write("assets/app-1a2b3c.js.gz", "GZ-SCRIPT");
    write("assets/app-1a2b3c.js.br", "BR-SCRIPT");
    write("assets/app-9f8e7d.css", "body{margin:0}");
    write("img/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    server_ = std::make_unique<TestServer>([this](Config& c) { c.web_dir = dir_.string(); });
  }
  void TearDown() override {
    server_.reset();
    fs::remove_all(dir_);
  }
  void write(const std::string& name, const std::string& body) {
    std::ofstream(dir_ / name, std::ios::binary) << body;
  }
  HttpResponse get(const std::string& target,
                   std::vector<std::pair<std::string, std::string>> headers = {}) {
    return server_->http().request("GET", target, {}, headers);
  }

  static constexpr const char* kIndex =
      "<!doctype html><html><head><script type=\"module\" src=\"/assets/app-1a2b3c.js\">"
      "</script></head><body><div id=\"app\"></div></body></html>";
  static constexpr const char* kScript = "console.log('evient')";
  fs::path dir_;
  std::unique_ptr<TestServer> server_;
};

TEST_F(WebStaticTest, ServesTheAppPageWithCspAndNoCache) {
  auto r = get("/");
  ASSERT_EQ(r.status, 200u);
  EXPECT_EQ(r.body, kIndex);
  EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(r.header("cache-control"), "no-cache");
  const std::string csp = r.header("content-security-policy");
  EXPECT_NE(csp.find("default-src 'self'"), std::string::npos);
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(csp.find("unsafe-eval"), std::string::npos);
  EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
}

TEST_F(WebStaticTest, ClientRoutesFallBackToTheAppPage) {
  for (const char* path : {"/events/dem-nhac-trinh", "/wallet", "/admin/events/123", "/door"}) {
    auto r = get(path);
    EXPECT_EQ(r.status, 200u) << path;
    EXPECT_EQ(r.body, kIndex) << path;
  }
  auto withQuery = get("/events?search=hoi%20cho&page=2");
  EXPECT_EQ(withQuery.body, kIndex);
}

TEST_F(WebStaticTest, ApiMissesStayJsonEnvelopes) {
  for (const char* path : {"/api/nope", "/api/events/x/y/z", "/api"}) {
    auto r = get(path);
    EXPECT_EQ(r.status, 404u) << path;
    EXPECT_EQ(r.error_code(), "ROUTE_NOT_FOUND") << path;
    EXPECT_EQ(r.header("content-type"), "application/json");
  }
}

TEST_F(WebStaticTest, HashedAssetsAreImmutableWithExactTypes) {
  auto js = get("/assets/app-1a2b3c.js");
  ASSERT_EQ(js.status, 200u);
  EXPECT_EQ(js.body, kScript);
  EXPECT_EQ(js.header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js.header("cache-control"), "public, max-age=31536000, immutable");
  auto css = get("/assets/app-9f8e7d.css");
  EXPECT_EQ(css.header("content-type"), "text/css; charset=utf-8");
  auto svg = get("/img/logo.svg");
  EXPECT_EQ(svg.header("content-type"), "image/svg+xml");
  EXPECT_EQ(svg.header("cache-control"), "public, max-age=3600");
}

TEST_F(WebStaticTest, MissingFilesAre404NotTheAppPage) {
  auto r = get("/assets/app-gone.js");
  EXPECT_EQ(r.status, 404u);
  EXPECT_NE(r.body, kIndex);
  EXPECT_EQ(get("/favicon.ico").status, 404u);
}

TEST_F(WebStaticTest, ETagGivesNotModified) {
  auto first = get("/assets/app-1a2b3c.js");
  const std::string etag = first.header("etag");
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(etag.front(), '"');
  auto again = get("/assets/app-1a2b3c.js", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304u);
  EXPECT_TRUE(again.body.empty());
  auto other = get("/assets/app-1a2b3c.js", {{"If-None-Match", "\"different\""}});
  EXPECT_EQ(other.status, 200u);
  auto listed = get("/assets/app-1a2b3c.js", {{"If-None-Match", "\"x\", " + etag}});
  EXPECT_EQ(listed.status, 304u);
}

TEST_F(WebStaticTest, PrecompressedTwinsFollowAcceptEncoding) {
  auto br = get("/assets/app-1a2b3c.js", {{"Accept-Encoding", "gzip, deflate, br"}});
  EXPECT_EQ(br.header("content-encoding"), "br");
  EXPECT_EQ(br.body, "BR-SCRIPT");
  EXPECT_EQ(br.header("vary"), "Accept-Encoding");
  auto gz = get("/assets/app-1a2b3c.js", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(gz.header("content-encoding"), "gzip");
  EXPECT_EQ(gz.body, "GZ-SCRIPT");
  auto refused = get("/assets/app-1a2b3c.js", {{"Accept-Encoding", "br;q=0, gzip;q=0"}});
  EXPECT_EQ(refused.header("content-encoding"), "");
  EXPECT_EQ(refused.body, kScript);
  auto plain = get("/assets/app-1a2b3c.js");
  EXPECT_EQ(plain.body, kScript);
  // A file without a twin is sent as it is whatever the client accepts.
  auto css = get("/assets/app-9f8e7d.css", {{"Accept-Encoding", "br, gzip"}});
  EXPECT_EQ(css.header("content-encoding"), "");
}

TEST_F(WebStaticTest, OnlyGetAndHead) {
  auto head = server_->http().request("HEAD", "/wallet");
  EXPECT_EQ(head.status, 200u);
  EXPECT_TRUE(head.body.empty());
  auto post = server_->http().request("POST", "/wallet", "{}", {{"Content-Type", "application/json"}});
  EXPECT_EQ(post.status, 404u);
  EXPECT_EQ(post.error_code(), "ROUTE_NOT_FOUND");
}

TEST(WebStaticConfig, AMissingFolderFailsAtStart) {
  EXPECT_ANY_THROW(TestServer([](Config& c) { c.web_dir = "/nonexistent/evient-web"; }));
}

}  // namespace
}  // namespace evient::test
