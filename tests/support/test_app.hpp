#pragma once
// The real application, started in-process on port 0 against a fresh database
// (SQLite or PostgreSQL, per EVIENT_TEST_ENGINE), with a clock the test moves.
#include <functional>
#include <memory>
#include <string>

#include "app.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "support/http_client.hpp"
#include "support/status_text.hpp"
#include "support/test_db.hpp"

namespace evient::test {

inline constexpr const char* kTestJwtSecret = "test-jwt-secret-0123456789abcdef";
inline constexpr const char* kTestPaymentSecret = "test-payment-secret-0123456789";
inline constexpr const char* kTestPassword = "password123";

class TestServer {
 public:
  // `tweak` may change the configuration before the application starts.
  explicit TestServer(const std::function<void(Config&)>& tweak = {});
  ~TestServer();

  std::uint16_t port() const { return port_; }
  std::unique_ptr<HttpClient> client() const { return std::make_unique<HttpClient>(port_); }
  HttpClient& http() { return *client_; }
  ManualClock& clock() { return *clock_; }
  App& app() { return *app_; }
  const std::string& db_url() const { return db_.url(); }

  // Registers a user over HTTP and returns the token (fails the test on error).
  std::string register_user(const std::string& email, const std::string& password = kTestPassword,
                            const std::string& full_name = "Test User");
  std::string login(const std::string& email, const std::string& password = kTestPassword);
  // Creates an admin straight in the database and logs in over HTTP.
  std::string admin_token(const std::string& email = "root@evient.test");
  // The id of the user behind a token (GET /api/auth/me).
  std::string user_id(const std::string& token);

 private:
  TestDatabase db_;
  std::shared_ptr<ManualClock> clock_;
  std::unique_ptr<App> app_;
  std::uint16_t port_ = 0;
  std::unique_ptr<HttpClient> client_;
};

// Base config for tests: port 0, fixed secrets, quiet logs, generous rate limits.
Config test_config(const std::string& db_url);

}  // namespace evient::test
