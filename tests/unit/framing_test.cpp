#include "http/framing.hpp"

#include <gtest/gtest.h>

namespace evient::http {
namespace {

FramingFields with_te(std::vector<std::string_view> te, unsigned version = 11) {
  return FramingFields{.version = version, .transfer_encoding = std::move(te), .host_fields = 1};
}

TEST(Framing, PlainRequestsPass) {
  EXPECT_FALSE(framing_problem({.version = 11, .host_fields = 1}));
  EXPECT_FALSE(framing_problem({.version = 10, .host_fields = 0}));
  EXPECT_FALSE(framing_problem(with_te({"chunked"})));
  EXPECT_FALSE(framing_problem(with_te({" Chunked "})));
}

TEST(Framing, TransferEncodingOtherThanChunkedIsRefused) {
  EXPECT_TRUE(framing_problem(with_te({"gzip"})));
  EXPECT_TRUE(framing_problem(with_te({"identity"})));
  EXPECT_TRUE(framing_problem(with_te({"chunked, identity"})));
  EXPECT_TRUE(framing_problem(with_te({"gzip, chunked"})));
  EXPECT_TRUE(framing_problem(with_te({"chunked", "chunked"})));
  EXPECT_TRUE(framing_problem(with_te({""})));
  EXPECT_TRUE(framing_problem(with_te({"chunked"}, 10)));
}

TEST(Framing, Http11NeedsExactlyOneHost) {
  EXPECT_TRUE(framing_problem({.version = 11, .host_fields = 0}));
  EXPECT_TRUE(framing_problem({.version = 11, .host_fields = 2}));
  EXPECT_TRUE(framing_problem({.version = 10, .host_fields = 2}));
}

}  // namespace
}  // namespace evient::http
