#pragma once
// The benchmark data set (`evient seed --size bench`): about 2,000 events with
// 6,000 ticket types, 200,000 issued tickets in paid orders, 20,000 users, and
// the events the benchmark scenarios aim at, found by slug:
//   bench-stadium   50,000 seats over 3 ticket types, nothing sold (the on-sale)
//   bench-hot       3 ticket types with room for every checkout run
//   bench-door      on today, 100,000 valid tickets (the door scans)
// Every user shares one password (hashed once: Argon2id is slow on purpose).
// Dates are relative to the clock. Written in one transaction through the
// repositories' insert_many (multi-row prepared INSERTs).
#include <cstdint>
#include <string>

#include "core/clock.hpp"
#include "store/db.hpp"

namespace evient {

inline constexpr const char* kBenchAdminEmail = "bench-admin@evient.test";
inline constexpr const char* kBenchPassword = "bench-password";
inline constexpr const char* kBenchStadiumSlug = "bench-stadium";
inline constexpr const char* kBenchHotSlug = "bench-hot";
inline constexpr const char* kBenchDoorSlug = "bench-door";
// User i (0-based) has this e-mail.
std::string bench_user_email(std::int64_t i);

struct BenchSeedReport {
  bool seeded = false;  // false: the bench data was already there
  std::int64_t users = 0;
  std::int64_t events = 0;
  std::int64_t ticket_types = 0;
  std::int64_t orders = 0;
  std::int64_t tickets = 0;
};

// Seeds unless the bench admin exists. With `reset`, deletes every row first.
BenchSeedReport seed_bench(store::Database& db, const Clock& clock, bool reset);

}  // namespace evient
