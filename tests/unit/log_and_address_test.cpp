#include <gtest/gtest.h>

#include "core/client_address.hpp"
#include "core/log.hpp"

namespace evient {
namespace {

TEST(LogEscape, ControlCharactersCannotForgeARecord) {
  EXPECT_EQ(log::escape("GET /a\nINFO forged"), "GET /a\\nINFO forged");
  EXPECT_EQ(log::escape("a\r\tb"), "a\\r\\tb");
  EXPECT_EQ(log::escape(std::string("a\0b\x1b[31m\x7f", 9)), "a\\x00b\\x1b[31m\\x7f");
  EXPECT_EQ(log::escape("csi \xc2\x9b"), "csi \\u009b");
  EXPECT_EQ(log::escape("a\\nb"), "a\\\\nb");  // a literal backslash-n stays distinguishable
  EXPECT_EQ(log::escape("Hội chợ"), "Hội chợ");
}

TEST(ClientKey, Ipv4StaysAsItIs) {
  EXPECT_EQ(client_key("192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(client_key("::ffff:192.0.2.7"), "192.0.2.7");
}

TEST(ClientKey, Ipv6CountsPerSlash64) {
  EXPECT_EQ(client_key("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
  EXPECT_EQ(client_key("2001:db8:1:2::1"), client_key("2001:db8:1:2:ffff::9"));
  EXPECT_NE(client_key("2001:db8:1:2::1"), client_key("2001:db8:1:3::1"));
  EXPECT_EQ(client_key("::1"), "::/64");
  EXPECT_EQ(client_key("fe80::1%eth0"), "fe80::/64");
}

TEST(ClientKey, UnparseableIsUnchanged) {
  EXPECT_EQ(client_key(""), "");
  EXPECT_EQ(client_key("not:an:address"), "not:an:address");
}

}  // namespace
}  // namespace evient
