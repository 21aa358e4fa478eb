#include "services/payment_service.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/crypto.hpp"
#include "core/errors.hpp"
#include "core/log.hpp"
#include "core/metrics.hpp"
#include "services/notification_service.hpp"
#include "services/order_service.hpp"
#include "store/db.hpp"
#include "store/orders_repo.hpp"
#include "store/seating_repo.hpp"

namespace evient {

std::string_view outcome_name(PaymentOutcome o) {
  switch (o) {
    case PaymentOutcome::Paid:
      return "paid";
    case PaymentOutcome::AlreadyProcessed:
      return "already_processed";
    case PaymentOutcome::Failed:
      return "failed";
    case PaymentOutcome::Ignored:
      return "ignored";
    case PaymentOutcome::RefundRequired:
      return "refund_required";
  }
  return "ignored";
}

namespace {

// Items in lock order (by ticket type id), as checkout reserves them.
std::vector<OrderItem> sorted_items(const Order& order) {
  std::vector<OrderItem> items = order.items;
  std::sort(items.begin(), items.end(), [](const OrderItem& a, const OrderItem& b) {
    return a.ticket_type_id < b.ticket_type_id;
  });
  return items;
}

// Reserves every item again or none of them; never for an event that is no
// longer on sale (cancelled or over by now).
bool re_reserve(store::Tx& tx, const Order& order, Timestamp now) {
  const auto items = sorted_items(order);
  for (const auto& item : items) {
    auto s = store::orders::find_sellable_type(tx, item.ticket_type_id);
    if (!s || s->event_status != EventStatus::Published || (s->event_end && *s->event_end <= now)) {
      return false;
    }
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!store::orders::reserve(tx, items[i].ticket_type_id, items[i].quantity)) {
      for (std::size_t j = 0; j < i; ++j) {
        store::orders::unreserve(tx, items[j].ticket_type_id, items[j].quantity);
      }
      return false;
    }
  }
  // A seated order gets the very seats it chose, or nothing.
  const std::int64_t seats = store::seating::count_order_seats(tx, order.id);
  if (seats > 0 && store::seating::rehold_order(tx, order.id, now) != seats) {
    store::seating::release_order(tx, order.id);
    for (const auto& item : items) store::orders::unreserve(tx, item.ticket_type_id, item.quantity);
    return false;
  }
  return true;
}

PaymentOutcome pay(store::Tx& tx, const Order& order, Timestamp now) {
  auto tickets = checkout::issue_tickets(tx, order, now);
  notify::order_paid(tx, order, tickets.size(), now);
  return PaymentOutcome::Paid;
}

PaymentOutcome flag_refund(store::Tx& tx, const Order& order, Timestamp now) {
  store::orders::set_refund_required(tx, order.id, now);
  if (!order.refund_required) notify::refund_required(tx, order, now);
  log::warn("payment for order " + order.id + " needs a refund");
  return PaymentOutcome::RefundRequired;
}

}  // namespace

PaymentService::PaymentService(store::Database& db, const Clock& clock, const Config& config)
    : db_(db), clock_(clock) {
  auto sandbox = std::make_unique<SandboxProvider>(config.payment_secret, config.public_url, clock);
  sandbox_ = sandbox.get();
  add_provider(std::move(sandbox));
  // The sandbox is the only provider built in; resolve_payment_provider (at
  // `serve`) has refused anything else, and an empty choice (tools) means it.
  if (!config.payment_provider.empty() && config.payment_provider != sandbox_->name()) {
    throw std::invalid_argument("unknown payment provider " + config.payment_provider);
  }
}

PaymentService::~PaymentService() = default;

void PaymentService::add_provider(std::unique_ptr<PaymentProvider> provider) {
  const std::string name = provider->name();
  providers_[name] = std::move(provider);
}

const PaymentProvider* PaymentService::provider(std::string_view name) const {
  auto it = providers_.find(name);
  return it == providers_.end() ? nullptr : it->second.get();
}

const PaymentProvider& PaymentService::checkout_provider() const {
  return *sandbox_;
}

PaymentResult PaymentService::handle_notification(std::string_view provider_name,
                                                  const HeaderMap& headers,
                                                  std::string_view raw_body) {
  const PaymentProvider* p = provider(provider_name);
  if (!p) throw NotFound("Unknown payment provider", "PROVIDER_NOT_FOUND");
  const PaymentNotification n = p->verify_notification(headers, raw_body);
  try {
    PaymentResult result = apply(*p, n);
    auto& m = metrics::registry();
    if (result.outcome == PaymentOutcome::Paid) m.orders_paid.inc();
    if (result.outcome == PaymentOutcome::Failed) m.orders_released.with({"payment_failed"}).inc();
    return result;
  } catch (const store::ConstraintViolation&) {
    // uniq_orders_payment_tx: this transaction id already paid another order.
    throw BadRequest("This transaction was already applied to another order",
                     "DUPLICATE_TRANSACTION");
  }
}

