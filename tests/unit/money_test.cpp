#include "core/money.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <limits>
#include <stdexcept>

namespace evient {
namespace {

namespace json = boost::json;

// The currency is process-wide; every test states the one it needs and the
// default is restored so other suites see VND.
class MoneyTest : public ::testing::Test {
 protected:
  void TearDown() override { set_currency(Currency{}); }
  static void use_vnd() { set_currency(Currency{"VND", 0}); }
  static void use_usd() { set_currency(Currency{"USD", 2}); }
};

TEST_F(MoneyTest, DefaultsToVnd) {
  EXPECT_EQ(currency().code, "VND");
  EXPECT_EQ(currency().exponent, 0);
}

TEST_F(MoneyTest, RejectsUnsupportedExponent) {
  EXPECT_THROW(set_currency(Currency{"BHD", 3}), std::invalid_argument);
  EXPECT_THROW(set_currency(Currency{"XXX", -1}), std::invalid_argument);
}

TEST_F(MoneyTest, VndToJsonIsAnInteger) {
  use_vnd();
  json::value v = money_to_json(150000);
  ASSERT_TRUE(v.is_int64());
  EXPECT_EQ(v.get_int64(), 150000);
  EXPECT_EQ(money_to_string(150000), "150000");
  EXPECT_EQ(money_to_string(0), "0");
}

TEST_F(MoneyTest, UsdToJsonIsTheDecimalValue) {
  use_usd();
  json::value v = money_to_json(1999);
  ASSERT_TRUE(v.is_double());
  EXPECT_EQ(v.get_double(), 19.99);
}

TEST_F(MoneyTest, UsdToStringPadsCents) {
  use_usd();
  EXPECT_EQ(money_to_string(1999), "19.99");
  EXPECT_EQ(money_to_string(5), "0.05");
  EXPECT_EQ(money_to_string(100), "1.00");
  EXPECT_EQ(money_to_string(0), "0.00");
  EXPECT_EQ(money_to_string(-250), "-2.50");
  EXPECT_EQ(money_to_string(std::numeric_limits<Minor>::min()), "-92233720368547758.08");
}

TEST_F(MoneyTest, VndFromJsonAcceptsIntegersAndStrings) {
  use_vnd();
  EXPECT_EQ(money_from_json(json::value(150000)), 150000);
  EXPECT_EQ(money_from_json(json::value(std::uint64_t{42})), 42);
  EXPECT_EQ(money_from_json(json::value(0)), 0);
  EXPECT_EQ(money_from_json(json::value("150000")), 150000);
  EXPECT_EQ(money_from_json(json::parse("150000.0")), 150000);
  EXPECT_EQ(money_from_json(json::value("150000.00")), 150000);
}

TEST_F(MoneyTest, VndRejectsDecimals) {
  use_vnd();
  EXPECT_FALSE(money_from_json(json::parse("1500.5")));
  EXPECT_FALSE(money_from_json(json::value("1500.5")));
}

TEST_F(MoneyTest, UsdFromJsonScalesToCents) {
  use_usd();
  EXPECT_EQ(money_from_json(json::parse("19.99")), 1999);
  EXPECT_EQ(money_from_json(json::parse("0.1")), 10);
  EXPECT_EQ(money_from_json(json::parse("0.07")), 7);
  EXPECT_EQ(money_from_json(json::parse("20")), 2000);
  EXPECT_EQ(money_from_json(json::parse("1e2")), 10000);
  EXPECT_EQ(money_from_json(json::value("19.99")), 1999);
  EXPECT_EQ(money_from_json(json::value("19.9")), 1990);
  EXPECT_EQ(money_from_json(json::value("7")), 700);
}

TEST_F(MoneyTest, UsdRejectsTooManyDecimals) {
  use_usd();
  EXPECT_FALSE(money_from_json(json::parse("19.999")));
  EXPECT_FALSE(money_from_json(json::parse("0.001")));
  EXPECT_FALSE(money_from_json(json::value("19.999")));
}

TEST_F(MoneyTest, RejectsNegatives) {
  use_usd();
  EXPECT_FALSE(money_from_json(json::value(-1)));
  EXPECT_FALSE(money_from_json(json::parse("-0.01")));
  EXPECT_FALSE(money_from_json(json::value("-5")));
}

TEST_F(MoneyTest, RejectsJunkStrings) {
  use_usd();
  for (const char* s :
       {"", " 5", "5 ", "5.", ".5", "1,5", "1e3", "+5", "5$", "0x10", "1.2.3", "NaN", "inf", "٣"}) {
    EXPECT_FALSE(money_from_json(json::value(s))) << s;
  }
}

TEST_F(MoneyTest, RejectsOtherJsonTypes) {
  use_vnd();
  EXPECT_FALSE(money_from_json(json::value(nullptr)));
  EXPECT_FALSE(money_from_json(json::value(true)));
  EXPECT_FALSE(money_from_json(json::parse("[1]")));
  EXPECT_FALSE(money_from_json(json::parse(R"({"amount":1})")));
}

TEST_F(MoneyTest, EnforcesUpperBoundOfTenToTheThirteenMajorUnits) {
  use_vnd();
  EXPECT_EQ(money_from_json(json::value(10'000'000'000'000)), 10'000'000'000'000);
  EXPECT_FALSE(money_from_json(json::value(10'000'000'000'001)));
  EXPECT_FALSE(money_from_json(json::value(std::numeric_limits<std::uint64_t>::max())));
  EXPECT_FALSE(money_from_json(json::value("99999999999999999999999999999999")));
  EXPECT_FALSE(money_from_json(json::parse("1e300")));

  use_usd();
  EXPECT_EQ(money_from_json(json::value("10000000000000.00")), 1'000'000'000'000'000);
  EXPECT_FALSE(money_from_json(json::value("10000000000000.01")));
}

TEST_F(MoneyTest, JsonRoundTrip) {
  use_usd();
  for (Minor amount : {Minor{0}, Minor{1}, Minor{99}, Minor{1999}, Minor{123456789}}) {
    EXPECT_EQ(money_from_json(money_to_json(amount)), amount) << amount;
  }
  use_vnd();
  EXPECT_EQ(money_from_json(money_to_json(2'500'000)), 2'500'000);
}

}  // namespace
}  // namespace evient
