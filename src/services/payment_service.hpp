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
#include "services/store_handles.hpp"

namespace evient {

enum class PaymentOutcome {
  Paid,              // the order is paid and its tickets issued
  AlreadyProcessed,  // this transaction was applied before; nothing changed
  Failed,            // the payment failed; a pending order was cancelled
  Ignored,           // a failure for an order that was no longer pending
  RefundRequired,    // money arrived but no tickets could be issued
};

std::string_view outcome_name(PaymentOutcome o);

// How PaymentService::refund left an order's money.
enum class RefundStep {
  NotNeeded,    // nothing was paid through a provider (free order)
  Refunded,     // the provider gave it back, within the caller's transaction
  AfterCommit,  // the provider needs the network: call refund_after_commit() once committed
};

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

  // Refunds an order that is being marked refunded in `tx`, through the provider
  // that took its payment. A provider whose refund is local (the sandbox) is
  // called right here, so the refund and the books commit or roll back together;
  // its rejection throws Conflict REFUND_REJECTED (nothing changes). Any other
  // provider is not called inside a transaction: the order gets
  // refund_required = TRUE in `tx` (the money is still owed if we stop now) and
  // the caller runs refund_after_commit().
  RefundStep refund(store::Tx& tx, const Order& order);
  // Outside any transaction: calls the order's provider and, when it accepts,
  // clears refund_required. False leaves the mark for an operator to retry.
  bool refund_after_commit(const Order& order);
  // Calls the order's provider, nothing else (no transaction); true when it
  // accepted or nothing was paid through a provider.
  bool call_provider_refund(const Order& order);

  // The sandbox payment page. NotFound unless `sig` is the page signature.
  Order sandbox_order(const std::string& order_id, std::string_view sig);
  // The page's Pay / Cancel buttons: a signed notification through handle_notification.
  PaymentResult sandbox_complete(const std::string& order_id, std::string_view sig, bool pay);

 private:
  PaymentResult apply(const PaymentProvider& provider, const PaymentNotification& n);
  // The provider that took the order's payment; nullptr when none did.
  PaymentProvider* provider_of(const Order& order) const;

  store::Database& db_;
  const Clock& clock_;
  SandboxProvider* sandbox_ = nullptr;
  std::map<std::string, std::unique_ptr<PaymentProvider>, std::less<>> providers_;
};

}  // namespace evient
