// Request framing (RFC 9112): a body whose length the server could read
// differently from a proxy in front of it is refused and the connection closed.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "support/test_app.hpp"

namespace evient::test {
namespace {

class FramingTest : public ::testing::Test {
 protected:
  TestServer server_;
};

// A body that is itself a request: read as the next request, it would be smuggled.
std::string with_transfer_encoding(const std::string& encoding) {
  const std::string smuggled = "GET /api/auth/me HTTP/1.1\r\nHost: x\r\n\r\n";
  return "GET /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: " + encoding +
         "\r\nContent-Length: " + std::to_string(smuggled.size()) + "\r\n\r\n" + smuggled;
}

void expect_refused_and_closed(const HttpResponse& r) {
  EXPECT_EQ(r.status, 400u) << r.body;
  EXPECT_EQ(r.error_code(), "BAD_REQUEST");
  EXPECT_EQ(r.header("connection"), "close");
}

TEST_F(FramingTest, TransferEncodingOtherThanChunkedIsRefused) {
  for (const char* encoding : {"gzip", "identity", "chunked, identity", "gzip, chunked"}) {
    SCOPED_TRACE(encoding);
    const std::string smuggled = "GET /api/auth/me HTTP/1.1\r\nHost: x\r\n\r\n";
    auto r = server_.http().raw("GET /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: " +
                                std::string(encoding) + "\r\n\r\n" + smuggled);
    expect_refused_and_closed(r);
  }
}

TEST_F(FramingTest, TransferEncodingBesideContentLengthIsRefused) {
  expect_refused_and_closed(server_.http().raw(with_transfer_encoding("gzip")));
}

TEST_F(FramingTest, ChunkedBodyIsStillAccepted) {
  const std::string body = R"({"email":"a@b.c"})";
  char size[16];
  std::snprintf(size, sizeof size, "%zx", body.size());
  auto r = server_.http().raw(
      "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n" +
      std::string(size) + "\r\n" + body + "\r\n0\r\n\r\n");
  EXPECT_EQ(r.status, 422u) << r.body;  // read as JSON: the password is missing
}

TEST_F(FramingTest, Http11WithoutExactlyOneHostIsRefused) {
  expect_refused_and_closed(server_.http().raw("GET /healthz HTTP/1.1\r\n\r\n"));
  expect_refused_and_closed(
      server_.http().raw("GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"));
  EXPECT_EQ(server_.http().raw("GET /healthz HTTP/1.0\r\n\r\n").status, 200u);
  EXPECT_EQ(server_.http().raw("GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n").status, 200u);
}

}  // namespace
}  // namespace evient::test
