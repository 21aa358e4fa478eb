#pragma once
// Multi-row INSERTs for the repositories' insert_many: "INSERT INTO t (a, b)
// VALUES ($1, $2), ($3, $4), ...", one statement per batch of rows, prepared
// once and reused (connections cache statements by SQL text). The same head
// with one row is the repository's single-row INSERT, so a table's column list
// is written once.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.hpp"

namespace evient::store {

// `head` is "INSERT INTO table (col, ...)"; returns head + " VALUES (...)" with
// `rows` groups of placeholders.
std::string insert_values_sql(std::string_view head, std::size_t rows);

// Collects rows and writes them Dialect::rows_per_insert at a time. Call
// flush() after the last add().
class BulkInsert {
 public:
  BulkInsert(Tx& tx, std::string_view head);
  void add(std::vector<Param> row);
  void flush();

 private:
  Tx& tx_;
  std::string head_;
  std::size_t columns_;
  std::size_t per_statement_;
  std::string full_sql_;
  std::vector<Param> pending_;
};

}  // namespace evient::store
