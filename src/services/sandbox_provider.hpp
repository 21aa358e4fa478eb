#pragma once
// The built-in `sandbox` provider: no network, no real money. Its payment page
// (the web app's /checkout/sandbox/<order_id>?sig=...) completes the flow through the same
// signed-webhook path a real provider uses.
//
// Webhook: body {"order_id","transaction_id","status":"succeeded"|"failed","amount"}
// with header X-Evient-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">
// under the payment secret; signatures older or newer than five minutes are refused.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "services/payment_provider.hpp"

namespace evient {

namespace sandbox {

inline constexpr std::chrono::seconds kSignatureTolerance{300};
inline constexpr const char* kSignatureHeader = "x-evient-signature";

struct SignatureHeader {
  std::int64_t timestamp = 0;
  std::vector<std::string> signatures;  // every v1= value (several during key rotation)
};

// "t=123,v1=abc" -> {123, {"abc"}}; nullopt when t is missing or not a number, or
// when there is no v1.
std::optional<SignatureHeader> parse_signature_header(std::string_view header);
// The header value a sender puts on `body` at `timestamp`.
std::string sign(std::string_view secret, std::int64_t timestamp, std::string_view body);
// True when the header is well-formed, within the tolerance of `now` and one of
// its signatures matches (constant-time comparison).
bool verify_signature(std::string_view secret, std::string_view header, std::string_view body,
                      Timestamp now, std::chrono::seconds tolerance = kSignatureTolerance);
// The JSON body of a notification.
std::string notification_body(const std::string& order_id, const std::string& transaction_id,
                              bool succeeded, Minor amount);
// The signature that makes a payment-page link valid for one order.
std::string page_signature(std::string_view secret, std::string_view order_id);

}  // namespace sandbox

class SandboxProvider final : public PaymentProvider {
 public:
  SandboxProvider(std::string secret, std::string public_url, const Clock& clock);

  std::string name() const override { return "sandbox"; }
  PaymentSession create_payment(const Order& order) const override;
  PaymentNotification verify_notification(const HeaderMap& headers,
                                          std::string_view raw_body) const override;
  bool refund(const Order& order) override;
  // The sandbox "bank" is in-process: its refund is a log line.
  bool refunds_locally() const override { return true; }
  bool is_test() const override { return true; }

  bool valid_page_signature(std::string_view order_id, std::string_view sig) const;
  // A signed notification as the sandbox "bank" would send it, stamped now.
  std::pair<HeaderMap, std::string> make_notification(const Order& order, bool succeeded) const;

 private:
  std::string secret_;
  std::string public_url_;
  const Clock& clock_;
};

}  // namespace evient
