#include "store/bulk_insert.hpp"

#include <algorithm>

namespace evient::store {
namespace {

std::size_t columns_of(std::string_view head) {
  const auto open = head.find('(');
  if (open == std::string_view::npos) throw DatabaseError("INSERT head without columns");
  return 1 + static_cast<std::size_t>(std::count(head.begin() + open, head.end(), ','));
}

}  // namespace

std::string insert_values_sql(std::string_view head, std::size_t rows) {
  const std::size_t columns = columns_of(head);
  std::string sql(head);
  sql += " VALUES ";
  std::size_t n = 0;
  for (std::size_t r = 0; r < rows; ++r) {
    sql += r ? ", (" : "(";
    for (std::size_t c = 0; c < columns; ++c) sql += (c ? ", $" : "$") + std::to_string(++n);
    sql += ')';
  }
  return sql;
}

BulkInsert::BulkInsert(Tx& tx, std::string_view head)
    : tx_(tx),
      head_(head),
      columns_(columns_of(head)),
      per_statement_(tx.dialect().rows_per_insert) {
  pending_.reserve(columns_ * per_statement_);
}

void BulkInsert::add(std::vector<Param> row) {
  if (row.size() != columns_) throw DatabaseError("bulk insert row of the wrong width");
  for (auto& p : row) pending_.push_back(std::move(p));
  if (pending_.size() == columns_ * per_statement_) flush();
}

void BulkInsert::flush() {
  if (pending_.empty()) return;
  const std::size_t rows = pending_.size() / columns_;
  if (rows == per_statement_ && full_sql_.empty()) full_sql_ = insert_values_sql(head_, rows);
  tx_.exec(rows == per_statement_ ? full_sql_ : insert_values_sql(head_, rows), pending_);
  pending_.clear();
}

}  // namespace evient::store
