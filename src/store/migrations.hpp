#pragma once
// Numbered SQL migrations, embedded in the binary at build time.
//   src/store/migrations/NNNN_name.sql          both engines
//   src/store/sqlite/migrations/NNNN_name.sql   SQLite only
//   src/store/postgres/migrations/NNNN_name.sql PostgreSQL only
// Shared files use type placeholders replaced per engine:
//   {{UUID}} {{TIMESTAMP}} {{BOOL}} {{SERIAL_PK}} {{NOW}}
// Applied versions are recorded in schema_migrations(version, name, applied_at).
#include <string>
#include <vector>

#include "store/db.hpp"

namespace evient::store {

struct MigrationFile {
  const char* name;  // "0001_initial.sql", or "postgres/0004_search.sql" for one engine
  const char* sql;
};

const std::vector<MigrationFile>& embedded_migrations();

// Substitutes the placeholders for `engine`.
std::string render_migration(std::string_view sql, Engine engine);

// Applies every pending migration, each in its own transaction. Returns the
// number applied. Safe to run from several processes at once (PostgreSQL takes an
// advisory lock; SQLite's BEGIN IMMEDIATE serialises).
int migrate(Database& db);

}  // namespace evient::store
