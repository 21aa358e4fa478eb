#include "store/postgres/pg_connection.hpp"

#include <charconv>
#include <cstring>
#include <type_traits>
#include <variant>

namespace evient::store::postgres {
namespace {

// Enough of the SQL to recognise the statement in a log line.
constexpr std::size_t kSqlInMessage = 200;

struct Clear {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, Clear>;

std::string trimmed(const char* message) {
  std::string s = message ? message : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string field(const PGresult* res, int code) {
  const char* value = res ? PQresultErrorField(res, code) : nullptr;
  return value ? value : "";
}

bool succeeded(const PGresult* res) {
  if (!res) return false;
  const ExecStatusType status = PQresultStatus(res);
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY;
}

// Throws the exception that tells callers what they can do about the failure:
// retry on a new connection, map a named constraint, retry the transaction, or
// nothing (DatabaseError).
[[noreturn]] void fail(PGconn* conn, const PGresult* res, std::string_view sql) {
  const std::string message = trimmed(res ? PQresultErrorMessage(res) : PQerrorMessage(conn));
  if (PQstatus(conn) == CONNECTION_BAD) {
    throw ConnectionLost("PostgreSQL connection lost: " + message);
  }
  const std::string state = field(res, PG_DIAG_SQLSTATE);
  if (state.starts_with("23")) {
    throw ConstraintViolation(field(res, PG_DIAG_CONSTRAINT_NAME), message);
  }
  std::string detail = "PostgreSQL error " + (state.empty() ? "(no SQLSTATE)" : state) + ": " +
                       message + " [sql: " + std::string(sql.substr(0, kSqlInMessage)) + "]";
  if (state == "40001" || state == "40P01") throw TransientConflict(detail);
  throw DatabaseError(detail);
}

void check(PGconn* conn, const PGresult* res, std::string_view sql) {
  if (!succeeded(res)) fail(conn, res, sql);
}

std::int64_t affected_rows(const PGresult* res) {
  // "SELECT n" reports rows returned, not changed; SQLite reports 0 there and so do we.
  if (std::strncmp(PQcmdStatus(const_cast<PGresult*>(res)), "SELECT", 6) == 0) return 0;
  const char* text = PQcmdTuples(const_cast<PGresult*>(res));
  std::int64_t n = 0;
  std::from_chars(text, text + std::strlen(text), n);  // empty for DDL: stays 0
  return n;
}

Result to_result(const PGresult* res) {
  const int rows = PQntuples(res);
  const int cols = PQnfields(res);
  std::vector<std::string> columns;
  columns.reserve(cols);
  for (int c = 0; c < cols; ++c) columns.emplace_back(PQfname(res, c));
  std::vector<std::optional<std::string>> cells;
  cells.reserve(static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols));
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      if (PQgetisnull(res, r, c)) {
        cells.emplace_back(std::nullopt);
      } else {
        cells.emplace_back(std::string(PQgetvalue(res, r, c), PQgetlength(res, r, c)));
      }
    }
  }
  return Result(std::move(columns), std::move(cells), affected_rows(res));
}

}  // namespace

PgConnection::PgConnection(const std::string& url) {
  // Entries before "dbname" are defaults the URL may override. A fallback
  // application name still lets an operator label a deployment in the URL.
  const char* const keys[] = {"connect_timeout", "fallback_application_name", "dbname", nullptr};
  const char* const values[] = {"10", "evient", url.c_str(), nullptr};
  conn_.reset(PQconnectdbParams(keys, values, /*expand_dbname=*/1));
  if (!conn_) throw ConnectionLost("cannot connect to PostgreSQL: out of memory");
  if (PQstatus(conn_.get()) != CONNECTION_OK) {
    throw ConnectionLost("cannot connect to PostgreSQL: " + trimmed(PQerrorMessage(conn_.get())));
  }
  // Timestamps come back as "2026-12-25 19:00:00+00", which Row::time parses;
  // text is UTF-8 whatever the server's or the URL's default.
  // Warnings and errors only: NOTICEs such as "relation already exists, skipping"
  // from idempotent DDL would otherwise land on stderr through libpq.
  exec_script(
      "SET TimeZone = 'UTC'; SET client_encoding = 'UTF8'; SET client_min_messages = 'warning'");
}

const std::string& PgConnection::prepare(std::string_view sql) {
  if (auto it = statements_.find(sql); it != statements_.end()) return it->second;
  if (statements_.size() >= kMaxCachedStatements) {
    exec_script("DEALLOCATE ALL");
    statements_.clear();
  }
  std::string text(sql);
  std::string name = "s" + std::to_string(next_statement_++);
  // No parameter types: the server infers each from its context, as it would
  // for a literal.
  ResultPtr res(PQprepare(conn_.get(), name.c_str(), text.c_str(), 0, nullptr));
  check(conn_.get(), res.get(), sql);
  return statements_.emplace(std::move(text), std::move(name)).first->second;
}

Result PgConnection::exec(std::string_view sql, const std::vector<Param>& params) {
  const std::string& name = prepare(sql);
  std::vector<std::string> numbers(params.size());
  std::vector<const char*> values(params.size(), nullptr);
  for (std::size_t i = 0; i < params.size(); ++i) {
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::int64_t>) {
            numbers[i] = std::to_string(v);
            values[i] = numbers[i].c_str();
          } else if constexpr (std::is_same_v<T, bool>) {
            values[i] = v ? "true" : "false";
          } else if constexpr (std::is_same_v<T, std::string>) {
            // libpq reads text parameters up to the first NUL; refuse rather than
            // silently store a shorter value than the caller passed.
            if (v.find('\0') != std::string::npos) {
              throw DatabaseError("parameter $" + std::to_string(i + 1) + " contains a NUL byte");
            }
            values[i] = v.c_str();
          }
        },
        params[i]);
  }
  ResultPtr res(PQexecPrepared(conn_.get(), name.c_str(), static_cast<int>(params.size()),
                               values.data(), nullptr, nullptr, /*resultFormat=text*/ 0));
  check(conn_.get(), res.get(), sql);
  return to_result(res.get());
}

void PgConnection::exec_script(std::string_view sql) {
  std::string text(sql);
  // PQexec returns the last statement's result, or the first failure (after
  // which the server ran nothing more).
  ResultPtr res(PQexec(conn_.get(), text.c_str()));
  check(conn_.get(), res.get(), sql);
}

}  // namespace evient::store::postgres
