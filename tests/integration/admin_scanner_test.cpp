// The door scanner: validate, check-in (one winner among concurrent scans),
// undo, and the reasons a ticket is refused.
#include <gtest/gtest.h>

#include <atomic>
#include <cctype>
#include <thread>

#include "core/time.hpp"
#include "support/fixtures.hpp"
#include "support/test_app.hpp"
#include "support/ticket_fixtures.hpp"

namespace evient::test {
namespace {
namespace json = boost::json;
using std::chrono::hours;

class AdminScannerTest : public ::testing::Test {
 protected:
  AdminScannerTest() {
    admin_ = server_.admin_token();
    EventSpec spec;
    spec.title = "Door Night";
    spec.starts_in = hours(1);  // inside the 6-hour door window
    event_ = create_event(server_.app(), spec);
    TicketTypeSpec tt;
    tt.name = "VIP";
    tt.price = 250000;
    type_ = create_ticket_type(server_.app(), event_.id, tt);
    buyer_ = create_buyer(server_.app(), "buyer@evient.test", "Trần Thị Bình");
    order_ = create_order(server_.app(), buyer_.id, {{type_, 3}});
  }

  const Ticket& ticket(std::size_t i = 0) const { return order_.tickets.at(i); }
  HttpResponse validate(const std::string& code, const std::string& extra = "") {
    return server_.http().get("/api/admin/scanners/validate?code=" + code + extra, admin_);
  }
  HttpResponse checkin(const json::value& body) {
    return server_.http().post("/api/admin/scanners/checkin", body, admin_);
  }

