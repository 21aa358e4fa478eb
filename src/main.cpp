// evient: serve | migrate | seed [--reset] [--if-empty] | check
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "app.hpp"
#include "core/log.hpp"
#include "store/migrations.hpp"
#include "tools/bench_seeder.hpp"
#include "tools/consistency.hpp"
#include "tools/seeder.hpp"

namespace {

constexpr const char* kUsage =
    "usage: evient <command> [--db PATH|postgres://URL] [options]\n"
    "commands:\n"
    "  serve            migrate, then serve HTTP (--port, default 8080; 0 = any free port)\n"
    "  migrate          apply pending SQL migrations\n"
    "  seed [--reset]   load the development data (--if-empty: only into an empty database;\n"
    "                   --size bench: the benchmark data set, see bench/README.md)\n"
    "  check            verify every ticket type's quantity_sold against issued tickets and\n"
    "                   live reservations; exits 1 when any differs\n"
    "Every option also reads an EVIENT_* environment variable; see README.md.\n";

int run(const std::string& command, const std::vector<std::string>& args) {
  std::vector<std::string> rest;
  evient::Config config = evient::load_config(args, &rest);
  auto has_flag = [&](const std::string& f) {
    for (const auto& r : rest) {
      if (r == f) return true;
    }
    return false;
  };
  // `seed --size bench`: the benchmark data set (tools/bench_seeder.hpp).
  std::string seed_size = "dev";
  for (auto it = rest.begin(); it != rest.end(); ++it) {
    if (*it == "--size" && std::next(it) != rest.end()) {
      seed_size = *std::next(it);
      it = rest.erase(it, std::next(it, 2));
      break;
    }
  }
  if (seed_size != "dev" && seed_size != "bench") {
    throw std::invalid_argument("--size must be dev or bench");
  }
  for (const auto& r : rest) {
    if (r != "--reset" && r != "--if-empty") throw std::invalid_argument("unknown argument " + r);
  }

  evient::init_process(config);
  if (command == "serve") {
    evient::resolve_payment_provider(config);
    evient::log::warn(
        "payments: sandbox — every buyer can mark an order paid without money; such orders "
        "are test orders (marked in the wallet and the admin, kept out of revenue). Not for "
        "real sales");
    evient::App app(config);
    const auto port = app.start();
    evient::log::info("evient listening on http://" + app.config().address + ":" +
                      std::to_string(port) + " port=" + std::to_string(port));
    app.install_signal_handlers();
    app.wait();
    evient::log::info("evient stopped");
    return 0;
  }
  if (command == "migrate") {
    evient::App app(config);  // opening the application migrates
    evient::log::info("migrations applied");
    return 0;
  }
  if (command == "seed") {
    evient::App app(config);
    const bool reset = has_flag("--reset");
    // `make run` seeds only a brand-new database: one without any user.
    if (has_flag("--if-empty") && !reset && !evient::is_empty(app.db())) {
      evient::log::info("database not empty: not seeding");
      return 0;
    }
    if (seed_size == "bench") {
      const evient::BenchSeedReport b = evient::seed_bench(app.db(), app.clock(), reset);
      evient::log::info(b.seeded ? "seeded bench data: " + std::to_string(b.users) + " users, " +
                                       std::to_string(b.events) + " events, " +
                                       std::to_string(b.ticket_types) + " ticket types, " +
                                       std::to_string(b.orders) + " orders, " +
                                       std::to_string(b.tickets) + " tickets"
                                 : "bench data already present (use --reset to start over)");
      return 0;
    }
    evient::SeedReport r = evient::seed(app.db(), app.clock(), reset);
    if (r.seeded) {
      evient::log::info("seeded " + std::to_string(r.users) + " users, " +
                        std::to_string(r.events) + " events, " + std::to_string(r.tickets) +
                        " tickets");
    } else {
      evient::log::info("seed data already present (use --reset to start over)");
    }
    return 0;
  }
  if (command == "check") {
    evient::App app(config);
    const auto drifts = evient::check_inventory(app.db());
    for (const auto& d : drifts) {
      std::cout << "ticket_type " << d.ticket_type_id << " (" << d.ticket_type_name << ", event "
                << d.event_id << "): quantity_sold=" << d.quantity_sold << " issued=" << d.issued
                << " reserved=" << d.reserved << " difference=" << d.difference() << "\n";
    }
    std::cout << (drifts.empty()
                      ? "inventory consistent\n"
                      : std::to_string(drifts.size()) + " ticket type(s) inconsistent\n");
    const auto seating = evient::check_seating(app.db());
    for (const auto& line : seating) std::cout << "seating: " << line << "\n";
    std::cout << (seating.empty() ? "seating consistent\n" : "seating inconsistent\n");
    return drifts.empty() && seating.empty() ? 0 : 1;
  }
  std::cerr << kUsage;
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
    std::cerr << kUsage;
    return argc < 2 ? 2 : 0;
  }
  std::vector<std::string> args(argv + 2, argv + argc);
  try {
    return run(argv[1], args);
  } catch (const std::exception& e) {
    std::cerr << "evient: " << e.what() << "\n";
    return 1;
  }
}
