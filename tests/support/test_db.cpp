#include "test_db.hpp"

#include <cstdio>
#include <cstdlib>
#include <random>
#include <stdexcept>
#include <system_error>

namespace evient::test {
namespace {

// Random, so parallel test processes (ctest -j) never share a database.
std::string random_hex() {
  std::random_device rd;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%08x%08x", rd(), rd());
  return buf;
}

// postgresql://user@host:port/postgres?x=y -> postgresql://user@host:port/<name>?x=y
std::string with_database(const std::string& url, const std::string& name) {
  const std::size_t scheme = url.find("://");
  const std::size_t authority = scheme == std::string::npos ? 0 : scheme + 3;
  const std::size_t query = url.find('?', authority);
  const std::size_t path = url.find('/', authority);
  const std::string rest = query == std::string::npos ? "" : url.substr(query);
  return url.substr(0, std::min(path, query)) + "/" + name + rest;
}

void run_admin(const std::string& admin_url, const std::string& sql) {
  auto admin = store::open_postgres({.url = admin_url, .pool_size = 1});
  // CREATE/DROP DATABASE cannot run inside a transaction block.
  admin->with_connection([&](store::Connection& c) { c.exec_script(sql); });
}

}  // namespace

std::string test_engine() {
  const char* engine = std::getenv("EVIENT_TEST_ENGINE");
  return engine && *engine ? engine : "sqlite";
}

TestDatabase::TestDatabase() {
  const std::string engine = test_engine();
  if (engine == "sqlite") {
    engine_ = store::Engine::Sqlite;
    sqlite_dir_ = std::filesystem::temp_directory_path() / ("evient_t_" + random_hex());
    std::filesystem::create_directories(sqlite_dir_);
    url_ = (sqlite_dir_ / "test.db").string();
  } else if (engine == "postgres") {
    engine_ = store::Engine::Postgres;
    const char* server = std::getenv("EVIENT_TEST_PG_URL");
    if (!server || !*server) {
      throw std::runtime_error(
          "EVIENT_TEST_ENGINE=postgres needs EVIENT_TEST_PG_URL; run the tests through "
          "scripts/with_test_postgres.sh");
    }
    admin_url_ = server;
    pg_name_ = "evient_t_" + random_hex();
    run_admin(admin_url_, "CREATE DATABASE " + pg_name_);
    url_ = with_database(admin_url_, pg_name_);
  } else {
    throw std::runtime_error("EVIENT_TEST_ENGINE must be sqlite or postgres, not " + engine);
  }
}

TestDatabase::~TestDatabase() {
  // A destructor must not throw; a database left behind only costs disk space
  // in a cluster that is thrown away, so report and carry on.
  if (engine_ == store::Engine::Sqlite) {
    std::error_code ec;
    std::filesystem::remove_all(sqlite_dir_, ec);
    if (ec) std::fprintf(stderr, "cannot remove %s: %s\n", url_.c_str(), ec.message().c_str());
    return;
  }
  try {
    // FORCE: a test (or the server it started) may still hold connections.
    run_admin(admin_url_, "DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "cannot drop test database %s: %s\n", pg_name_.c_str(), e.what());
  }
}

std::unique_ptr<store::Database> TestDatabase::open(int pool_size) const {
  return store::open_database({.url = url_, .pool_size = pool_size});
}

}  // namespace evient::test
