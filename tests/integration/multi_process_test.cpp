// Two `evient serve` processes on one database (PostgreSQL in production;
// SQLite works too, through its file locks). Buyers and door scanners race
// across both: correctness must come from the database, never from a mutex
// inside one process.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "core/crypto.hpp"
#include "core/jwt.hpp"
#include "server_process.hpp"
#include "services/seating_service.hpp"
#include "services/services.hpp"
#include "store/users_repo.hpp"
#include "support/fixtures.hpp"
#include "support/test_app.hpp"
#include "tools/consistency.hpp"

namespace evient::test {
namespace {
namespace json = boost::json;

class MultiProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The in-process App only prepares the database (migrations, fixtures); it serves nothing.
    init_process(test_config(db_.url()));
    app_ = std::make_unique<App>(test_config(db_.url()));
    a_ = std::make_unique<ServerProcess>(db_.url(), 4);
    b_ = std::make_unique<ServerProcess>(db_.url(), 4);
  }

  // Users written straight to the database, with tokens minted under the shared secret.
  std::string make_user(const std::string& email, const std::string& role = "user") {
    User u;
    u.id = crypto::uuid_v4();
    u.email = email;
    u.password_hash = "$argon2id$not-used-in-this-test";
    u.role = parse_or_throw<Role>(role);
    u.created_at = u.updated_at = app_->clock().now();
    app_->db().write([&](store::Tx& tx) { store::users::insert(tx, u); });
    return TokenSigner(kTestJwtSecret, std::chrono::hours(1))
        .issue(u.id, role, 0, app_->clock().now());
  }

  std::int64_t scalar(const std::string& sql, const std::vector<store::Param>& params = {}) {
    return app_->db().read([&](store::Tx& tx) { return tx.exec(sql, params)[0].i64(0); });
  }

  TestDatabase db_;
  std::unique_ptr<App> app_;
  std::unique_ptr<ServerProcess> a_;
  std::unique_ptr<ServerProcess> b_;
};

