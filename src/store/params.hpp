#pragma once
// Small helpers to turn model fields into bound parameters.
#include <optional>
#include <string>

#include "core/time.hpp"
#include "domain/status.hpp"
#include "store/db.hpp"

namespace evient::store {

inline Param text_or_null(const std::optional<std::string>& s) {
  if (!s) return nullptr;
  return *s;
}
inline Param ts(Timestamp t) {
  return format_iso(t);
}
inline Param ts_or_null(const std::optional<Timestamp>& t) {
  if (!t) return nullptr;
  return format_iso(*t);
}
// A domain enum as its stored text (domain/status.hpp).
template <class E>
requires std::is_enum_v<E> Param text_of(E value) {
  return std::string(to_text(value));
}
inline Param i64_or_null(const std::optional<std::int64_t>& n) {
  if (!n) return nullptr;
  return *n;
}

// Escapes LIKE metacharacters so user input only ever matches literally; use
// with `LIKE $n ESCAPE '\'`.
inline std::string like_contains(const std::string& s) {
  std::string out = "%";
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

// Builds "$1, $2, ..." style placeholders while collecting parameters, for
// queries whose WHERE clause depends on which filters were given.
class QueryBuilder {
 public:
  // Adds a parameter and returns its placeholder ("$3").
  std::string bind(Param p) {
    params_.push_back(std::move(p));
    return "$" + std::to_string(params_.size());
  }
  void where(const std::string& condition) {
    where_ += where_.empty() ? " WHERE " : " AND ";
    where_ += condition;
  }
  const std::string& where_clause() const { return where_; }
  const std::vector<Param>& params() const { return params_; }

 private:
  std::vector<Param> params_;
  std::string where_;
};

}  // namespace evient::store
