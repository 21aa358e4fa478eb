#pragma once
// Checkout: creating orders that never oversell, cancelling them, and releasing
// reservations whose hold ran out (by the background sweeper and lazily when
// availability is read). Inventory moves only through conditional UPDATEs whose
// affected-row count decides (store/orders_repo.hpp).
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "domain/models.hpp"
#include "services/checkout_snapshot.hpp"
#include "services/notification_service.hpp"
#include "services/payment_provider.hpp"
#include "services/store_handles.hpp"

namespace evient {

class PaymentService;

struct OrderLine {
  std::string ticket_type_id;
  std::int64_t quantity = 0;
  // A seated type's chosen seats (quantity is then their count); empty: the
  // best available seats, or no seats for a type without them.
  std::vector<std::string> seat_ids;
};

// The client's Idempotency-Key and the hash of the request it came with
// (checkout::request_hash): the same key with another request is refused.
struct IdempotencyKey {
  std::string key;
  std::string request_hash;
};

// What placing an order produced: a new order, or (replayed) the result the
// first request with the same Idempotency-Key got, as it was then.
struct PlacedOrder {
  CheckoutResult result;
  bool replayed = false;
};

struct OrderPage {
  std::vector<Order> items;
  std::int64_t total = 0;
};

namespace checkout {

// Pure rules, unit-tested.
// Repeated lines of one type are summed (saturating) and their seats joined; the
// result is sorted by id,
// the order in which rows are locked.
std::vector<OrderLine> merge_lines(const std::vector<OrderLine>& lines);
// Throws 422 LIMIT_EXCEEDED when a type's summed quantity is over the limit.
void check_per_order_limit(const std::vector<OrderLine>& merged, std::int64_t max_per_type);
// Throws 422 LIMIT_EXCEEDED when already + requested is over the per-event limit.
void check_per_event_limit(const std::string& event_id, std::int64_t already,
                           std::int64_t requested, std::int64_t max_per_event);
// sha256 of what identifies a request for idempotency.
std::string request_hash(std::string_view canonical_body);

// Transaction-level steps shared with PaymentService.
// pending -> cancelled, releasing its reservation and telling the buyer. False
// when the order was not pending (someone else released or paid it first).
bool release_order(store::Tx& tx, const std::string& order_id, notify::ReleaseReason reason,
                   Timestamp now);
// One ticket per unit of every item.
std::vector<Ticket> issue_tickets(store::Tx& tx, const Order& order, Timestamp now);

}  // namespace checkout

class OrderService {
 public:
  OrderService(store::Database& db, const Clock& clock, const Config& config,
               PaymentService& payments);

  // Creates an order. With a key: a key already completed with the same request
  // replays that request's result; one still in progress is 409
  // IDEMPOTENCY_IN_PROGRESS; one used with another request is 422
  // IDEMPOTENCY_KEY_REUSED. The key is completed in the order's own transaction
  // (exactly when the order commits) and freed again when the order fails.
  // `client_address`: the caller's address, for the bound on unpaid holds per
  // address (empty: not bounded, e.g. orders placed by tools).
  PlacedOrder place_order(const std::string& user_id, const std::vector<OrderLine>& lines,
                          const std::optional<IdempotencyKey>& key = std::nullopt,
                          const std::string& client_address = {});

  OrderPage list(const std::string& user_id, std::int64_t limit, std::int64_t offset);
  // The user's order (404 otherwise), with its payment link or tickets.
  CheckoutResult get(const std::string& user_id, const std::string& order_id);
  // 409 ORDER_NOT_CANCELLABLE unless pending.
  CheckoutResult cancel(const std::string& user_id, const std::string& order_id);

  // Releases every expired reservation; returns how many orders were released.
  int release_expired();
  void release_expired_for_event(const std::string& event_id);
  // The background sweeper's pass: expired reservations and old idempotency keys.
  void sweep();

 private:
  // `completes_key`: the key to complete with the result in the order's transaction.
  CheckoutResult create_order(const std::string& user_id, const std::vector<OrderLine>& lines,
                              const std::string* completes_key, const std::string& client_key);
  // The order's statements, inside the transaction create_order runs them in.
  CheckoutResult place(store::Tx& tx, const std::string& user_id,
                       const std::vector<OrderLine>& merged, const std::string* completes_key,
                       const std::string& client_key);
  // 429 when this order would take the account or the address past its bound
  // on unpaid holds (Config::max_pending_orders_per_user, max_held_tickets_per_ip).
  void check_hold_bounds(store::Tx& tx, const std::string& user_id, const std::string& client_key,
                         std::int64_t tickets, Timestamp now) const;
  // Claims the key in its own short transaction: the replayed result when it
  // was completed before with the same request, nullopt when this request now
  // owns it.
  std::optional<CheckoutResult> claim_key(const std::string& user_id, const IdempotencyKey& key);
  void release_key(const std::string& user_id, const std::string& key);
  int release_each(const std::vector<std::string>& order_ids);
  CheckoutResult view(store::Tx& tx, Order order);

  store::Database& db_;
  const Clock& clock_;
  const Config& config_;
  PaymentService& payments_;
};

}  // namespace evient
