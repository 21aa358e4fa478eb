// POST /api/payments/webhook/:provider and the sandbox payment page's calls.
#include <gtest/gtest.h>

#include <algorithm>

#include "checkout_support.hpp"
#include "tools/consistency.hpp"
#include "services/order_service.hpp"

namespace evient::test {
namespace {
namespace json = boost::json;
using namespace checkout_support;
using std::chrono::minutes;
using std::chrono::seconds;

class PaymentsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    event_ = create_event(app(), {.title = "Jazz <b>&</b> Blues"});
    ga_ =
        create_ticket_type(app(), event_.id, {.name = "GA", .price = 150000, .quantity_total = 2});
    alice_ = quick_buyer(app(), "alice@example.com");
    bob_ = quick_buyer(app(), "bob@example.com");
  }
  App& app() { return server_.app(); }
  HttpClient& http() { return server_.http(); }
  std::string pending_order(const std::string& token, std::int64_t quantity = 2) {
    auto r = order(http(), token, {{ga_.id, quantity}});
    EXPECT_EQ(r.status, 201u) << r.body;
    return order_id(r);
  }
  json::array notifications(const std::string& token) {
    return http().get("/api/notifications", token).json().at("data").as_array();
  }

  TestServer server_;
  Event event_;
  TicketType ga_;
  std::string alice_, bob_;
};

TEST_F(PaymentsTest, ASignedSuccessPaysTheOrderIssuesTicketsAndNotifies) {
  const std::string id = pending_order(alice_);
  auto r = pay(server_, id, 300000, "tx-1");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(str(r.json().at("data").at("outcome")), "paid");
  auto o = get_order(server_, alice_, id);
  EXPECT_EQ(str(o.at("order").at("status")), "paid");
  EXPECT_EQ(str(o.at("order").at("payment_method")), "sandbox");
  EXPECT_EQ(str(o.at("order").at("payment_transaction_id")), "tx-1");
  EXPECT_FALSE(o.at("order").at("paid_at").is_null());
  EXPECT_TRUE(o.at("payment").is_null());
  ASSERT_EQ(o.at("tickets").as_array().size(), 2u);
  EXPECT_EQ(o.at("tickets").at(0).at("price_at_purchase").as_int64(), 150000);
  EXPECT_EQ(quantity_sold(app(), ga_.id), 2);
  auto n = notifications(alice_);
  ASSERT_EQ(n.size(), 1u);
  EXPECT_NE(str(n[0].at("title")).find("confirmed"), std::string::npos);
  EXPECT_TRUE(check_inventory(app().db()).empty());
}

TEST_F(PaymentsTest, BadOrStaleSignaturesChangeNothing) {
  const std::string id = pending_order(alice_);
  const std::string body = sandbox::notification_body(id, "tx-1", true, 300000);
  auto wrong_key = send_webhook(server_, body, seconds(0), "another-secret");
  EXPECT_EQ(wrong_key.status, 400u);
  EXPECT_EQ(error_code(wrong_key), "INVALID_SIGNATURE");
  EXPECT_EQ(error_code(send_webhook(server_, body, seconds(301))), "INVALID_SIGNATURE");
  EXPECT_EQ(error_code(send_webhook(server_, body, seconds(-301))), "INVALID_SIGNATURE");
  auto unsigned_req = http().request("POST", "/api/payments/webhook/sandbox", body,
                                     {{"Content-Type", "application/json"}});
  EXPECT_EQ(error_code(unsigned_req), "INVALID_SIGNATURE");
  // A valid signature over a different body.
  const auto t = server_.clock().now().time_since_epoch().count();
  auto tampered = http().request(
      "POST", "/api/payments/webhook/sandbox", sandbox::notification_body(id, "tx-1", true, 1),
      {{"X-Evient-Signature", sandbox::sign(kTestPaymentSecret, t, body)}});
  EXPECT_EQ(error_code(tampered), "INVALID_SIGNATURE");
  EXPECT_EQ(str(get_order(server_, alice_, id).at("order").at("status")), "pending");
  EXPECT_TRUE(notifications(alice_).empty());

  EXPECT_EQ(send_webhook(server_, body, seconds(299)).status, 200u);  // within five minutes
  EXPECT_EQ(http().request("POST", "/api/payments/webhook/stripe", body, {}).status, 404u);
}