PaymentResult PaymentService::apply(const PaymentProvider& provider, const PaymentNotification& n) {
  const std::string method = provider.name();
  return db_.batched([&](store::Tx& tx) {
    const Timestamp now = clock_.now();
    auto order = store::orders::find(tx, n.order_id);
    if (!order) throw BadRequest("Unknown order", "ORDER_NOT_FOUND");
    PaymentResult result{order->id, PaymentOutcome::Ignored};
    if (order->payment_method == method && order->payment_transaction_id == n.transaction_id) {
      result.outcome = PaymentOutcome::AlreadyProcessed;
      return result;
    }
    if (n.amount != order->total_amount) {
      throw BadRequest("The amount paid does not match the order total", "AMOUNT_MISMATCH");
    }
    if (n.status == PaymentNotification::Status::Failed) {
      result.outcome =
          checkout::release_order(tx, order->id, notify::ReleaseReason::PaymentFailed, now)
              ? PaymentOutcome::Failed
              : PaymentOutcome::Ignored;
      return result;
    }
    // The common case: the order still holds its tickets.
    if (store::orders::mark_paid_if_pending(tx, order->id, method, n.transaction_id, now)) {
      result.outcome = pay(tx, *order, now);
      return result;
    }
    // Someone changed it first: look again (READ COMMITTED sees their commit).
    order = store::orders::find(tx, n.order_id);
    if (order->payment_method == method && order->payment_transaction_id == n.transaction_id) {
      result.outcome = PaymentOutcome::AlreadyProcessed;
      return result;
    }
    if (order->status == OrderStatus::Cancelled &&
        store::orders::claim_late_payment(tx, order->id, method, n.transaction_id, now)) {
      if (re_reserve(tx, *order, now)) {
        store::orders::mark_late_paid(tx, order->id, now);
        result.outcome = pay(tx, *order, now);
      } else {
        result.outcome = flag_refund(tx, *order, now);
      }
      return result;
    }
    // Paid (or refunded) under another transaction: money arrived twice.
    result.outcome = flag_refund(tx, *order, now);
    return result;
  });
}

namespace {

// Money moved through a provider (free orders carry no transaction).
bool paid_through_provider(const Order& order) {
  return order.payment_method && order.payment_transaction_id && order.total_amount > 0;
}

}  // namespace

PaymentProvider* PaymentService::provider_of(const Order& order) const {
  if (!paid_through_provider(order)) return nullptr;
  auto it = providers_.find(*order.payment_method);
  return it == providers_.end() ? nullptr : it->second.get();
}

RefundStep PaymentService::refund(store::Tx& tx, const Order& order) {
  if (!paid_through_provider(order)) return RefundStep::NotNeeded;
  PaymentProvider* p = provider_of(order);
  if (!p || !p->refunds_locally()) {
    // A network provider (or one this build no longer has): owed until it answers.
    store::orders::set_refund_required(tx, order.id, clock_.now());
    return RefundStep::AfterCommit;
  }
  if (!p->refund(order)) {
    throw Conflict("REFUND_REJECTED", "The payment provider refused the refund");
  }
  return RefundStep::Refunded;
}

bool PaymentService::call_provider_refund(const Order& order) {
  if (!paid_through_provider(order)) return true;
  PaymentProvider* p = provider_of(order);
  if (!p) return false;
  try {
    return p->refund(order);
  } catch (const std::exception& ex) {
    log::error("provider refund of order " + order.id + " failed: " + ex.what());
    return false;
  }
}

bool PaymentService::refund_after_commit(const Order& order) {
  if (!call_provider_refund(order)) return false;
  db_.write(
      [&](store::Tx& tx) { store::orders::clear_refund_required(tx, order.id, clock_.now()); });
  return true;
}

Order PaymentService::sandbox_order(const std::string& order_id, std::string_view sig) {
  if (!crypto::is_uuid(order_id) || !sandbox_->valid_page_signature(order_id, sig)) {
    throw NotFound("Payment not found", "PAYMENT_NOT_FOUND");
  }
  auto order = db_.read([&](store::Tx& tx) { return store::orders::find(tx, order_id); });
  if (!order) throw NotFound("Payment not found", "PAYMENT_NOT_FOUND");
  return *order;
}

PaymentResult PaymentService::sandbox_complete(const std::string& order_id, std::string_view sig,
                                               bool pay_now) {
  const Order order = sandbox_order(order_id, sig);
  auto [headers, body] = sandbox_->make_notification(order, pay_now);
  return handle_notification(sandbox_->name(), headers, body);
}

}  // namespace evient
