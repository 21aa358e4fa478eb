#pragma once
// A fresh, empty database per test, on the engine this test run is for. The same
// test binary runs once per engine (see tests/CMakeLists.txt).
#include <filesystem>
#include <memory>
#include <string>

#include "store/db.hpp"

namespace evient::test {

// "sqlite" or "postgres", from EVIENT_TEST_ENGINE (default sqlite).
std::string test_engine();

// A new SQLite file in a fresh temp dir, or a new database (evient_t_<random
// hex>) on the server named by EVIENT_TEST_PG_URL, which
// scripts/with_test_postgres.sh sets. Throws std::runtime_error when the engine
// is postgres and EVIENT_TEST_PG_URL is unset. The destructor removes the file or
// drops the database, even if a test left connections open.
class TestDatabase {
 public:
  TestDatabase();
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  // What to pass as DatabaseOptions::url or the server's --db.
  const std::string& url() const { return url_; }
  store::Engine engine() const { return engine_; }
  // Opens the database through the store, as the application would.
  std::unique_ptr<store::Database> open(int pool_size = 4) const;

 private:
  store::Engine engine_;
  std::string url_;
  std::filesystem::path sqlite_dir_;  // SQLite only
  std::string admin_url_;             // PostgreSQL only
  std::string pg_name_;               // PostgreSQL only
};

}  // namespace evient::test
