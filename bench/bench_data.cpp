// Benchmark inputs and checks, straight from the database through the store:
//   bench_data export --db URL --out DIR   (EVIENT_JWT_SECRET: the server's secret)
//     writes one value per line for the wrk scripts: tokens.txt (a token per
//     bench user, minted like AuthService does, so no login is needed),
//     admin_token.txt, event_ids.txt, hot_type.txt, raw_hot_type.txt,
//     spread_types.txt, stadium_types.txt, door_codes_http.txt, door_codes_raw.txt
//   bench_data verify --db URL
//     the on-sale event after the rush: seats sold per type, and whether any
//     type sold more than it has or disagrees with its live order lines.
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
#include "tools/bench_seeder.hpp"
#include "store/db.hpp"

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

}  // namespace

int main(int argc, char** argv) try {
  if (argc < 2) {
    std::cerr << "usage: bench_data export --db URL --out DIR | verify --db URL\n";
    return 2;
  }
  const std::string command = argv[1];
  evient::store::DatabaseOptions options;
  options.url = arg(argc, argv, "--db");
  options.pool_size = 1;
  auto db = evient::store::open_database(options);
  if (command == "export") return export_data(*db, arg(argc, argv, "--out"));
  if (command == "verify") return verify(*db);
  std::cerr << "unknown command " << command << "\n";
  return 2;
} catch (const std::exception& e) {
  std::cerr << "bench_data: " << e.what() << "\n";
  return 1;
}
