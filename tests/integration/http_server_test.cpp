// The HTTP server on its own: a hand-built router and pipeline with a few test
// handlers (no database), the real server on port 0, a real client.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>

#include "core/errors.hpp"
#include "http/pipeline.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "support/http_client.hpp"

namespace evient::http {
namespace {

using namespace std::chrono_literals;
using test::HttpClient;
using test::HttpResponse;

constexpr std::string_view kUserToken = "user-token";
constexpr std::chrono::milliseconds kSlowHandlerTime{600};

class StubAuthenticator : public Authenticator {
 public:
  AuthContext authenticate(std::string_view bearer_token) override {
    if (bearer_token != kUserToken) throw Unauthorized("Invalid token", "INVALID_TOKEN");
    return AuthContext{"user-1", false};
  }
};

Response text(std::string body) {
  Response response;
  response.content_type = "text/plain";
  response.body = std::move(body);
  return response;
}

// Polls instead of blocking forever, so a broken server fails the test.
bool eventually(const std::atomic<bool>& flag) {
  for (auto deadline = std::chrono::steady_clock::now() + 5s;
       std::chrono::steady_clock::now() < deadline; std::this_thread::sleep_for(5ms)) {
    if (flag) return true;
  }
  return false;
}

class HttpServerTest : public ::testing::Test {
 protected:
  void start(ServerConfig config = {}) {
    config.address = "127.0.0.1";
    config.port = 0;
    config.shutdown_grace = 5s;
    auto pipeline =
        std::make_shared<Pipeline>(routes(), std::make_shared<StubAuthenticator>(), CorsConfig{});
    server_ = std::make_unique<Server>(config, pipeline);
    port_ = server_->start();
    ASSERT_NE(0, port_);
  }

  void SetUp() override { start(); }

  Router routes() {
    Router router;
    router.get("/hello", Access::Public, [](Request&) { return text("hello, world"); });
    router.get("/me", Access::User, [](Request& request) { return text(request.user().user_id); });
    router.get("/echo/:name", Access::Public, [](Request& request) {
      boost::json::object out;
      out["path"] = request.path;
      out["name"] = request.param("name");
      if (auto* q = request.query_param("q")) out["q"] = *q;
      if (auto* custom = request.header("x-custom")) out["custom"] = *custom;
      out["request_id"] = request.request_id;
      out["remote_address"] = request.remote_address;
      Response response;
      response.body = boost::json::serialize(out);
      return response;
    });
    router.post("/upload", Access::Public,
                [](Request& request) { return text(std::to_string(request.body.size())); });
    router.get("/stream", Access::Public, [](Request&) {
      Response response = text("");
      auto calls = std::make_shared<int>(0);
      response.stream = [calls](std::string& chunk) {
        const int n = (*calls)++;
        if (n != 2) chunk = "chunk-" + std::to_string(n) + ";";  // call 2 produces nothing
        return n < 4;
      };
      return response;
    });
    router.get("/slow", Access::Public, [this](Request&) {
      slow_started_ = true;
      std::this_thread::sleep_for(kSlowHandlerTime);
      return text("finally");
    });
    return router;
  }

