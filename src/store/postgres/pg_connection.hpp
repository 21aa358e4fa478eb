#pragma once
// One libpq connection: statements prepared once and cached by SQL text, all
// parameters and results in text format, and libpq failures mapped to the
// store's exception family. Not thread-safe: the pool lends a connection to one
// thread at a time.
#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/db.hpp"

namespace evient::store::postgres {

// SQLSTATE 40001 and 40P01: see store::TransientConflict.
using TransientConflict = store::TransientConflict;

class PgConnection final : public Connection {
 public:
  // Connects and sets up the session; throws ConnectionLost when the server
  // cannot be reached or refuses us.
  explicit PgConnection(const std::string& url);

  Result exec(std::string_view sql, const std::vector<Param>& params) override;
  void exec_script(std::string_view sql) override;
  Engine engine() const override { return Engine::Postgres; }

  // libpq has seen the socket fail; the connection can never be used again.
  bool broken() const { return PQstatus(conn_.get()) == CONNECTION_BAD; }
  PGTransactionStatusType transaction_status() const { return PQtransactionStatus(conn_.get()); }

 private:
  struct Finish {
    void operator()(PGconn* c) const { PQfinish(c); }
  };
  // Heterogeneous lookup, so a lookup by string_view does not copy the SQL.
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  const std::string& prepare(std::string_view sql);

  std::unique_ptr<PGconn, Finish> conn_;
  // SQL text -> server-side statement name ("s1", "s2", ...).
  std::unordered_map<std::string, std::string, TextHash, std::equal_to<>> statements_;
  std::uint64_t next_statement_ = 1;
};

}  // namespace evient::store::postgres