TEST_F(MultiProcessTest, BuyersAcrossTwoProcessesNeverOversell) {
  constexpr int kQuota = 15;
  constexpr int kBuyers = 40;
  EventSpec spec;
  spec.starts_in = std::chrono::hours(2);
  Event e = create_event(*app_, spec);
  TicketType free_type =
      create_ticket_type(*app_, e.id, {.name = "Free", .price = 0, .quantity_total = kQuota});
  std::vector<std::string> tokens;
  for (int i = 0; i < kBuyers; ++i)
    tokens.push_back(make_user("buyer" + std::to_string(i) + "@example.com"));

  std::atomic<int> created{0}, sold_out{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kBuyers; ++i) {
    threads.emplace_back([&, i] {
      HttpClient http(i % 2 == 0 ? a_->port() : b_->port());
      json::object body{{"ticket_items", json::array{json::object{{"ticket_type_id", free_type.id},
                                                                  {"quantity", 1}}}}};
      auto r = http.post("/api/orders", body, tokens[i]);
      if (r.status == 201) {
        ++created;
      } else if (r.status == 409) {
        ++sold_out;
      } else {
        ++other;
        ADD_FAILURE() << r.status << " " << r.body;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(created.load(), kQuota);
  EXPECT_EQ(sold_out.load(), kBuyers - kQuota);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM tickets WHERE ticket_type_id = $1", {free_type.id}),
            kQuota);
  EXPECT_EQ(scalar("SELECT quantity_sold FROM ticket_types WHERE id = $1", {free_type.id}), kQuota);
}

TEST_F(MultiProcessTest, ScannersAcrossTwoProcessesCheckInOnce) {
  EventSpec spec;
  spec.starts_in = std::chrono::hours(1);
  Event e = create_event(*app_, spec);
  TicketType t = create_ticket_type(*app_, e.id, {.name = "Free", .price = 0, .quantity_total = 5});
  std::string buyer = make_user("holder@example.com");
  std::string admin = make_user("door@example.com", "admin");
  HttpClient http(a_->port());
  json::object body{
      {"ticket_items", json::array{json::object{{"ticket_type_id", t.id}, {"quantity", 1}}}}};
  auto order = http.post("/api/orders", body, buyer);
  ASSERT_EQ(order.status, 201) << order.body;
  const std::string code(order.json().at("data").at("tickets").at(0).at("ticket_code").as_string());

  constexpr int kScanners = 20;
  std::atomic<int> ok{0}, already{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kScanners; ++i) {
    threads.emplace_back([&, i] {
      HttpClient door(i % 2 == 0 ? a_->port() : b_->port());
      auto r = door.post("/api/admin/scanners/checkin", {{"code", code}}, admin);
      if (r.status == 200) {
        ++ok;
      } else if (r.status == 409 && r.json().at("error").at("code").as_string() == "ALREADY_USED") {
        ++already;
      } else {
        ++other;
        ADD_FAILURE() << r.status << " " << r.body;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(already.load(), kScanners - 1);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(
      scalar("SELECT COUNT(*) FROM tickets WHERE ticket_code = $1 AND status = 'used'", {code}), 1);
}

// The token check may cache users (PostgreSQL: invalidated across processes
// by LISTEN/NOTIFY; SQLite: nothing cached across requests). An account change
// made through one process is refused by the other: on SQLite on the next
// request, on PostgreSQL once the notification is in (milliseconds).
TEST_F(MultiProcessTest, AccountChangesThroughOneProcessAreSeenByTheOther) {
  const std::string admin = make_user("root@example.com", "admin");
  const std::string leaving = make_user("leaving@example.com");
  const std::string logging_out = make_user("out@example.com");
  const std::string demoted = make_user("demoted@example.com", "admin");
  HttpClient via_a(a_->port());
  HttpClient via_b(b_->port());
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(via_b.get("/api/auth/me", leaving).status, 200);
    ASSERT_EQ(via_b.get("/api/auth/me", logging_out).status, 200);
    ASSERT_EQ(via_b.get("/api/admin/users", demoted).status, 200);
  }
  const bool postgres = app_->db().engine() == store::Engine::Postgres;
  // The status process B answers, retried while a notification may be on its way.
  auto answer_of_b = [&](const std::string& target, const std::string& token, int was) {
    int status = via_b.get(target, token).status;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    while (postgres && status == was && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      status = via_b.get(target, token).status;
    }
    return status;
  };

  ASSERT_EQ(via_a.post("/api/auth/logout", nullptr, logging_out).status, 200);
  EXPECT_EQ(answer_of_b("/api/auth/me", logging_out, 200), 401);

  auto id_of = [&](const std::string& email) {
    return app_->db().read([&](store::Tx& tx) {
      return tx.exec("SELECT id FROM users WHERE email = $1", {email})[0].text(0);
    });
  };
  const std::string id = id_of("leaving@example.com");
  ASSERT_EQ(via_a.del("/api/admin/users/" + id, admin).status, 200);
  EXPECT_EQ(answer_of_b("/api/auth/me", leaving, 200), 401);

  const std::string demoted_id = id_of("demoted@example.com");
  auto demote = via_a.put("/api/admin/users/" + demoted_id, json::object{{"role", "user"}}, admin);
  ASSERT_EQ(demote.status, 200) << demote.body;
  // A role change ends the user's tokens (token_version): the old admin token
  // must stop working on B too.
  EXPECT_EQ(answer_of_b("/api/admin/users", demoted, 200), 401);
}

TEST_F(MultiProcessTest, BuyersAcrossTwoProcessesNeverShareASeat) {
  EventSpec spec;
  spec.starts_in = std::chrono::hours(2);
  Event e = create_event(*app_, spec);
  TicketType type = create_ticket_type(*app_, e.id, {.name = "Stalls", .price = 0});
  SeatingService& seating = *app_->services().seating;
  User admin;
  admin.id = crypto::uuid_v4();
  admin.email = "seat-admin@example.com";
  admin.password_hash = "$argon2id$not-used-in-this-test";
  admin.role = Role::Admin;
  admin.created_at = admin.updated_at = app_->clock().now();
  app_->db().write([&](store::Tx& tx) { store::users::insert(tx, admin); });
  Room room = seating.create_room(admin.id, RoomInput{"Stalls", 2, 6, std::nullopt});
  seating.set_seating(admin.id, e.id, SeatingInput{room.id, {ZoneInput{type.id, {"A", "B"}, {}}}});
  // Everyone wants the two best seats; half of them ask for them by id.
  const std::string a3 = room.seats[2].id, a4 = room.seats[3].id;
  constexpr int kBuyers = 30;
  std::vector<std::string> tokens;
  for (int i = 0; i < kBuyers; ++i)
    tokens.push_back(make_user("seat" + std::to_string(i) + "@example.com"));

  std::atomic<int> chosen_won{0}, refused{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kBuyers; ++i) {
    threads.emplace_back([&, i] {
      HttpClient http(i % 2 == 0 ? a_->port() : b_->port());
      json::object line{{"ticket_type_id", type.id}};
      if (i % 3 == 0) {
        line["quantity"] = 2;  // best available
      } else {
        line["seat_ids"] = json::array{a3, a4};
      }
      auto r = http.post("/api/orders", {{"ticket_items", json::array{line}}}, tokens[i]);
      if (r.status == 201) {
        if (i % 3 != 0) ++chosen_won;
      } else if (r.status == 409) {
        ++refused;
      } else {
        ++other;
        ADD_FAILURE() << r.status << " " << r.body;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_LE(chosen_won.load(), 1);
  EXPECT_EQ(other.load(), 0);
  // No seat has two tickets; every ticket has its own sold seat.
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM (SELECT seat_id FROM tickets WHERE event_id = $1 "
                   "GROUP BY seat_id HAVING COUNT(*) > 1) d",
                   {e.id}),
            0);
  EXPECT_EQ(
      scalar("SELECT COUNT(*) FROM tickets WHERE event_id = $1", {e.id}),
      scalar("SELECT COUNT(*) FROM event_seats WHERE event_id = $1 AND state = 'sold'", {e.id}));
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM tickets WHERE event_id = $1 AND seat_id IN ($2, $3)",
                   {e.id, a3, a4}),
            2);
  EXPECT_TRUE(check_inventory(app_->db()).empty());
  EXPECT_TRUE(check_seating(app_->db()).empty());
}

}  // namespace
}  // namespace evient::test
