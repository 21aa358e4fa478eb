#include "support/test_app.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "core/crypto.hpp"
#include "store/users_repo.hpp"

namespace evient::test {
namespace json = boost::json;

Config test_config(const std::string& db_url) {
  Config c;
  c.db = db_url;
  c.address = "127.0.0.1";
  c.port = 0;
  c.jwt_secret = kTestJwtSecret;
  c.payment_secret = kTestPaymentSecret;
  c.access_log = false;
  c.io_threads = 1;
  c.worker_threads = 4;
  c.db_pool = 4;
  c.login_attempts_per_minute = 1000;
  c.login_failures_per_ip_minute = 1000;
  c.registrations_per_ip_minute = 1000;
  c.payment_provider = "sandbox";
  // Every test client is 127.0.0.1: tests that need the per-address bound on
  // unpaid holds set it themselves (hold_bounds_test.cpp).
  c.max_held_tickets_per_ip = 0;
  // Tests sign many users up back to back; the bounded queue has tests of its own.
  c.hash_queue = 64;
  c.public_url = "http://127.0.0.1";
  c.web_dir = "none";  // API tests; web_static_test serves a folder of its own
  // Tests move the clock by hours and days with the tokens they hold; the
  // default lifetime (an hour) has a test of its own.
  c.jwt_ttl = std::chrono::hours(24);
  return c;
}

TestServer::TestServer(const std::function<void(Config&)>& tweak)
    : clock_(std::make_shared<ManualClock>()) {
  Config c = test_config(db_.url());
  if (tweak) tweak(c);
  init_process(c);
  app_ = std::make_unique<App>(c, clock_);
  port_ = app_->start(/*background_tasks=*/false);
  client_ = std::make_unique<HttpClient>(port_);
}

TestServer::~TestServer() {
  client_.reset();
  app_->stop();
  app_.reset();
}

std::string TestServer::register_user(const std::string& email, const std::string& password,
                                      const std::string& full_name) {
  auto r = client_->post("/api/auth/register",
                         {{"email", email}, {"password", password}, {"full_name", full_name}});
  if (r.status != 201) throw std::runtime_error("register failed: " + r.body);
  return std::string(r.json().at("data").at("token").as_string());
}

std::string TestServer::login(const std::string& email, const std::string& password) {
  auto r = client_->post("/api/auth/login", {{"email", email}, {"password", password}});
  if (r.status != 200) throw std::runtime_error("login failed: " + r.body);
  return std::string(r.json().at("data").at("token").as_string());
}

std::string TestServer::admin_token(const std::string& email) {
  User u;
  u.id = crypto::uuid_v4();
  u.email = email;
  u.password_hash = crypto::hash_password(kTestPassword);
  u.full_name = "Test Admin";
  u.role = Role::Admin;
  u.created_at = u.updated_at = clock_->now();
  app_->db().write([&](store::Tx& tx) { store::users::insert(tx, u); });
  return login(email);
}

std::string TestServer::user_id(const std::string& token) {
  auto r = client_->get("/api/auth/me", token);
  if (r.status != 200) throw std::runtime_error("me failed: " + r.body);
  return std::string(r.json().at("data").at("user").at("id").as_string());
}

}  // namespace evient::test