TEST_F(PaymentsTest, AWrongAmountChangesNothing) {
  const std::string id = pending_order(alice_);
  auto r = pay(server_, id, 150000);
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(error_code(r), "AMOUNT_MISMATCH");
  auto o = get_order(server_, alice_, id);
  EXPECT_EQ(str(o.at("order").at("status")), "pending");
  EXPECT_TRUE(o.at("order").at("payment_transaction_id").is_null());
  EXPECT_EQ(pay(server_, crypto::uuid_v4(), 1).status, 400u);  // unknown order
}

TEST_F(PaymentsTest, AReplayedTransactionChangesNothing) {
  const std::string id = pending_order(alice_);
  ASSERT_EQ(pay(server_, id, 300000, "tx-9").status, 200u);
  auto replay = pay(server_, id, 300000, "tx-9");
  ASSERT_EQ(replay.status, 200u);
  EXPECT_EQ(str(replay.json().at("data").at("outcome")), "already_processed");
  EXPECT_EQ(get_order(server_, alice_, id).at("tickets").as_array().size(), 2u);
  EXPECT_EQ(notifications(alice_).size(), 1u);
  EXPECT_EQ(quantity_sold(app(), ga_.id), 2);
}

TEST_F(PaymentsTest, AFailedPaymentCancelsAndReleases) {
  const std::string id = pending_order(alice_);
  auto r = pay(server_, id, 300000, "tx-f", /*succeeded=*/false);
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(str(r.json().at("data").at("outcome")), "failed");
  EXPECT_EQ(str(get_order(server_, alice_, id).at("order").at("status")), "cancelled");
  EXPECT_EQ(quantity_sold(app(), ga_.id), 0);
}

TEST_F(PaymentsTest, ALatePaymentReReservesWhenTicketsAreLeft) {
  const std::string id = pending_order(alice_);
  server_.clock().advance(minutes(16));
  EXPECT_EQ(app().services().orders->release_expired(), 1);
  EXPECT_EQ(quantity_sold(app(), ga_.id), 0);
  auto r = pay(server_, id, 300000, "tx-late");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(str(r.json().at("data").at("outcome")), "paid");
  auto o = get_order(server_, alice_, id);
  EXPECT_EQ(str(o.at("order").at("status")), "paid");
  EXPECT_EQ(o.at("tickets").as_array().size(), 2u);
  EXPECT_EQ(quantity_sold(app(), ga_.id), 2);
  EXPECT_TRUE(check_inventory(app().db()).empty());
}

TEST_F(PaymentsTest, ALatePaymentForSoldOutTicketsIsFlaggedForRefund) {
  const std::string id = pending_order(alice_);
  server_.clock().advance(minutes(16));
  const std::string bobs = pending_order(bob_);  // releases Alice's hold, takes both seats
  ASSERT_EQ(pay(server_, bobs, 300000).status, 200u);
  auto r = pay(server_, id, 300000, "tx-late");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(str(r.json().at("data").at("outcome")), "refund_required");
  auto o = get_order(server_, alice_, id);
  EXPECT_EQ(str(o.at("order").at("status")), "cancelled");
  EXPECT_TRUE(o.at("order").at("refund_required").as_bool());
  EXPECT_EQ(str(o.at("order").at("payment_transaction_id")), "tx-late");
  EXPECT_TRUE(o.at("tickets").as_array().empty());
  EXPECT_EQ(quantity_sold(app(), ga_.id), 2);  // not oversold
  auto n = notifications(alice_);
  ASSERT_EQ(n.size(), 2u);  // expired, then the refund
  const bool told = std::any_of(n.begin(), n.end(), [](const json::value& v) {
    return std::string(v.at("message").as_string()).find("refunded") != std::string::npos;
  });
  EXPECT_TRUE(told);
  EXPECT_EQ(str(pay(server_, id, 300000, "tx-late").json().at("data").at("outcome")),
            "already_processed");
  EXPECT_EQ(notifications(alice_).size(), 2u);
  EXPECT_TRUE(check_inventory(app().db()).empty());
}

