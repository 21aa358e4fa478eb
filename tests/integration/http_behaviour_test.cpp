// Cross-cutting HTTP behaviour of the real application: envelope on every
// error, CORS, request ids, health endpoints, body limit.
#include <gtest/gtest.h>

#include "support/test_app.hpp"

namespace evient::test {
namespace {

class HttpBehaviourTest : public ::testing::Test {
 protected:
  TestServer server_{[](Config& c) { c.cors_origins = {"https://app.evient.vn"}; }};
  HttpClient& http() { return server_.http(); }
};

void expect_error_envelope(const HttpResponse& r, unsigned status, const std::string& code) {
  EXPECT_EQ(r.status, status) << r.body;
  auto j = r.json().as_object();
  EXPECT_FALSE(j.at("success").as_bool());
  EXPECT_TRUE(j.at("data").is_null());
  EXPECT_TRUE(j.at("message").is_string());
  EXPECT_EQ(j.at("error").at("code").as_string(), code);
  EXPECT_TRUE(j.at("error").at("details").is_array());
  EXPECT_EQ(r.header("content-type"), "application/json");
}

TEST_F(HttpBehaviourTest, UnknownRouteAndWrongMethodUseTheEnvelope) {
  expect_error_envelope(http().get("/api/nope"), 404, "ROUTE_NOT_FOUND");
  auto r = http().del("/api/events");
  expect_error_envelope(r, 405, "METHOD_NOT_ALLOWED");
  EXPECT_NE(r.header("allow").find("GET"), std::string::npos);
}

TEST_F(HttpBehaviourTest, BodyOverOneMebibyteIs413) {
  std::string big(1024 * 1024 + 10, 'a');
  auto r = http().request("POST", "/api/auth/login", big, {{"Content-Type", "application/json"}});
  expect_error_envelope(r, 413, "PAYLOAD_TOO_LARGE");
}

TEST_F(HttpBehaviourTest, HealthAndReadiness) {
  auto h = http().get("/healthz");
  EXPECT_EQ(h.status, 200);
  EXPECT_TRUE(h.json().at("success").as_bool());
  EXPECT_EQ(http().get("/readyz").status, 200);
}

TEST_F(HttpBehaviourTest, RequestIdIsEchoedOrGenerated) {
  auto r = http().request("GET", "/healthz", "", {{"X-Request-Id", "abc-123"}});
  EXPECT_EQ(r.header("x-request-id"), "abc-123");
  auto g = http().get("/healthz");
  EXPECT_FALSE(g.header("x-request-id").empty());
}

TEST_F(HttpBehaviourTest, CorsListedOriginGetsCredentials) {
  auto r = http().request("GET", "/api/events", "", {{"Origin", "https://app.evient.vn"}});
  EXPECT_EQ(r.header("access-control-allow-origin"), "https://app.evient.vn");
  EXPECT_EQ(r.header("access-control-allow-credentials"), "true");
}

TEST_F(HttpBehaviourTest, CorsOtherOriginsMayOnlyRead) {
  auto r = http().request("GET", "/api/events", "", {{"Origin", "https://elsewhere.example"}});
  EXPECT_EQ(r.header("access-control-allow-origin"), "*");
  EXPECT_EQ(r.header("access-control-allow-credentials"), "");
  auto w = http().request(
      "POST", "/api/auth/login", "{}",
      {{"Origin", "https://elsewhere.example"}, {"Content-Type", "application/json"}});
  EXPECT_EQ(w.header("access-control-allow-origin"), "");
}

TEST_F(HttpBehaviourTest, PreflightAnswers204) {
  auto r = http().request("OPTIONS", "/api/orders", "",
                          {{"Origin", "https://app.evient.vn"},
                           {"Access-Control-Request-Method", "POST"},
                           {"Access-Control-Request-Headers", "authorization, content-type"}});
  EXPECT_EQ(r.status, 204);
  EXPECT_NE(r.header("access-control-allow-headers").find("Authorization"), std::string::npos);
  EXPECT_NE(r.header("access-control-allow-methods").find("POST"), std::string::npos);
}

TEST_F(HttpBehaviourTest, KeepAliveReusesTheConnection) {
  auto c = server_.client();
  for (int i = 0; i < 5; ++i) EXPECT_EQ(c->get("/healthz").status, 200);
  EXPECT_EQ(c->connections_opened(), 1u);
}

TEST_F(HttpBehaviourTest, MalformedRequestLineIs400) {
  auto r = http().raw("GARBAGE\r\n\r\n");
  EXPECT_EQ(r.status, 400);
}

}  // namespace
}  // namespace evient::test
