#pragma once
// Payments: the providers, and the one path by which a provider's verdict
// reaches an order (handle_notification), used by the webhook endpoint and by
// the sandbox payment page alike.
//
// A payment that arrives after its order expired re-reserves the tickets with
// the same conditional update as checkout; when they are gone the order stays
// `cancelled` with refund_required = TRUE, the payment is recorded on it and the
// buyer is told. The refund itself is left to an operator (provider refund()).
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "services/payment_provider.hpp"
#include "services/sandbox_provider.hpp"
#include "store/db.hpp"

namespace evient {

enum class PaymentOutcome {
  Paid,              // the order is paid and its tickets issued
  AlreadyProcessed,  // this transaction was applied before; nothing changed
  Failed,            // the payment failed; a pending order was cancelled
  Ignored,           // a failure for an order that was no longer pending
  RefundRequired,    // money arrived but no tickets could be issued
};

std::string_view outcome_name(PaymentOutcome o);

struct PaymentResult {
  std::string order_id;
  PaymentOutcome outcome = PaymentOutcome::Ignored;
};

class PaymentService {
 public:
  PaymentService(store::Database& db, const Clock& clock, const Config& config);
  ~PaymentService();

  void add_provider(std::unique_ptr<PaymentProvider> provider);
  const PaymentProvider* provider(std::string_view name) const;
  // The provider new orders are sent to.
  const PaymentProvider& checkout_provider() const;

  // Verifies the notification through the provider, then applies it in one
  // transaction. Throws NotFound for an unknown provider, BadRequest for a bad
  // signature or payload (INVALID_SIGNATURE, INVALID_PAYLOAD), an unknown order
  // (ORDER_NOT_FOUND) or a wrong amount (AMOUNT_MISMATCH); nothing changes then.
  PaymentResult handle_notification(std::string_view provider, const HeaderMap& headers,
                                    std::string_view raw_body);

  // The sandbox payment page. NotFound unless `sig` is the page signature.
  Order sandbox_order(const std::string& order_id, std::string_view sig);
  // The page's Pay / Cancel buttons: a signed notification through handle_notification.
  PaymentResult sandbox_complete(const std::string& order_id, std::string_view sig, bool pay);

 private:
  PaymentResult apply(const PaymentProvider& provider, const PaymentNotification& n);

  store::Database& db_;
  const Clock& clock_;
  SandboxProvider* sandbox_ = nullptr;
  std::map<std::string, std::unique_ptr<PaymentProvider>, std::less<>> providers_;
};

}  // namespace evient
