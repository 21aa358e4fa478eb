// The sandbox provider's webhook signatures and notification parsing.
#include <gtest/gtest.h>

#include "core/crypto.hpp"
#include "core/errors.hpp"
#include "services/sandbox_provider.hpp"

namespace evient {
namespace {

using std::chrono::seconds;

constexpr const char* kSecret = "unit-secret";

class FixedClock final : public Clock {
 public:
  explicit FixedClock(std::int64_t t) : t_(t) {}
  Timestamp now() const override { return Timestamp(seconds(t_)); }

 private:
  std::int64_t t_;
};

TEST(PaymentSignature, ParsesTimestampAndEverySignature) {
  auto h = sandbox::parse_signature_header("t=1700000000,v1=abc, v1=def,v0=old");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->timestamp, 1700000000);
  EXPECT_EQ(h->signatures, (std::vector<std::string>{"abc", "def"}));
}

TEST(PaymentSignature, RejectsMalformedHeaders) {
  EXPECT_FALSE(sandbox::parse_signature_header(""));
  EXPECT_FALSE(sandbox::parse_signature_header("v1=abc"));
  EXPECT_FALSE(sandbox::parse_signature_header("t=12"));
  EXPECT_FALSE(sandbox::parse_signature_header("t=12x,v1=abc"));
  EXPECT_FALSE(sandbox::parse_signature_header("t=-5,v1=abc"));
  EXPECT_FALSE(sandbox::parse_signature_header("t=,v1=abc"));
}

TEST(PaymentSignature, SignsTheTimestampDotBody) {
  const std::string header = sandbox::sign(kSecret, 1700000000, "{}");
  EXPECT_EQ(header, "t=1700000000,v1=" + crypto::hmac_sha256_hex(kSecret, "1700000000.{}"));
}

TEST(PaymentSignature, VerifiesWithinFiveMinutesOnly) {
  const Timestamp now{seconds(1700000000)};
  const std::string body = R"({"order_id":"x"})";
  const auto at = [&](std::int64_t offset) {
    return sandbox::sign(kSecret, 1700000000 + offset, body);
  };
  EXPECT_TRUE(sandbox::verify_signature(kSecret, at(0), body, now));
  EXPECT_TRUE(sandbox::verify_signature(kSecret, at(-300), body, now));
  EXPECT_FALSE(sandbox::verify_signature(kSecret, at(-301), body, now));
  EXPECT_FALSE(sandbox::verify_signature(kSecret, at(301), body, now));
  EXPECT_FALSE(sandbox::verify_signature("other", at(0), body, now));
  EXPECT_FALSE(sandbox::verify_signature(kSecret, at(0), body + " ", now));
  // Any one of several signatures may match (key rotation).
  EXPECT_TRUE(sandbox::verify_signature(kSecret, at(0) + ",v1=deadbeef", body, now));
  EXPECT_TRUE(sandbox::verify_signature(
      kSecret, "t=1700000000,v1=deadbeef," + at(0).substr(at(0).find("v1=")), body, now));
}

TEST(PaymentSignature, ProviderParsesAVerifiedNotification) {
  crypto::init();
  FixedClock clock(1700000000);
  SandboxProvider p(kSecret, "https://tickets.example", clock);
  const std::string body = sandbox::notification_body("o-1", "t-1", true, 1500);
  auto n = p.verify_notification({{"x-evient-signature", sandbox::sign(kSecret, 1700000000, body)}},
                                 body);
  EXPECT_EQ(n.order_id, "o-1");
  EXPECT_EQ(n.transaction_id, "t-1");
  EXPECT_EQ(n.status, PaymentNotification::Status::Paid);
  EXPECT_EQ(n.amount, 1500);

  auto code_of = [&](const std::string& b, const std::string& header) {
    try {
      p.verify_notification({{"x-evient-signature", header}}, b);
    } catch (const ApiError& e) {
      EXPECT_EQ(e.status(), 400u);
      return e.code();
    }
    return std::string();
  };
  EXPECT_EQ(code_of(body, "t=1,v1=00"), "INVALID_SIGNATURE");
  const std::string bad_status =
      R"({"order_id":"o","transaction_id":"t","status":"maybe","amount":1})";
  EXPECT_EQ(code_of(bad_status, sandbox::sign(kSecret, 1700000000, bad_status)), "INVALID_PAYLOAD");
  const std::string negative =
      R"({"order_id":"o","transaction_id":"t","status":"failed","amount":-1})";
  EXPECT_EQ(code_of(negative, sandbox::sign(kSecret, 1700000000, negative)), "INVALID_PAYLOAD");
  EXPECT_EQ(code_of("[]", sandbox::sign(kSecret, 1700000000, "[]")), "INVALID_PAYLOAD");
}

TEST(PaymentSignature, PaymentLinksAreSignedPerOrder) {
  crypto::init();
  FixedClock clock(0);
  SandboxProvider p(kSecret, "https://tickets.example", clock);
  Order o;
  o.id = "11111111-1111-4111-8111-111111111111";
  auto session = p.create_payment(o);
  EXPECT_EQ(session.provider, "sandbox");
  const std::string prefix = "https://tickets.example/checkout/sandbox/" + o.id + "?sig=";
  ASSERT_TRUE(session.url.starts_with(prefix));
  const std::string sig = session.url.substr(prefix.size());
  EXPECT_TRUE(p.valid_page_signature(o.id, sig));
  EXPECT_FALSE(p.valid_page_signature("22222222-2222-4222-8222-222222222222", sig));
}

}  // namespace
}  // namespace evient
