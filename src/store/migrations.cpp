#include "store/migrations.hpp"

#include <algorithm>
#include <iostream>
#include <string>

#include "core/clock.hpp"
#include "core/time.hpp"

namespace evient::store {
namespace {

// "0001_initial.sql" or "postgres/0004_x.sql" -> 1 / 4.
int version_of(std::string_view name) {
  auto slash = name.rfind('/');
  if (slash != std::string_view::npos) name = name.substr(slash + 1);
  int v = 0;
  for (char c : name) {
    if (c < '0' || c > '9') break;
    v = v * 10 + (c - '0');
  }
  return v;
}

// Shared files apply everywhere; "<folder>/..." files only to that engine.
bool applies_to(std::string_view name, const Dialect& dialect) {
  const auto slash = name.find('/');
  return slash == std::string_view::npos || name.substr(0, slash) == dialect.folder;
}

constexpr const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";
constexpr const char* kAppliedVersions = "SELECT version FROM schema_migrations";
constexpr const char* kRecordVersion =
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)";

}  // namespace

std::string render_migration(std::string_view sql, Engine engine) {
  const Dialect& d = dialect_of(engine);
  const std::pair<std::string_view, std::string_view> placeholders[] = {
      {"{{UUID}}", d.uuid_type},
      {"{{TIMESTAMP}}", d.timestamp_type},
      {"{{BOOL}}", d.bool_type},
      {"{{SERIAL_PK}}", d.serial_pk},
      {"{{NOW}}", d.now}};
  std::string out(sql);
  for (const auto& [key, value] : placeholders) {
    for (std::size_t pos = out.find(key); pos != std::string::npos; pos = out.find(key, pos)) {
      out.replace(pos, key.size(), value);
      pos += value.size();
    }
  }
  return out;
}

int migrate(Database& db) {
  const Engine engine = db.engine();
  const Dialect& dialect = db.dialect();
  std::vector<const MigrationFile*> files;
  for (const auto& f : embedded_migrations()) {
    if (applies_to(f.name, dialect)) files.push_back(&f);
  }
  std::sort(files.begin(), files.end(), [](const MigrationFile* a, const MigrationFile* b) {
    return version_of(a->name) < version_of(b->name);
  });

  int applied = 0;
  db.transact(TxMode::Write, [&](Tx& tx) {
    // Several instances may start at once against one PostgreSQL: the first
    // migrates, the others wait here and then find nothing left to do.
    if (!dialect.migration_lock.empty()) tx.exec(dialect.migration_lock);
    tx.connection().exec_script(kCreateTable);
    Result done = tx.exec(kAppliedVersions);
    std::vector<std::int64_t> have;
    for (std::size_t i = 0; i < done.size(); ++i) have.push_back(done[i].i64(0));
    for (const MigrationFile* f : files) {
      const int version = version_of(f->name);
      if (std::find(have.begin(), have.end(), version) != have.end()) continue;
      tx.connection().exec_script(render_migration(f->sql, engine));
      tx.exec(kRecordVersion,
              {std::int64_t{version}, std::string(f->name), format_iso(SystemClock().now())});
      ++applied;
    }
  });
  return applied;
}

}  // namespace evient::store
