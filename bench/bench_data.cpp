// Benchmark inputs and checks, straight from the database through the store:
//   bench_data export --db URL --out DIR   (EVIENT_JWT_SECRET: the server's secret)
//     writes one value per line for the wrk scripts: tokens.txt (a token per
//     bench user, minted like AuthService does, so no login is needed),
//     admin_token.txt, event_ids.txt, hot_type.txt, raw_hot_type.txt,
//     spread_types.txt, stadium_types.txt, door_codes_http.txt, door_codes_raw.txt
//   bench_data verify --db URL
//     the on-sale event after the rush: seats sold per type, and whether any
//     type sold more than it has or disagrees with its live order lines.
//   bench_data seated --db URL --out DIR   (EVIENT_JWT_SECRET: the server's secret)
//     on a migrated database: a 40 x 50 room (2,000 seats), one published event
//     seated in it with two free types (rows A-J, rows K-AN), 500 buyers; writes
//     seated_tokens.txt, seated_event.txt, seated_types.txt and seated_seats.txt
//     ("<type id> <seat id> <row index> <number>", front row first).
//   bench_data seated-verify --db URL
//     after the rush: seats sold, tickets, seats with two live tickets (must be
//     0) and the seating invariants of `evient check`.
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/jwt.hpp"
#include "services/seating_service.hpp"
#include "store/db.hpp"
#include "store/events_repo.hpp"
#include "store/users_repo.hpp"
#include "tools/bench_seeder.hpp"
#include "tools/consistency.hpp"

namespace {

using evient::store::Result;

std::vector<std::string> column(const Result& r, std::size_t c = 0) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < r.size(); ++i) out.push_back(r[i].text(c));
  return out;
}

void write_lines(const std::string& path, const std::vector<std::string>& lines) {
  std::ofstream out(path);
  for (const auto& l : lines) out << l << '\n';
  if (!out) throw std::runtime_error("cannot write " + path);
}

std::string arg(int argc, char** argv, const std::string& name) {
  for (int i = 2; i + 1 < argc; ++i) {
    if (argv[i] == name) return argv[i + 1];
  }
  throw std::invalid_argument("missing " + name);
}

int export_data(evient::store::Database& db, const std::string& dir) {
  const char* secret = std::getenv("EVIENT_JWT_SECRET");
  if (!secret || !*secret) throw std::invalid_argument("EVIENT_JWT_SECRET is required");
  const evient::TokenSigner signer(secret, std::chrono::hours(24));
  const evient::Timestamp now = evient::SystemClock().now();
  std::mt19937_64 rng(42);

  db.read([&](evient::store::Tx& tx) {
    Result users = tx.exec(
        "SELECT id, role, token_version, email FROM users WHERE email LIKE 'bench-%' ORDER BY "
        "email",
        {});
    std::vector<std::string> tokens;
    for (std::size_t i = 0; i < users.size(); ++i) {
      const std::string token =
          signer.issue(users[i].text(0), users[i].text(1), users[i].i64(2), now);
      if (users[i].text(3) == evient::kBenchAdminEmail) {
        write_lines(dir + "/admin_token.txt", {token});
      } else {
        tokens.push_back(token);
      }
    }
    std::shuffle(tokens.begin(), tokens.end(), rng);
    write_lines(dir + "/tokens.txt", tokens);

    auto events = column(tx.exec("SELECT id FROM events WHERE status = 'published'", {}));
    std::shuffle(events.begin(), events.end(), rng);
    write_lines(dir + "/event_ids.txt", events);

    auto types_of = [&](const char* slug) {
      return column(tx.exec(
          "SELECT t.id FROM ticket_types t JOIN events e ON e.id = t.event_id WHERE e.slug = $1 "
          "ORDER BY t.sort_order",
          {std::string(slug)}));
    };
    const auto hot = types_of(evient::kBenchHotSlug);
    write_lines(dir + "/hot_type.txt", {hot.at(0)});
    write_lines(dir + "/raw_hot_type.txt", {hot.at(1)});
    write_lines(dir + "/stadium_types.txt", types_of(evient::kBenchStadiumSlug));

    auto spread = column(tx.exec(
        "SELECT t.id FROM ticket_types t JOIN events e ON e.id = t.event_id "
        "WHERE e.status = 'published' AND e.slug LIKE 'bench-event-%' AND t.status = 'active' "
        "AND t.quantity_total - t.quantity_sold >= 100 ORDER BY t.id LIMIT 3000",
        {}));
    std::shuffle(spread.begin(), spread.end(), rng);
    write_lines(dir + "/spread_types.txt", spread);

    auto codes =
        column(tx.exec("SELECT t.ticket_code FROM tickets t JOIN events e ON e.id = t.event_id "
                       "WHERE e.slug = $1 AND t.status = 'valid' ORDER BY t.ticket_code",
                       {std::string(evient::kBenchDoorSlug)}));
    std::shuffle(codes.begin(), codes.end(), rng);
    const auto half = codes.begin() + static_cast<std::ptrdiff_t>(codes.size() / 2);
    write_lines(dir + "/door_codes_http.txt", {codes.begin(), half});
    write_lines(dir + "/door_codes_raw.txt", {half, codes.end()});
    std::cout << "exported " << tokens.size() << " tokens, " << events.size() << " events, "
              << spread.size() << " spread types, " << codes.size() << " door codes\n";
  });
  return 0;
}

