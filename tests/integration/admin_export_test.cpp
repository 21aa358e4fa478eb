// GET /api/admin/events/:id/attendees.csv: RFC 4180 quoting, formula
// neutralising, every ticket across several streamed pages.
#include <gtest/gtest.h>

#include <set>

#include "support/fixtures.hpp"
#include "support/test_app.hpp"
#include "support/ticket_fixtures.hpp"

namespace evient::test {
namespace {

// A small RFC 4180 reader, to check the export from the consumer's side.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.back().push_back(std::move(field));
      field.clear();
      rows.emplace_back();
      ++i;
    } else {
      field += c;
    }
  }
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

TEST(AdminExportTest, AttendeesCsvQuotesAndStreamsEveryTicket) {
  TestServer server;
  const std::string admin = server.admin_token();
  Event e = create_event(server.app());
  TicketTypeSpec spec;
  spec.name = "VIP, front row";
  spec.price = 250000;
  spec.quantity_total = 1000;
  TicketType t = create_ticket_type(server.app(), e.id, spec);
  User tricky = create_buyer(server.app(), "tricky@evient.test", "Lê \"Bình\", Jr.");
  User formula = create_buyer(server.app(), "formula@evient.test", "=HYPERLINK(\"http://x\")");
  User many = create_buyer(server.app(), "many@evient.test", "Nguyễn Văn An");
  auto o1 = create_order(server.app(), tricky.id, {{t, 1}});
  create_order(server.app(), formula.id, {{t, 1}});
  create_order(server.app(), many.id, {{t, 520}});  // more than one 500-row page
  // Another event's tickets stay out.
  Event other = create_event(server.app());
  create_order(server.app(), many.id, {{create_ticket_type(server.app(), other.id), 2}});

  auto r = server.http().get("/api/admin/events/" + e.id + "/attendees.csv", admin);
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.header("content-type").rfind("text/csv", 0), 0u);
  EXPECT_EQ(r.header("transfer-encoding"), "chunked");
  EXPECT_NE(r.body.find("\"Lê \"\"Bình\"\", Jr.\""), std::string::npos);

  auto rows = parse_csv(r.body);
  ASSERT_EQ(rows.size(), 1u + 522u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"ticket_code", "status", "used_at", "ticket_type",
                                               "holder_name", "holder_email", "order_id", "price",
                                               "room", "seat_row", "seat_number"}));
  std::set<std::string> codes;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), 11u) << i;
    EXPECT_EQ(rows[i][8], "");  // not seated
    codes.insert(rows[i][0]);
    EXPECT_EQ(rows[i][3], "VIP, front row");
    EXPECT_EQ(rows[i][7], "250000");
    if (rows[i][5] == "tricky@evient.test") {
      EXPECT_EQ(rows[i][4], "Lê \"Bình\", Jr.");
      EXPECT_EQ(rows[i][0], o1.tickets[0].ticket_code);
      EXPECT_EQ(rows[i][6], o1.order.id);
      EXPECT_EQ(rows[i][1], "valid");
    }
    if (rows[i][5] == "formula@evient.test") {
      EXPECT_EQ(rows[i][4], "'=HYPERLINK(\"http://x\")");
    }
  }
  EXPECT_EQ(codes.size(), 522u);  // every ticket exactly once across pages

  EXPECT_EQ(server.http()
                .get("/api/admin/events/00000000-0000-4000-8000-000000000000/attendees.csv", admin)
                .status,
            404u);
}

}  // namespace
}  // namespace evient::test
