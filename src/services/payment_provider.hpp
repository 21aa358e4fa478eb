#pragma once
// What EViENT needs from a payment provider. The order flow asks a provider for
// the URL where the buyer pays; the provider later tells us the outcome with a
// signed notification (webhook), which PaymentService verifies through the
// provider and applies in one transaction. README.md ("Payments") describes how
// a real provider plugs in.
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/money.hpp"
#include "domain/models.hpp"

namespace evient {

struct PaymentSession {
  std::string provider;
  std::string url;  // where the buyer pays
};

struct PaymentNotification {
  enum class Status { Paid, Failed };
  std::string order_id;
  std::string transaction_id;  // the provider's id; a second delivery of it changes nothing
  Status status = Status::Failed;
  Minor amount = 0;
};

using HeaderMap = std::unordered_map<std::string, std::string>;  // lower-case names

class PaymentProvider {
 public:
  virtual ~PaymentProvider() = default;
  // The name used in URLs (/api/payments/webhook/<name>) and stored as payment_method.
  virtual std::string name() const = 0;
  // Called inside the order transaction, so it must not wait on the network:
  // providers whose sessions are created by an API call hand out a URL of ours
  // that creates the session when the buyer opens it.
  virtual PaymentSession create_payment(const Order& order) const = 0;
  // Authenticates a notification (headers + raw body) and parses it. Throws
  // BadRequest (INVALID_SIGNATURE, INVALID_PAYLOAD) when it cannot be trusted.
  virtual PaymentNotification verify_notification(const HeaderMap& headers,
                                                  std::string_view raw_body) const = 0;
  // Gives the money of a paid order back; true when the provider accepted it.
  virtual bool refund(const Order& order) = 0;
  // True when refund() does only local work (no network, no waiting), so it may
  // run inside the transaction that marks the order refunded. A provider whose
  // refund is an API call keeps false: it is then called after that commit.
  virtual bool refunds_locally() const { return false; }
  // True when no money moves (the sandbox): its orders are test orders.
  virtual bool is_test() const { return false; }
};

}  // namespace evient
