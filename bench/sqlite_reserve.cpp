// The SQLite ceiling for checkout and the door: the conditional UPDATE the
// server runs, alone, in its own write transaction (BEGIN IMMEDIATE ... COMMIT),
// with WAL and, like the server, one writer at a time in the process.
// synchronous=NORMAL unless BENCH_SQLITE_SYNC=FULL (the server's default): with
// NORMAL it is the engine's raw rate, with FULL the rate of one fsync per
// transaction, which is what the server's group commit amortises.
//   sqlite_reserve reserve DB IDS_FILE SECONDS [THREADS]   ticket type ids, rotated
//   sqlite_reserve checkin DB CODES_FILE [THREADS]         each code checked in once
// Prints: tx_per_s=<n> changed=<rows changed> tx=<transactions>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

constexpr const char* kReserveSql =
    "UPDATE ticket_types SET quantity_sold = quantity_sold + 1 WHERE id = ?1 AND "
    "status = 'active' AND quantity_sold + 1 <= quantity_total";
constexpr const char* kCheckinSql =
    "UPDATE tickets SET status = 'used', used_at = ?2 WHERE ticket_code = ?1 AND status = 'valid'";

void check(sqlite3* db, int rc) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    throw std::runtime_error(sqlite3_errmsg(db));
  }
}

class Writer {
 public:
  Writer(const std::string& path, const char* sql) {
    check(db_, sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                               nullptr));
    sqlite3_busy_timeout(db_, 10000);
    const char* sync = std::getenv("BENCH_SQLITE_SYNC");
    const std::string pragmas = std::string("PRAGMA journal_mode=WAL; PRAGMA synchronous=") +
                                (sync && std::string(sync) == "FULL" ? "FULL" : "NORMAL") +
                                "; PRAGMA foreign_keys=ON;";
    check(db_, sqlite3_exec(db_, pragmas.c_str(), nullptr, nullptr, nullptr));
    check(db_, sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &update_, nullptr));
  }
  ~Writer() {
    sqlite3_finalize(update_);
    sqlite3_close_v2(db_);
  }
  // One transaction; returns the rows changed.
  int run(const std::string& key, const std::string& now) {
    check(db_, sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr));
    sqlite3_bind_text(update_, 1, key.data(), static_cast<int>(key.size()), SQLITE_STATIC);
    if (sqlite3_bind_parameter_count(update_) > 1) {
      sqlite3_bind_text(update_, 2, now.data(), static_cast<int>(now.size()), SQLITE_STATIC);
    }
    check(db_, sqlite3_step(update_));
    sqlite3_reset(update_);
    const int changed = sqlite3_changes(db_);
    check(db_, sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr));
    return changed;
  }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* update_ = nullptr;
};

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(line);
  }
  if (out.empty()) throw std::runtime_error("no lines in " + path);
  return out;
}

}  // namespace

int main(int argc, char** argv) try {
  if (argc < 4) {
    std::cerr << "usage: sqlite_reserve reserve DB IDS_FILE SECONDS [THREADS]\n"
                 "       sqlite_reserve checkin DB CODES_FILE [THREADS]\n";
    return 2;
  }
  const std::string mode = argv[1];
  const std::string db = argv[2];
  const std::vector<std::string> keys = read_lines(argv[3]);
  const bool reserve = mode == "reserve";
  const double seconds = reserve && argc > 4 ? std::stod(argv[4]) : 0;
  const int threads = std::stoi(argc > (reserve ? 5 : 4) ? argv[reserve ? 5 : 4] : "1");
  const std::string now = "2026-01-01T12:00:00Z";

  std::mutex one_writer;
  std::atomic<std::size_t> next{0};
  std::atomic<long> tx{0};
  std::atomic<long> changed{0};
  const auto start = std::chrono::steady_clock::now();
  const auto until = start + std::chrono::duration<double>(seconds);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      Writer w(db, reserve ? kReserveSql : kCheckinSql);
      for (;;) {
        const std::size_t i = next.fetch_add(1);
        if (reserve ? std::chrono::steady_clock::now() >= until : i >= keys.size()) break;
        std::lock_guard lock(one_writer);
        changed += w.run(keys[i % keys.size()], now);
        ++tx;
      }
    });
  }
  for (auto& t : pool) t.join();
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("tx_per_s=%.1f changed=%ld tx=%ld threads=%d\n", static_cast<double>(tx) / elapsed,
              changed.load(), tx.load(), threads);
  return 0;
} catch (const std::exception& e) {
  std::cerr << "sqlite_reserve: " << e.what() << "\n";
  return 1;
}