int verify(evient::store::Database& db) {
  return db.read([&](evient::store::Tx& tx) {
    Result r = tx.exec(
        "SELECT t.name, t.quantity_total, t.quantity_sold, "
        "(SELECT COALESCE(SUM(i.quantity), 0) FROM order_items i JOIN orders o ON o.id = "
        "i.order_id WHERE i.ticket_type_id = t.id AND o.status IN ('pending', 'paid')) "
        "FROM ticket_types t JOIN events e ON e.id = t.event_id WHERE e.slug = $1 "
        "ORDER BY t.sort_order",
        {std::string(evient::kBenchStadiumSlug)});
    std::int64_t total = 0;
    std::int64_t sold = 0;
    std::int64_t oversold = 0;
    bool consistent = true;
    for (std::size_t i = 0; i < r.size(); ++i) {
      const std::int64_t t = r[i].i64(1);
      const std::int64_t s = r[i].i64(2);
      const std::int64_t lines = r[i].i64(3);
      std::cout << "  " << r[i].text(0) << ": total=" << t << " sold=" << s
                << " order_lines=" << lines << "\n";
      total += t;
      sold += s;
      oversold += std::max<std::int64_t>(0, std::max(s, lines) - t);
      consistent = consistent && s == lines;
    }
    std::cout << "onsale_total=" << total << " onsale_sold=" << sold
              << " onsale_oversold=" << oversold
              << " onsale_consistent=" << (consistent ? "yes" : "no") << "\n";
    return oversold == 0 && consistent ? 0 : 1;
  });
}

constexpr const char* kSeatedSlug = "bench-seated";
constexpr int kSeatedBuyers = 500;

