// Pure checkout rules: merging lines, order and per-event limits, the QR SVG.
#include <gtest/gtest.h>

#include <limits>

#include "core/errors.hpp"
#include "services/order_service.hpp"
#include "services/wallet_service.hpp"

namespace evient {
namespace {

std::string limit_code(const std::function<void()>& f) {
  try {
    f();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 422u);
    return e.code();
  }
  return "";
}

TEST(CheckoutRules, MergeSumsRepeatedLinesAndSortsById) {
  auto merged = checkout::merge_lines({{"b", 2}, {"a", 1}, {"b", 3}, {"c", 4}, {"a", 1}});
  ASSERT_EQ(merged.size(), 3u);
  EXPECT_EQ(merged[0].ticket_type_id, "a");
  EXPECT_EQ(merged[0].quantity, 2);
  EXPECT_EQ(merged[1].ticket_type_id, "b");
  EXPECT_EQ(merged[1].quantity, 5);
  EXPECT_EQ(merged[2].quantity, 4);
}

TEST(CheckoutRules, MergeSaturatesInsteadOfOverflowing) {
  const auto max = std::numeric_limits<std::int64_t>::max();
  auto merged = checkout::merge_lines({{"a", max}, {"a", max}});
  EXPECT_EQ(merged[0].quantity, max);
  EXPECT_EQ(limit_code([&] { checkout::check_per_order_limit(merged, 10); }), "LIMIT_EXCEEDED");
}

TEST(CheckoutRules, PerOrderLimitAppliesToTheSum) {
  EXPECT_EQ(limit_code([] {
              checkout::check_per_order_limit(checkout::merge_lines({{"a", 6}, {"a", 5}}), 10);
            }),
            "LIMIT_EXCEEDED");
  EXPECT_EQ(limit_code([] {
              checkout::check_per_order_limit(checkout::merge_lines({{"a", 6}, {"a", 4}}), 10);
            }),
            "");
  EXPECT_EQ(limit_code([] { checkout::check_per_order_limit({{"a", 10}, {"b", 10}}, 10); }), "");
}

TEST(CheckoutRules, PerEventLimitCountsWhatTheUserAlreadyHas) {
  EXPECT_EQ(limit_code([] { checkout::check_per_event_limit("e", 15, 5, 20); }), "");
  EXPECT_EQ(limit_code([] { checkout::check_per_event_limit("e", 15, 6, 20); }), "LIMIT_EXCEEDED");
  EXPECT_EQ(limit_code([] { checkout::check_per_event_limit("e", 0, 21, 20); }), "LIMIT_EXCEEDED");
}

TEST(CheckoutRules, RequestHashDependsOnTheBody) {
  EXPECT_EQ(checkout::request_hash("a"), checkout::request_hash("a"));
  EXPECT_NE(checkout::request_hash("a"), checkout::request_hash("b"));
  EXPECT_EQ(checkout::request_hash("a").size(), 64u);
}

TEST(CheckoutRules, QrSvgDrawsModulesWithAQuietZone) {
  const std::string svg = qr_svg("0123456789ABCDEFGHJKMNPQRS");
  EXPECT_TRUE(svg.starts_with("<?xml"));
  EXPECT_NE(svg.find("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 33 33\""),
            std::string::npos);                            // version 2 (25 modules) + 2 x 4
  EXPECT_NE(svg.find("M4 4h1v1h-1z"), std::string::npos);  // finder pattern corner
}

}  // namespace
}  // namespace evient
