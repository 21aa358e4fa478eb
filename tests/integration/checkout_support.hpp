#pragma once
// Helpers shared by the checkout integration tests (orders, payments, wallet,
// notifications): placing orders, signing sandbox webhooks, reading counters.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/crypto.hpp"
#include "services/auth_service.hpp"
#include "services/sandbox_provider.hpp"
#include "services/services.hpp"
#include "store/events_repo.hpp"
#include "store/users_repo.hpp"
#include "support/fixtures.hpp"
#include "support/test_app.hpp"

namespace evient::test::checkout_support {
namespace json = boost::json;

using Lines = std::vector<std::pair<std::string, std::int64_t>>;

inline json::object order_body(const Lines& lines) {
  json::array items;
  for (const auto& [id, q] : lines) items.push_back({{"ticket_type_id", id}, {"quantity", q}});
  return {{"ticket_items", std::move(items)}};
}

inline HttpResponse post_order(HttpClient& http, const std::string& token, const json::value& body,
                               const std::string& idempotency_key = {}) {
  std::vector<std::pair<std::string, std::string>> headers{{"Authorization", "Bearer " + token},
                                                           {"Content-Type", "application/json"}};
  if (!idempotency_key.empty()) headers.emplace_back("Idempotency-Key", idempotency_key);
  return http.request("POST", "/api/orders", json::serialize(body), headers);
}

inline HttpResponse order(HttpClient& http, const std::string& token, const Lines& lines,
                          const std::string& idempotency_key = {}) {
  return post_order(http, token, order_body(lines), idempotency_key);
}

inline std::string str(const json::value& v) {
  return std::string(v.as_string());
}

inline std::string order_id(const HttpResponse& r) {
  return str(r.json().at("data").at("order").at("id"));
}

inline std::int64_t quantity_sold(App& app, const std::string& type_id) {
  return app.db().read(
      [&](store::Tx& tx) { return store::events::find_ticket_type(tx, type_id)->quantity_sold; });
}

// A buyer inserted straight into the database (no Argon2id), with a valid token.
inline std::string quick_buyer(App& app, const std::string& email) {
  User u;
  u.id = crypto::uuid_v4();
  u.email = email;
  u.password_hash = "not-a-login-password";
  u.full_name = "Buyer";
  u.created_at = u.updated_at = app.clock().now();
  app.db().write([&](store::Tx& tx) { store::users::insert(tx, u); });
  return app.services().auth->issue_token(u);
}

// Sends a sandbox webhook signed with the test secret at the app clock's now
// (shifted by `age`).
inline HttpResponse send_webhook(TestServer& server, const std::string& body,
                                 std::chrono::seconds age = std::chrono::seconds(0),
                                 const std::string& secret = kTestPaymentSecret) {
  const auto t = (server.clock().now() - age).time_since_epoch().count();
  return server.http().request("POST", "/api/payments/webhook/sandbox", body,
                               {{"Content-Type", "application/json"},
                                {"X-Evient-Signature", sandbox::sign(secret, t, body)}});
}

inline HttpResponse pay(TestServer& server, const std::string& order_id, Minor amount,
                        const std::string& transaction_id = "tx-" + crypto::uuid_v4(),
                        bool succeeded = true) {
  return send_webhook(server,
                      sandbox::notification_body(order_id, transaction_id, succeeded, amount));
}

inline json::object get_order(TestServer& server, const std::string& token, const std::string& id) {
  auto r = server.http().get("/api/orders/" + id, token);
  EXPECT_EQ(r.status, 200u) << r.body;
  return r.json().at("data").as_object();
}

}  // namespace evient::test::checkout_support