int seated(evient::store::Database& db, const std::string& dir) {
  using namespace evient;
  const char* secret = std::getenv("EVIENT_JWT_SECRET");
  if (!secret || !*secret) throw std::invalid_argument("EVIENT_JWT_SECRET is required");
  const TokenSigner signer(secret, std::chrono::hours(24));
  const SystemClock clock;
  const Timestamp now = clock.now();
  User admin;
  admin.id = crypto::uuid_v4();
  admin.email = "bench-seated-admin@evient.test";
  admin.password_hash = "not-a-login-password";
  admin.role = Role::Admin;
  admin.created_at = admin.updated_at = now;
  std::vector<User> buyers;
  std::vector<std::string> tokens;
  for (int i = 0; i < kSeatedBuyers; ++i) {
    User u = admin;
    u.id = crypto::uuid_v4();
    u.email = "bench-seated-" + std::to_string(i) + "@evient.test";
    u.role = Role::User;
    tokens.push_back(signer.issue(u.id, "user", 0, now));
    buyers.push_back(std::move(u));
  }
  Event e;
  e.id = crypto::uuid_v4();
  e.title = "Bench seated concert";
  e.slug = kSeatedSlug;
  e.status = EventStatus::Published;
  e.start_time = now + std::chrono::hours(48);
  e.end_time = now + std::chrono::hours(51);
  e.created_at = e.updated_at = now;
  std::vector<TicketType> types;
  for (const char* name : {"Front", "Rear"}) {
    TicketType t;
    t.id = crypto::uuid_v4();
    t.event_id = e.id;
    t.name = name;
    t.price = 0;
    t.sort_order = static_cast<std::int64_t>(types.size());
    t.created_at = t.updated_at = now;
    types.push_back(std::move(t));
  }
  db.write([&](store::Tx& tx) {
    store::users::insert(tx, admin);
    store::users::insert_many(tx, buyers);
    store::events::insert(tx, e);
    store::events::insert_ticket_types(tx, types);
  });
  SeatingService seating(db, clock, std::chrono::milliseconds(0));
  const Room room = seating.create_room(admin.id, RoomInput{"Bench Hall", 40, 50, std::nullopt});
  std::vector<std::string> front, rear;
  for (std::int64_t r = 0; r < 40; ++r) (r < 10 ? front : rear).push_back(room.seats[r * 50].row);
  seating.set_seating(
      admin.id, e.id,
      SeatingInput{room.id, {ZoneInput{types[0].id, front, {}}, ZoneInput{types[1].id, rear, {}}}});
  std::vector<std::string> seats;
  for (const auto& s : room.seats) {
    seats.push_back((s.row_index < 10 ? types[0].id : types[1].id) + " " + s.id + " " +
                    std::to_string(s.row_index) + " " + std::to_string(s.number));
  }
  write_lines(dir + "/seated_tokens.txt", tokens);
  write_lines(dir + "/seated_event.txt", {e.id});
  write_lines(dir + "/seated_types.txt", {types[0].id, types[1].id});
  write_lines(dir + "/seated_seats.txt", seats);
  std::cout << "seated: " << seats.size() << " seats, " << tokens.size() << " buyers\n";
  return 0;
}

int seated_verify(evient::store::Database& db) {
  const auto count = [&](const std::string& sql) {
    return db.read(
        [&](evient::store::Tx& tx) { return tx.exec(sql, {std::string(kSeatedSlug)})[0].i64(0); });
  };
  const std::int64_t seats = count(
      "SELECT COUNT(*) FROM event_seats x JOIN events e ON e.id = x.event_id WHERE e.slug = $1");
  const std::int64_t sold = count(
      "SELECT COUNT(*) FROM event_seats x JOIN events e ON e.id = x.event_id WHERE e.slug = $1 "
      "AND x.state = 'sold'");
  const std::int64_t tickets = count(
      "SELECT COUNT(*) FROM tickets k JOIN events e ON e.id = k.event_id WHERE e.slug = $1 "
      "AND k.status IN ('valid', 'used')");
  const std::int64_t twice = count(
      "SELECT COUNT(*) FROM (SELECT k.seat_id FROM tickets k JOIN events e ON e.id = k.event_id "
      "WHERE e.slug = $1 AND k.status IN ('valid', 'used') GROUP BY k.seat_id "
      "HAVING COUNT(*) > 1) d");
  const auto problems = evient::check_seating(db);
  for (const auto& p : problems) std::cout << "  " << p << "\n";
  std::cout << "seated_seats=" << seats << " seated_sold=" << sold << " seated_tickets=" << tickets
            << " seated_sold_twice=" << twice
            << " seated_consistent=" << (problems.empty() ? "yes" : "no") << "\n";
  return twice == 0 && problems.empty() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) try {
  if (argc < 2) {
    std::cerr << "usage: bench_data export --db URL --out DIR | verify --db URL | seated --db URL "
                 "--out DIR | seated-verify --db URL\n";
    return 2;
  }
  const std::string command = argv[1];
  evient::store::DatabaseOptions options;
  options.url = arg(argc, argv, "--db");
  options.pool_size = 1;
  auto db = evient::store::open_database(options);
  if (command == "export") return export_data(*db, arg(argc, argv, "--out"));
  if (command == "verify") return verify(*db);
  if (command == "seated") return seated(*db, arg(argc, argv, "--out"));
  if (command == "seated-verify") return seated_verify(*db);
  std::cerr << "unknown command " << command << "\n";
  return 2;
} catch (const std::exception& e) {
  std::cerr << "bench_data: " << e.what() << "\n";
  return 1;
}
