#pragma once
// What differs between the engines' SQL, in one small object per engine.
// Repositories write one statement and take the differing piece from the
// dialect (tx.dialect()), instead of branching on the engine.
#include <cstddef>
#include <string>
#include <string_view>

namespace evient::store {

enum class Engine { Sqlite, Postgres };

struct Dialect {
  Engine engine;
  // The folder of engine-only migrations: src/store/<folder>/migrations/.
  std::string_view folder;

  // Migration placeholders ({{UUID}} {{TIMESTAMP}} {{BOOL}} {{SERIAL_PK}} {{NOW}}).
  std::string_view uuid_type;
  std::string_view timestamp_type;
  std::string_view bool_type;
  std::string_view serial_pk;
  std::string_view now;

  // An expression giving a fresh UUID for every row (INSERT ... SELECT).
  std::string_view new_uuid;
  // Appended to a SELECT that must lock the rows it reads until commit; empty
  // where write transactions are serialised anyway (SQLite's BEGIN IMMEDIATE).
  std::string_view lock_rows;
  // The shared form, for one table of a join (see share_lock_of): readers that
  // must not overlap a writer holding lock_rows on that row, but may overlap
  // each other and ordinary UPDATEs (PostgreSQL's FOR KEY SHARE).
  std::string_view share_lock;
  // A statement taken before migrating, so that several processes starting at
  // once migrate one after the other; empty where BEGIN IMMEDIATE does it.
  std::string_view migration_lock;
  // Rows per multi-row INSERT (store/bulk_insert.hpp): SQLite looks parameters
  // up by name linearly, so there one row per statement is fastest; PostgreSQL
  // saves a round trip per row.
  std::size_t rows_per_insert;
  // How a timestamp parameter is cast where the engine cannot infer its type
  // (a SELECT list): "CAST(" + param + <timestamp_cast>, or nothing.
  std::string_view timestamp_cast;

  // share_lock applied to the rows of `alias` only; empty where writes are serial.
  std::string share_lock_of(std::string_view alias) const {
    if (share_lock.empty()) return {};
    return std::string(share_lock) + std::string(alias);
  }

  // `param` ("$4") as a timestamp in a SELECT list.
  std::string timestamp_param(std::string_view param) const {
    if (timestamp_cast.empty()) return std::string(param);
    return "CAST(" + std::string(param) + std::string(timestamp_cast) + ")";
  }
};

const Dialect& dialect_of(Engine engine);

}  // namespace evient::store
