#include "core/time.hpp"

#include <gtest/gtest.h>

namespace evient {
namespace {

using std::chrono::seconds;

// 2026-12-25T19:00:00Z
constexpr seconds kChristmasEvening{1798225200};

Timestamp christmas_evening() {
  return Timestamp(kChristmasEvening);
}

TEST(TimeFormat, IsoAndDate) {
  EXPECT_EQ(format_iso(christmas_evening()), "2026-12-25T19:00:00Z");
  EXPECT_EQ(format_date(christmas_evening()), "2026-12-25");
  EXPECT_EQ(format_iso(Timestamp(seconds(0))), "1970-01-01T00:00:00Z");
}

TEST(TimeFormat, BeforeEpochAndLeapDay) {
  EXPECT_EQ(format_iso(Timestamp(seconds(-1))), "1969-12-31T23:59:59Z");
  auto leap = parse_iso("2024-02-29T23:59:59Z");
  ASSERT_TRUE(leap);
  EXPECT_EQ(format_iso(*leap), "2024-02-29T23:59:59Z");
  EXPECT_EQ(format_date(*leap + seconds(1)), "2024-03-01");
}

TEST(TimeParse, AcceptsEveryDocumentedForm) {
  for (const char* text :
       {"2026-12-25T19:00:00Z", "2026-12-25T19:00:00.123Z", "2026-12-26T02:00:00+07:00",
        "2026-12-25 19:00:00", "2026-12-25 19:00:00+00", "2026-12-25 19:00:00.123456+00"}) {
    auto t = parse_iso(text);
    ASSERT_TRUE(t) << text;
    EXPECT_EQ(*t, christmas_evening()) << text;
  }
}

TEST(TimeParse, AppliesOffsetsInBothDirections) {
  EXPECT_EQ(parse_iso("2026-12-25T14:00:00-05:00"), christmas_evening());
  EXPECT_EQ(parse_iso("2026-12-26T00:30:00+05:30"), christmas_evening());
  EXPECT_EQ(parse_iso("2026-12-26T02:00:00+0700"), christmas_evening());
  EXPECT_EQ(parse_iso("2026-12-26 02:00:00+07"), christmas_evening());
}

TEST(TimeParse, TruncatesFractions) {
  EXPECT_EQ(parse_iso("2026-12-25T19:00:00.999999Z"), christmas_evening());
}

TEST(TimeParse, RoundTripsFormatIso) {
  Timestamp t(seconds(1700000123));
  EXPECT_EQ(parse_iso(format_iso(t)), t);
}

TEST(TimeParse, RejectsOutOfRangeFields) {
  for (const char* text :
       {"2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-02-30T00:00:00Z",
        "2025-02-29T00:00:00Z", "2026-12-25T24:00:00Z", "2026-12-25T19:60:00Z",
        "2026-12-25T19:00:60Z", "2026-12-25T19:00:00+24:00", "2026-12-25T19:00:00+07:60"}) {
    EXPECT_FALSE(parse_iso(text)) << text;
  }
}

TEST(TimeParse, RejectsMalformedText) {
  for (const char* text :
       {"", "2026-12-25", "2026-12-25T19:00", "2026-12-25T19:00:00", "2026-12-25T19:00:00z",
        "26-12-25T19:00:00Z", "2026/12/25T19:00:00Z", "2026-12-25T19:00:00.Z",
        "2026-12-25T19:00:00Z ", " 2026-12-25T19:00:00Z", "2026-12-25T19:00:00+7:00",
        "2026-12-25T19:00:00+07:0", "2026-12-25x19:00:00Z", "2026-1a-25T19:00:00Z",
        "2026-12-25T19:00:00ZZ", "2026-12-25 19:00:00 UTC"}) {
    EXPECT_FALSE(parse_iso(text)) << text;
  }
}

}  // namespace
}  // namespace evient