  std::unique_ptr<Server> server_;
  std::uint16_t port_ = 0;
  std::atomic<bool> slow_started_{false};
};

TEST_F(HttpServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  HttpClient client(port_);
  HttpResponse first = client.get("/hello");
  HttpResponse second = client.get("/hello");

  EXPECT_EQ(200u, first.status);
  EXPECT_EQ("hello, world", first.body);
  EXPECT_EQ("12", first.header("content-length"));
  EXPECT_EQ("text/plain", first.header("content-type"));
  EXPECT_EQ("evient", first.header("server"));
  EXPECT_EQ(200u, second.status);
  EXPECT_EQ(1u, client.connections_opened());
}

TEST_F(HttpServerTest, RequestFieldsAreDecoded) {
  HttpClient client(port_);
  HttpResponse response = client.request("GET", "/echo/a%20b?q=first&q=x+y%21", {},
                                         {{"X-Custom", "yes"}, {"X-Request-Id", "abc-123_Z"}});

  ASSERT_EQ(200u, response.status);
  auto body = response.json().as_object();
  EXPECT_EQ("/echo/a b", body.at("path").as_string());
  EXPECT_EQ("a b", body.at("name").as_string());
  EXPECT_EQ("x y!", body.at("q").as_string());  // the last value wins
  EXPECT_EQ("yes", body.at("custom").as_string());
  EXPECT_EQ("abc-123_Z", body.at("request_id").as_string());
  EXPECT_EQ("127.0.0.1", body.at("remote_address").as_string());
}

TEST_F(HttpServerTest, UnusableRequestIdIsReplaced) {
  HttpClient client(port_);
  HttpResponse response =
      client.request("GET", "/echo/x", {}, {{"X-Request-Id", "has spaces; and more"}});

  ASSERT_EQ(200u, response.status);
  std::string id(response.json().at("request_id").as_string());
  EXPECT_EQ(16u, id.size());
  EXPECT_EQ(std::string::npos, id.find_first_not_of("0123456789abcdef"));
}

TEST_F(HttpServerTest, BearerTokenReachesTheAuthGuard) {
  HttpClient client(port_);
  EXPECT_EQ(401u, client.get("/me").status);
  HttpResponse response = client.get("/me", kUserToken);
  EXPECT_EQ(200u, response.status);
  EXPECT_EQ("user-1", response.body);
}

TEST_F(HttpServerTest, BodyAtTheLimitIsAccepted) {
  HttpClient client(port_);
  HttpResponse response = client.request("POST", "/upload", std::string(1 << 20, 'x'),
                                         {{"Content-Type", "text/plain"}});
  EXPECT_EQ(200u, response.status);
  EXPECT_EQ(std::to_string(1 << 20), response.body);
}

TEST_F(HttpServerTest, OversizedBodyIsRejectedWith413) {
  HttpClient client(port_);
  HttpResponse response = client.request("POST", "/upload", std::string(2 << 20, 'x'),
                                         {{"Content-Type", "text/plain"}});

  EXPECT_EQ(413u, response.status);
  EXPECT_EQ("PAYLOAD_TOO_LARGE", error_code(response));
  EXPECT_EQ("close", response.header("connection"));
  // The client recovers on a new connection.
  EXPECT_EQ(200u, client.get("/hello").status);
  EXPECT_EQ(2u, client.connections_opened());
}

TEST_F(HttpServerTest, GarbageIsRejectedWith400) {
  HttpClient client(port_);
  HttpResponse response = client.raw("this is not http\r\n\r\n");
  EXPECT_EQ(400u, response.status);
  EXPECT_EQ("BAD_REQUEST", error_code(response));
}

TEST_F(HttpServerTest, BadlyEncodedTargetIsRejectedWith400) {
  HttpClient client(port_);
  HttpResponse response = client.get("/echo/%zz");
  EXPECT_EQ(400u, response.status);
  EXPECT_EQ("BAD_REQUEST", error_code(response));
}

TEST_F(HttpServerTest, StreamedResponseIsSentChunked) {
  HttpClient client(port_);
  HttpResponse response = client.get("/stream");

  EXPECT_EQ(200u, response.status);
  EXPECT_EQ("chunked", response.header("transfer-encoding"));
  EXPECT_EQ("", response.header("content-length"));
  EXPECT_EQ("chunk-0;chunk-1;chunk-3;chunk-4;", response.body);
  // The chunked framing ended cleanly: the connection is reusable.
  EXPECT_EQ(200u, client.get("/hello").status);
  EXPECT_EQ(1u, client.connections_opened());
}

TEST_F(HttpServerTest, HeadSendsHeadersWithoutBody) {
  HttpClient client(port_);
  HttpResponse response = client.request("HEAD", "/hello");

  EXPECT_EQ(200u, response.status);
  EXPECT_EQ("", response.body);
  EXPECT_EQ("12", response.header("content-length"));
  // Had a body been sent, it would now be read as the next response.
  HttpResponse next = client.get("/hello");
  EXPECT_EQ("hello, world", next.body);
  EXPECT_EQ(1u, client.connections_opened());
}

TEST_F(HttpServerTest, HeadOfStreamedResponseSendsNoChunks) {
  HttpClient client(port_);
  EXPECT_EQ(200u, client.request("HEAD", "/stream").status);
  EXPECT_EQ("hello, world", client.get("/hello").body);
}

TEST_F(HttpServerTest, SlowHandlerDoesNotStallOtherConnections) {
  server_.reset();
  ServerConfig config;
  config.io_threads = 1;
  config.worker_threads = 2;
  start(config);

  auto slow = std::async(std::launch::async, [this] { return HttpClient(port_).get("/slow"); });
  ASSERT_TRUE(eventually(slow_started_));
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(200u, HttpClient(port_).get("/hello").status);
  EXPECT_LT(std::chrono::steady_clock::now() - started, kSlowHandlerTime / 2);
  EXPECT_EQ("finally", slow.get().body);
}

TEST_F(HttpServerTest, StopLetsInFlightRequestsFinish) {
  auto slow = std::async(std::launch::async, [this] { return HttpClient(port_).get("/slow"); });
  ASSERT_TRUE(eventually(slow_started_));

  server_->stop();

  HttpResponse response = slow.get();
  EXPECT_EQ(200u, response.status);
  EXPECT_EQ("finally", response.body);
  EXPECT_EQ("close", response.header("connection"));
  EXPECT_THROW(HttpClient(port_).get("/hello"), std::runtime_error);
}

TEST_F(HttpServerTest, StopClosesIdleConnectionsAtOnce) {
  HttpClient client(port_);
  ASSERT_EQ(200u, client.get("/hello").status);  // the connection now idles in keep-alive

  const auto started = std::chrono::steady_clock::now();
  server_->stop();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);  // well under the 5 s grace
}

TEST_F(HttpServerTest, StopIsIdempotentAndWaitReturnsAfterIt) {
  auto waiter = std::async(std::launch::async, [this] { server_->wait(); });
  server_->stop();
  server_->stop();
  EXPECT_EQ(std::future_status::ready, waiter.wait_for(5s));
}

}  // namespace
}  // namespace evient::http
