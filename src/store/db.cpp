#include "store/db.hpp"

#include <charconv>

#include "core/time.hpp"

namespace evient::store {

std::size_t Result::column(std::string_view name) const {
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i] == name) return i;
  }
  throw DatabaseError("no column " + std::string(name) + " in the result");
}

const std::optional<std::string>& Result::Row::cell(std::size_t col) const {
  const std::size_t width = r_->columns_.size();
  if (col >= width) throw DatabaseError("column index out of range");
  return r_->cells_[i_ * width + col];
}

const std::string& Result::Row::text(std::size_t col) const {
  const auto& c = cell(col);
  if (!c) throw DatabaseError("unexpected NULL in column " + r_->columns_[col]);
  return *c;
}

std::int64_t Result::Row::i64(std::size_t col) const {
  const std::string& s = text(col);
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) {
    throw DatabaseError("not an integer in column " + r_->columns_[col]);
  }
  return v;
}

std::optional<std::int64_t> Result::Row::opt_i64(std::size_t col) const {
  if (is_null(col)) return std::nullopt;
  return i64(col);
}

bool Result::Row::boolean(std::size_t col) const {
  const std::string& s = text(col);
  return s == "1" || s == "t" || s == "true";
}

Timestamp Result::Row::time(std::size_t col) const {
  auto t = parse_iso(text(col));
  if (!t) throw DatabaseError("not a timestamp in column " + r_->columns_[col]);
  return *t;
}

std::optional<Timestamp> Result::Row::opt_time(std::size_t col) const {
  if (is_null(col)) return std::nullopt;
  return time(col);
}

std::unique_ptr<Database> open_database(const DatabaseOptions& options) {
  const std::string& url = options.url;
  if (url.starts_with("postgres://") || url.starts_with("postgresql://")) {
    return open_postgres(options);
  }
  return open_sqlite(options);
}

}  // namespace evient::store
