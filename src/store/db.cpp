#include "store/db.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <exception>

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

namespace evient::store {
namespace {

// What the last Tx that ended on this thread wrote; consumed by the next
// bump_write_generation() on this thread.
struct TxRecord {
  WriteKind kind = WriteKind::Other;
  bool accounts = true;
};
// Nothing known (no Tx ended since the last bump on this thread): assume the worst.
constexpr TxRecord kUnknown{};
thread_local TxRecord last_tx_writes = kUnknown;

// Tables whose rows no cached catalogue page shows, or shows only through the
// availability overlay (orders and their items, seats and tickets decide
// quantity_sold and seat states).
constexpr std::string_view kAvailabilityTables[] = {
    "orders",        "order_items", "order_seats",    "tickets", "idempotency_keys",
    "notifications", "audit_log",   "revoked_tokens", "users"};

bool is_space(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

// Reads the next word (letters, digits, _) after spaces; empty at anything else.
std::string_view next_word(std::string_view sql, std::size_t& pos) {
  while (pos < sql.size() && is_space(sql[pos])) ++pos;
  const std::size_t start = pos;
  while (pos < sql.size() && is_word_char(sql[pos])) ++pos;
  return sql.substr(start, pos - start);
}

bool iequal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// Whether every column an UPDATE's SET clause assigns (from `pos`, just after
// SET) is in `allowed`. Stops at a top-level WHERE / RETURNING / end.
bool sets_only(std::string_view sql, std::size_t pos,
               std::initializer_list<std::string_view> allowed) {
  for (;;) {
    std::string_view column = next_word(sql, pos);
    if (column.empty()) return false;
    if (std::find_if(allowed.begin(), allowed.end(),
                     [&](std::string_view a) { return iequal(a, column); }) == allowed.end()) {
      return false;
    }
    // Skip the value: up to a top-level comma (next column) or the clause's end.
    int depth = 0;
    bool in_string = false;
    for (;; ++pos) {
      if (pos >= sql.size()) return true;
      const char c = sql[pos];
      if (in_string) {
        if (c == '\'') in_string = false;
        continue;
      }
      if (c == '\'') {
        in_string = true;
      } else if (c == '(') {
        ++depth;
      } else if (c == ')') {
        --depth;
      } else if (depth == 0 && c == ',') {
        ++pos;
        break;
      } else if (depth == 0 && is_space(c)) {
        std::size_t look = pos;
        const std::string_view word = next_word(sql, look);
        if (iequal(word, "WHERE") || iequal(word, "RETURNING")) return true;
      }
    }
  }
}

}  // namespace

WriteKind classify_statement(std::string_view sql) {
  std::size_t pos = 0;
  const std::string_view verb = next_word(sql, pos);
  if (iequal(verb, "SELECT")) return WriteKind::None;
  std::string_view table;
  if (iequal(verb, "INSERT")) {
    if (!iequal(next_word(sql, pos), "INTO")) return WriteKind::Other;
    table = next_word(sql, pos);
  } else if (iequal(verb, "DELETE")) {
    if (!iequal(next_word(sql, pos), "FROM")) return WriteKind::Other;
    table = next_word(sql, pos);
  } else if (iequal(verb, "UPDATE")) {
    table = next_word(sql, pos);
    if (iequal(table, "ticket_types") || iequal(table, "event_seats")) {
      if (!iequal(next_word(sql, pos), "SET")) return WriteKind::Other;
      const bool only = iequal(table, "ticket_types")
                            ? sets_only(sql, pos, {"quantity_sold"})
                            : sets_only(sql, pos, {"state", "order_id", "held_until"});
      return only ? WriteKind::Availability : WriteKind::Other;
    }
  } else {
    return WriteKind::Other;
  }
  // A quoted or schema-qualified name reads as something else: Other.
  if (pos < sql.size() && !is_space(sql[pos]) && sql[pos] != '(') return WriteKind::Other;
  for (std::string_view t : kAvailabilityTables) {
    if (iequal(t, table)) return WriteKind::Availability;
  }
  return WriteKind::Other;
}

bool writes_accounts(std::string_view sql) {
  std::size_t pos = 0;
  const std::string_view verb = next_word(sql, pos);
  std::string_view table;
  if (iequal(verb, "INSERT") || iequal(verb, "DELETE")) {
    next_word(sql, pos);  // INTO / FROM
    table = next_word(sql, pos);
  } else if (iequal(verb, "UPDATE")) {
    table = next_word(sql, pos);
    if (iequal(table, "users") && iequal(next_word(sql, pos), "SET")) {
      // "SET a = a" (every assignment): a row lock that changes nothing.
      bool no_op = true;
      for (;;) {
        const std::string_view column = next_word(sql, pos);
        while (pos < sql.size() && is_space(sql[pos])) ++pos;
        if (column.empty() || pos >= sql.size() || sql[pos] != '=') return true;
        ++pos;
        const std::string_view value = next_word(sql, pos);
        if (!iequal(column, value)) no_op = false;
        while (pos < sql.size() && is_space(sql[pos])) ++pos;
        if (pos < sql.size() && sql[pos] == ',') {
          ++pos;
          continue;
        }
        std::size_t look = pos;
        if (!iequal(next_word(sql, look), "WHERE")) return true;
        return !no_op;
      }
    }
  } else {
    return !iequal(verb, "SELECT");  // anything unrecognised: assume it may
  }
  return iequal(table, "users") || iequal(table, "revoked_tokens");
}

void Tx::note(std::string_view sql) {
  if (wrote_ != WriteKind::Other) {
    const WriteKind kind = classify_statement(sql);
    if (kind > wrote_) wrote_ = kind;
  }
  if (!wrote_accounts_ && writes_accounts(sql)) {
    wrote_accounts_ = true;
    if (conn_.engine() == Engine::Postgres) {
      conn_.exec("SELECT pg_notify('" + std::string(kAccountsChannel) + "', '')", {});
    }
  }
}

Tx::Tx(Connection& c) : conn_(c), unwinding_at_start_(std::uncaught_exceptions()) {
  // A transaction that began after the last one ended on this thread makes the
  // latter's record meaningless (it rolled back, or it was only read).
  last_tx_writes = kUnknown;
}

Tx::~Tx() {
  // Only a transaction that wrote, wrote availability alone and was not rolled
  // back by an exception may spare the catalogue (or the token cache). A
  // read-only one records the worst too, so that a later with_connection() on
  // this thread is not taken for it.
  const bool rolled_back = std::uncaught_exceptions() > unwinding_at_start_;
  if (rolled_back || wrote_ == WriteKind::None) {
    last_tx_writes = kUnknown;
  } else {
    last_tx_writes = TxRecord{wrote_, wrote_accounts_};
  }
}

void Database::bump_write_generation() {
  const TxRecord record = last_tx_writes;
  last_tx_writes = kUnknown;
  if (record.kind != WriteKind::Availability) {
    catalog_generation_.fetch_add(1, std::memory_order_acq_rel);
  }
  if (record.accounts) account_generation_.fetch_add(1, std::memory_order_acq_rel);
  write_generation_.fetch_add(1, std::memory_order_acq_rel);
}

}  // namespace evient::store