  TestServer server_;
  std::string admin_;
  Event event_;
  TicketType type_;
  User buyer_;
  IssuedOrder order_;
};

TEST_F(AdminScannerTest, ValidateShowsTheTicketAndChangesNothing) {
  for (int i = 0; i < 3; ++i) {
    auto r = validate(ticket().ticket_code);
    ASSERT_EQ(r.status, 200u) << r.body;
    const auto& d = r.json().at("data");
    EXPECT_TRUE(d.at("valid").as_bool());
    EXPECT_EQ(d.at("reason").as_string(), "OK");
    EXPECT_EQ(d.at("ticket").at("id").as_string(), ticket().id);
    EXPECT_EQ(d.at("ticket").at("code").as_string(), ticket().ticket_code);
    EXPECT_EQ(d.at("ticket").at("status").as_string(), "valid");
    EXPECT_TRUE(d.at("ticket").at("used_at").is_null());
    EXPECT_EQ(d.at("ticket").at("price_at_purchase").as_int64(), 250000);
    EXPECT_EQ(d.at("event").at("id").as_string(), event_.id);
    EXPECT_EQ(d.at("event").at("title").as_string(), "Door Night");
    EXPECT_EQ(d.at("ticket_type").at("name").as_string(), "VIP");
    EXPECT_EQ(d.at("holder").at("full_name").as_string(), "Trần Thị Bình");
    EXPECT_EQ(d.at("holder").at("email").as_string(), "buyer@evient.test");
  }
  EXPECT_EQ(load_ticket(server_.app(), ticket().id).status, "valid");
  EXPECT_FALSE(load_ticket(server_.app(), ticket().id).used_at.has_value());

  auto missing = validate("ZZZZZZZZZZZZZZZZZZZZZZZZZZ");
  EXPECT_EQ(missing.status, 404u);
  EXPECT_EQ(missing.error_code(), "TICKET_NOT_FOUND");
  EXPECT_EQ(validate("").status, 422u);
}

TEST_F(AdminScannerTest, CheckInMarksUsedOnceAndMatchesNormalisedCodes) {
  std::string typed = ticket().ticket_code;
  for (auto& c : typed) c = static_cast<char>(std::tolower(c));
  auto r = checkin({{"code", "  " + typed + " "}, {"event_id", event_.id}});
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_TRUE(r.json().at("data").at("valid").as_bool());
  EXPECT_EQ(r.json().at("data").at("ticket").at("status").as_string(), "used");
  const Ticket stored = load_ticket(server_.app(), ticket().id);
  EXPECT_EQ(stored.status, "used");
  ASSERT_TRUE(stored.used_at.has_value());
  EXPECT_EQ(*stored.used_at, server_.clock().now());

  server_.clock().advance(std::chrono::minutes(5));
  auto again = checkin({{"code", ticket().ticket_code}});
  EXPECT_EQ(again.status, 409u);
  EXPECT_EQ(again.error_code(), "ALREADY_USED");
  EXPECT_EQ(again.json().at("data").at("used_at").as_string(), format_iso(*stored.used_at));

  auto v = validate(ticket().ticket_code);
  EXPECT_FALSE(v.json().at("data").at("valid").as_bool());
  EXPECT_EQ(v.json().at("data").at("reason").as_string(), "ALREADY_USED");
  EXPECT_EQ(v.json().at("data").at("ticket").at("used_at").as_string(),
            format_iso(*stored.used_at));

  // The other tickets of the order are untouched.
  EXPECT_EQ(load_ticket(server_.app(), ticket(1).id).status, "valid");
}

TEST_F(AdminScannerTest, TwentyConcurrentScansOfOneCodeGiveExactlyOneSuccess) {
  constexpr int kScanners = 20;
  std::atomic<int> ok{0}, already_used{0}, other{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> doors;
  for (int i = 0; i < kScanners; ++i) {
    doors.emplace_back([&] {
      auto client = server_.client();
      while (!go) std::this_thread::yield();
      auto r =
          client->post("/api/admin/scanners/checkin", {{"code", ticket().ticket_code}}, admin_);
      if (r.status == 200) {
        ++ok;
      } else if (r.status == 409 && r.error_code() == "ALREADY_USED") {
        ++already_used;
      } else {
        ++other;
      }
    });
  }
  go = true;
  for (auto& t : doors) t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(already_used.load(), kScanners - 1);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(load_ticket(server_.app(), ticket().id).status, "used");
}

TEST_F(AdminScannerTest, WrongEventAndCancelledAreRefused) {
  Event other = create_event(server_.app());
  auto wrong = checkin({{"code", ticket().ticket_code}, {"event_id", other.id}});
  EXPECT_EQ(wrong.status, 409u);
  EXPECT_EQ(wrong.error_code(), "WRONG_EVENT");
  auto v = validate(ticket().ticket_code, "&event_id=" + other.id);
  EXPECT_EQ(v.json().at("data").at("reason").as_string(), "WRONG_EVENT");
  EXPECT_EQ(load_ticket(server_.app(), ticket().id).status, "valid");

  server_.app().db().write([&](store::Tx& tx) {
    tx.exec("UPDATE tickets SET status = 'cancelled' WHERE id = $1", {ticket().id});
  });
  auto cancelled = checkin({{"code", ticket().ticket_code}});
  EXPECT_EQ(cancelled.status, 409u);
  EXPECT_EQ(cancelled.error_code(), "CANCELLED");
  EXPECT_EQ(validate(ticket().ticket_code).json().at("data").at("reason").as_string(), "CANCELLED");
}

TEST_F(AdminScannerTest, AnEventThatIsNotOnAdmitsNobody) {
  // A valid ticket of an event that is no longer on (a sale that slipped past
  // a cancellation, or an event taken back to draft or closed) stays outside.
  for (const char* status : {"cancelled", "completed", "draft"}) {
    server_.app().db().write([&](store::Tx& tx) {
      tx.exec("UPDATE events SET status = $2 WHERE id = $1", {event_.id, std::string(status)});
    });
    auto r = checkin({{"code", ticket().ticket_code}});
    EXPECT_EQ(r.status, 409u) << status;
    EXPECT_EQ(r.error_code(), "EVENT_NOT_ON") << status;
    EXPECT_EQ(validate(ticket().ticket_code).json().at("data").at("reason").as_string(),
              "EVENT_NOT_ON");
    EXPECT_EQ(load_ticket(server_.app(), ticket().id).status, "valid");
  }
  server_.app().db().write([&](store::Tx& tx) {
    tx.exec("UPDATE events SET status = 'published' WHERE id = $1", {event_.id});
  });
  EXPECT_EQ(checkin({{"code", ticket().ticket_code}}).status, 200u);
}

TEST_F(AdminScannerTest, DoorWindowFollowsTheClock) {
  EventSpec later;
  later.title = "Next Week";
  later.starts_in = hours(24 * 7);
  later.duration = hours(3);
  Event e = create_event(server_.app(), later);
  TicketType t = create_ticket_type(server_.app(), e.id);
  auto order = create_order(server_.app(), buyer_.id, {{t, 1}});
  const std::string code = order.tickets[0].ticket_code;

  auto early = checkin({{"code", code}});
  EXPECT_EQ(early.status, 409u) << early.body;
  EXPECT_EQ(early.error_code(), "EVENT_NOT_TODAY");
  auto v = validate(code);
  ASSERT_EQ(v.status, 200u) << v.body;
  EXPECT_EQ(v.json().at("data").at("reason").as_string(), "EVENT_NOT_TODAY");

  // Six hours before the start the door opens.
  server_.clock().advance(hours(24 * 7 - 6));
  admin_ = server_.login("root@evient.test");  // the old token expired meanwhile
  EXPECT_EQ(validate(code).json().at("data").at("reason").as_string(), "OK");
  // ...and it closes six hours after the end.
  server_.clock().advance(hours(6 + 3 + 6) + std::chrono::seconds(1));
  auto late = checkin({{"code", code}});
  ASSERT_EQ(late.status, 409u) << late.body;
  EXPECT_EQ(late.error_code(), "EVENT_NOT_TODAY");
  EXPECT_EQ(load_ticket(server_.app(), order.tickets[0].id).status, "valid");
}

TEST_F(AdminScannerTest, UndoRevertsACheckInAndIsAudited) {
  auto notyet =
      server_.http().post("/api/admin/scanners/undo", {{"code", ticket().ticket_code}}, admin_);
  EXPECT_EQ(notyet.status, 409u);
  EXPECT_EQ(notyet.error_code(), "NOT_CHECKED_IN");

  ASSERT_EQ(checkin({{"code", ticket().ticket_code}}).status, 200u);
  server_.clock().advance(std::chrono::seconds(1));
  auto undo =
      server_.http().post("/api/admin/scanners/undo", {{"code", ticket().ticket_code}}, admin_);
  ASSERT_EQ(undo.status, 200u) << undo.body;
  const Ticket stored = load_ticket(server_.app(), ticket().id);
  EXPECT_EQ(stored.status, "valid");
  EXPECT_FALSE(stored.used_at.has_value());

  auto log = server_.http().get("/api/admin/audit-log?entity_type=ticket&entity_id=" + ticket().id,
                                admin_);
  ASSERT_EQ(log.status, 200u) << log.body;
  const auto& items = log.json().at("data").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].at("action").as_string(), "ticket.undo_check_in");
  EXPECT_EQ(items[0].at("before").at("status").as_string(), "used");
  EXPECT_EQ(items[0].at("after").at("status").as_string(), "valid");
  EXPECT_EQ(items[0].at("actor_id").as_string(), server_.user_id(admin_));
  EXPECT_EQ(items[1].at("action").as_string(), "ticket.check_in");

  // It can be checked in again afterwards.
  EXPECT_EQ(checkin({{"code", ticket().ticket_code}}).status, 200u);
}

}  // namespace
}  // namespace evient::test
