// Pure admin rules: CSV fields, event status transitions, slugs, the door
// window verdict and day bucketing.
#include "services/admin_rules.hpp"

#include <gtest/gtest.h>

#include "core/time.hpp"
#include "services/scanner_service.hpp"
#include "services/stats_service.hpp"
#include "store/scanner_repo.hpp"
#include "store/stats_repo.hpp"
#include "support/status_text.hpp"

namespace evient {
namespace {

using admin_rules::csv_field;
using admin_rules::csv_row;
using admin_rules::event_transition_allowed;
using std::chrono::hours;

Timestamp at(const char* iso) {
  return *parse_iso(iso);
}

TEST(AdminCsvTest, PlainFieldsStayAsTheyAre) {
  EXPECT_EQ(csv_field("hello"), "hello");
  EXPECT_EQ(csv_field(""), "");
  EXPECT_EQ(csv_field("Nguyễn Văn An"), "Nguyễn Văn An");
}

TEST(AdminCsvTest, QuotesFieldsWithCommaQuoteOrNewline) {
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("line\nbreak"), "\"line\nbreak\"");
  EXPECT_EQ(csv_field("cr\rhere"), "\"cr\rhere\"");
}

TEST(AdminCsvTest, NeutralisesSpreadsheetFormulas) {
  EXPECT_EQ(csv_field("=SUM(A1:A9)"), "'=SUM(A1:A9)");
  EXPECT_EQ(csv_field("+1"), "'+1");
  EXPECT_EQ(csv_field("-1"), "'-1");
  EXPECT_EQ(csv_field("@cmd"), "'@cmd");
  EXPECT_EQ(csv_field("\tx"), "'\tx");
  // Both at once: prefixed, then quoted because of the comma.
  EXPECT_EQ(csv_field("=HYPERLINK(\"x\",1)"), "\"'=HYPERLINK(\"\"x\"\",1)\"");
  EXPECT_EQ(csv_field("a=b"), "a=b");
}

TEST(AdminCsvTest, RowsAreCommaJoinedAndCrlfTerminated) {
  EXPECT_EQ(csv_row({"a", "b,c", ""}), "a,\"b,c\",\r\n");
}

TEST(AdminEventStatusTest, Transitions) {
  EXPECT_TRUE(event_transition_allowed("draft", "published"));
  EXPECT_TRUE(event_transition_allowed("published", "completed"));
  EXPECT_TRUE(event_transition_allowed("draft", "cancelled"));
  EXPECT_TRUE(event_transition_allowed("published", "cancelled"));
  EXPECT_TRUE(event_transition_allowed("completed", "cancelled"));
  EXPECT_TRUE(event_transition_allowed("published", "published"));
  EXPECT_FALSE(event_transition_allowed("published", "draft"));
  EXPECT_FALSE(event_transition_allowed("draft", "completed"));
  EXPECT_FALSE(event_transition_allowed("completed", "published"));
  EXPECT_FALSE(event_transition_allowed("cancelled", "published"));
  EXPECT_FALSE(event_transition_allowed("cancelled", "draft"));
  EXPECT_FALSE(event_transition_allowed("draft", "archived"));
}

TEST(AdminSlugTest, ValidityAndNumbering) {
  EXPECT_TRUE(admin_rules::is_valid_slug("dem-nhac-2026"));
  EXPECT_FALSE(admin_rules::is_valid_slug("Dem-Nhac"));
  EXPECT_FALSE(admin_rules::is_valid_slug("a--b"));
  EXPECT_FALSE(admin_rules::is_valid_slug("-a"));
  EXPECT_FALSE(admin_rules::is_valid_slug("a b"));
  EXPECT_FALSE(admin_rules::is_valid_slug(""));
  EXPECT_FALSE(admin_rules::is_valid_slug(std::string(81, 'a')));
  EXPECT_EQ(admin_rules::numbered_slug("show", 1), "show");
  EXPECT_EQ(admin_rules::numbered_slug("show", 3), "show-3");
  EXPECT_EQ(admin_rules::numbered_slug(std::string(80, 'a'), 12).size(), 80u);
}

TEST(AdminScanVerdictTest, DoorWindowAndStatuses) {
  store::scanner::ScannedTicket s;
  s.ticket.event_id = "e1";
  s.ticket.status = TicketStatus::Valid;
  s.event_status = EventStatus::Published;
  s.event_start = at("2026-06-01T19:00:00Z");
  s.event_end = at("2026-06-01T22:00:00Z");
  const auto window = std::chrono::duration_cast<std::chrono::seconds>(hours(6));
  EXPECT_EQ(scan_verdict(s, std::nullopt, at("2026-06-01T13:00:00Z"), window), "OK");
  EXPECT_EQ(scan_verdict(s, std::nullopt, at("2026-06-01T12:59:59Z"), window), "EVENT_NOT_TODAY");
  EXPECT_EQ(scan_verdict(s, std::nullopt, at("2026-06-02T04:00:00Z"), window), "OK");
  EXPECT_EQ(scan_verdict(s, std::nullopt, at("2026-06-02T04:00:01Z"), window), "EVENT_NOT_TODAY");
  EXPECT_EQ(scan_verdict(s, std::string("e2"), at("2026-06-01T19:00:00Z"), window), "WRONG_EVENT");
  for (EventStatus off : {EventStatus::Cancelled, EventStatus::Draft, EventStatus::Completed}) {
    s.event_status = off;
    EXPECT_EQ(scan_verdict(s, std::nullopt, at("2026-06-01T19:00:00Z"), window), "EVENT_NOT_ON");
  }
  s.event_status = EventStatus::Published;
  s.ticket.status = TicketStatus::Used;
  EXPECT_EQ(scan_verdict(s, std::nullopt, at("2026-06-01T19:00:00Z"), window), "ALREADY_USED");
  s.ticket.status = TicketStatus::Cancelled;
  EXPECT_EQ(scan_verdict(s, std::nullopt, at("2026-06-01T19:00:00Z"), window), "CANCELLED");
}

TEST(AdminStatsBucketTest, EveryDayPresentOldestFirstByUtcDate) {
  std::vector<store::stats::SaleRow> rows = {
      {at("2026-03-30T23:59:59Z"), 100, 1},  // today
      {at("2026-03-30T00:00:00Z"), 50, 2},   // today
      {at("2026-03-01T00:00:00Z"), 7, 1},    // first day of the window
      {at("2026-02-28T23:59:59Z"), 999, 9},  // one second too old
  };
  auto days = bucket_by_day(rows, at("2026-03-30T12:00:00Z"), 30);
  ASSERT_EQ(days.size(), 30u);
  EXPECT_EQ(days.front().date, "2026-03-01");
  EXPECT_EQ(days.front().revenue, 7);
  EXPECT_EQ(days.back().date, "2026-03-30");
  EXPECT_EQ(days.back().revenue, 150);
  EXPECT_EQ(days.back().tickets, 3);
  EXPECT_EQ(days[10].revenue, 0);
}

}  // namespace
}  // namespace evient