TEST_F(PaymentsTest, ALatePaymentForACancelledEventIsFlaggedForRefund) {
  const std::string id = pending_order(alice_);
  server_.clock().advance(minutes(16));
  EXPECT_EQ(app().services().orders->release_expired(), 1);
  app().db().write([&](store::Tx& tx) {
    tx.exec("UPDATE events SET status = 'cancelled' WHERE id = $1", {event_.id});
  });
  auto r = pay(server_, id, 300000);
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(str(r.json().at("data").at("outcome")), "refund_required");
  EXPECT_EQ(quantity_sold(app(), ga_.id), 0);
  EXPECT_TRUE(get_order(server_, alice_, id).at("order").at("refund_required").as_bool());
}

TEST_F(PaymentsTest, TheSandboxPagePaysThroughTheWebhookPath) {
  auto created = order(http(), alice_, {{ga_.id, 1}});
  const std::string id = order_id(created);
  const std::string url = str(created.json().at("data").at("payment").at("url"));
  ASSERT_TRUE(url.starts_with("http://127.0.0.1/checkout/sandbox/" + id + "?sig=")) << url;
  const std::string sig = url.substr(url.find("sig=") + 4);

  // What the web app's payment page reads: the order, without a login.
  auto page = http().get("/api/payments/sandbox/" + id + "?sig=" + sig);
  ASSERT_EQ(page.status, 200u) << page.body;
  EXPECT_EQ(str(page.json().at("data").at("order").at("id")), id);
  EXPECT_EQ(str(page.json().at("data").at("order").at("items").at(0).at("event_title")),
            "Jazz <b>&</b> Blues");  // text, escaped by the page that shows it
  EXPECT_TRUE(page.json().at("data").at("payable").as_bool());
  EXPECT_EQ(http().get("/api/payments/sandbox/" + id + "?sig=00").status, 404u);
  EXPECT_EQ(http().get("/api/payments/sandbox/" + id).status, 404u);

  auto forged = http().post("/api/payments/sandbox/" + id + "/complete",
                            boost::json::object{{"action", "pay"}, {"sig", "bad"}});
  EXPECT_EQ(forged.status, 404u);
  auto bad_action = http().post("/api/payments/sandbox/" + id + "/complete",
                                boost::json::object{{"action", "steal"}, {"sig", sig}});
  EXPECT_EQ(bad_action.status, 422u);
  auto done = http().post("/api/payments/sandbox/" + id + "/complete",
                          boost::json::object{{"action", "pay"}, {"sig", sig}});
  ASSERT_EQ(done.status, 200u) << done.body;
  EXPECT_EQ(str(done.json().at("data").at("outcome")), "paid");
  auto o = get_order(server_, alice_, id);
  EXPECT_EQ(str(o.at("order").at("status")), "paid");
  EXPECT_EQ(str(o.at("order").at("payment_method")), "sandbox");
  EXPECT_TRUE(str(o.at("order").at("payment_transaction_id")).starts_with("sbx_"));
  EXPECT_EQ(o.at("tickets").as_array().size(), 1u);
  // Nothing left to pay; paying again changes nothing.
  auto after = http().get("/api/payments/sandbox/" + id + "?sig=" + sig);
  EXPECT_FALSE(after.json().at("data").at("payable").as_bool());
  auto again = http().post("/api/payments/sandbox/" + id + "/complete",
                           boost::json::object{{"action", "pay"}, {"sig", sig}});
  EXPECT_EQ(again.status, 200u);
  EXPECT_EQ(get_order(server_, alice_, id).at("tickets").as_array().size(), 1u);
}

TEST_F(PaymentsTest, TheSandboxCancelButtonReleasesTheOrder) {
  auto created = order(http(), alice_, {{ga_.id, 2}});
  const std::string url = str(created.json().at("data").at("payment").at("url"));
  const std::string sig = url.substr(url.find("sig=") + 4);
  auto done = http().post("/api/payments/sandbox/" + order_id(created) + "/complete",
                          boost::json::object{{"action", "cancel"}, {"sig", sig}});
  ASSERT_EQ(done.status, 200u) << done.body;
  EXPECT_EQ(str(get_order(server_, alice_, order_id(created)).at("order").at("status")),
            "cancelled");
  EXPECT_EQ(quantity_sold(app(), ga_.id), 0);
}

}  // namespace
}  // namespace evient::test
