// What a client sends cannot start a forged log record.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "support/test_app.hpp"

namespace evient::test {
namespace {

TEST(LogForging, ControlCharactersInAPathAreEscapedInTheAccessLog) {
  TestServer server([](Config& c) { c.access_log = true; });
  ::testing::internal::CaptureStderr();
  server.http().get("/api/events/x%0D%0A2030-01-01T00:00:00Z%20INFO%20forged%1B%5B2J");
  server.http().get("/healthz");  // the access line of the first is written before this answer
  const std::string log = ::testing::internal::GetCapturedStderr();
  std::istringstream lines(log);
  bool seen = false;
  for (std::string line; std::getline(lines, line);) {
    EXPECT_FALSE(line.starts_with("2030-01-01")) << log;
    EXPECT_EQ(line.find('\x1b'), std::string::npos) << log;
    if (line.find("access GET /api/events/x\\r\\n2030") != std::string::npos) seen = true;
  }
  EXPECT_TRUE(seen) << log;
}

}  // namespace
}  // namespace evient::test
