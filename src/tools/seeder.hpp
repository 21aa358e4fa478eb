#pragma once
// Development data (the spec's seeder): an admin, ten users, five events (two
// past, three upcoming) with ticket types, twenty issued tickets in paid orders,
// banners and notifications. Dates are relative to the clock, so the data stays
// "2 past, 3 future" whenever it is seeded.
#include <string>

#include "core/clock.hpp"
#include "store/db.hpp"

namespace evient {

struct SeedReport {
  bool seeded = false;  // false: data was already there
  int users = 0;
  int events = 0;
  int tickets = 0;
};

inline constexpr const char* kSeedAdminEmail = "admin@evient.com";
inline constexpr const char* kSeedAdminPassword = "admin123";
inline constexpr const char* kSeedUserPassword = "password123";

// Seeds unless the admin already exists. With `reset`, deletes every row first.
SeedReport seed(store::Database& db, const Clock& clock, bool reset);
// True when the database holds no user at all (a brand-new database).
bool is_empty(store::Database& db);
// Deletes every row of every table (keeps the schema).
void wipe(store::Database& db);

}  // namespace evient
