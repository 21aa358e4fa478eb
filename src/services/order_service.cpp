#include "services/order_service.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "core/client_address.hpp"
#include "core/crypto.hpp"
#include "core/errors.hpp"
#include "core/log.hpp"
#include "core/metrics.hpp"
#include "services/payment_service.hpp"
#include "services/seat_checkout.hpp"
#include "store/db.hpp"
#include "store/idempotency_repo.hpp"
#include "store/orders_repo.hpp"
#include "store/seating_repo.hpp"
#include "store/tickets_repo.hpp"

namespace evient {
namespace json = boost::json;

namespace {

// An in_progress key older than this belongs to a request that died: its order
// never committed (the key is completed in the order's transaction).
constexpr std::chrono::seconds kAbandonedKeyAge{60};
constexpr std::chrono::hours kKeyLifetime{24};
constexpr std::int64_t kSweepBatch = 200;

ApiError limit_exceeded(std::string message, json::object data) {
  return ApiError(422, "LIMIT_EXCEEDED", std::move(message), {}, std::move(data));
}

Minor checked_add(Minor a, Minor b) {
  Minor out = 0;
  if (__builtin_add_overflow(a, b, &out)) {
    throw ValidationError("ticket_items", "TOO_LARGE", "The order total is too large");
  }
  return out;
}

Minor checked_mul(Minor a, std::int64_t b) {
  Minor out = 0;
  if (__builtin_mul_overflow(a, b, &out)) {
    throw ValidationError("ticket_items", "TOO_LARGE", "The order total is too large");
  }
  return out;
}

// Checks every requested type and returns it with its event; throws the
// domain error of the first line that cannot be sold.
std::vector<store::orders::SellableType> load_sellable(store::Tx& tx,
                                                       const std::vector<OrderLine>& lines,
                                                       Timestamp now) {
  std::vector<store::orders::SellableType> out;
  for (const auto& line : lines) {
    auto s = store::orders::find_sellable_type(tx, line.ticket_type_id);
    if (!s || s->type.status == TicketTypeStatus::Hidden || s->event_status == EventStatus::Draft) {
      throw NotFound("Ticket type " + line.ticket_type_id + " not found", "TICKET_TYPE_NOT_FOUND");
    }
    if (s->event_status != EventStatus::Published || (s->event_end && *s->event_end <= now)) {
      throw Conflict("EVENT_NOT_ON_SALE", "Tickets for " + s->event_title + " are not on sale",
                     json::object{{"event_id", s->type.event_id}});
    }
    if (s->type.status != TicketTypeStatus::Active) {
      throw Conflict("SOLD_OUT", s->type.name + " is sold out",
                     json::object{{"ticket_type_id", s->type.id}, {"available", 0}});
    }
    out.push_back(std::move(*s));
  }
  return out;
}

void reserve_or_throw(store::Tx& tx, const OrderLine& line, const TicketType& type) {
  if (store::orders::reserve(tx, line.ticket_type_id, line.quantity)) return;
  const std::int64_t available = store::orders::available(tx, line.ticket_type_id);
  json::object data{{"ticket_type_id", line.ticket_type_id},
                    {"requested", line.quantity},
                    {"available", available}};
  if (available == 0) throw Conflict("SOLD_OUT", type.name + " is sold out", std::move(data));
  throw Conflict("INSUFFICIENT_AVAILABILITY",
                 "Only " + std::to_string(available) + " " + type.name + " tickets are left",
                 std::move(data));
}

// The seats held for each item, recorded with the order and shown on its items.
void record_seats(store::Tx& tx, Order& order,
                  const std::vector<std::vector<std::string>>& held_seats) {
  bool any = false;
  for (std::size_t i = 0; i < held_seats.size(); ++i) {
    if (held_seats[i].empty()) continue;
    const OrderItem& item = order.items[i];
    store::seating::record_order_seats(tx, order.id, item.event_id, item.ticket_type_id,
                                       held_seats[i]);
    any = true;
  }
  if (any) seat_checkout::attach_seats(tx, order);
}

}  // namespace

namespace checkout {

std::vector<OrderLine> merge_lines(const std::vector<OrderLine>& lines) {
  std::map<std::string, OrderLine> merged;
  for (const auto& l : lines) {
    OrderLine& m = merged[l.ticket_type_id];
    m.ticket_type_id = l.ticket_type_id;
    if (__builtin_add_overflow(m.quantity, l.quantity, &m.quantity)) {
      m.quantity = std::numeric_limits<std::int64_t>::max();
    }
    m.seat_ids.insert(m.seat_ids.end(), l.seat_ids.begin(), l.seat_ids.end());
  }
  std::vector<OrderLine> out;
  out.reserve(merged.size());
  for (auto& [id, line] : merged) out.push_back(std::move(line));
  return out;
}

void check_per_order_limit(const std::vector<OrderLine>& merged, std::int64_t max_per_type) {
  for (const auto& l : merged) {
    if (l.quantity > max_per_type) {
      throw limit_exceeded(
          "At most " + std::to_string(max_per_type) + " tickets of one type per order",
          {{"ticket_type_id", l.ticket_type_id},
           {"requested", l.quantity},
           {"limit", max_per_type}});
    }
  }
}

void check_per_event_limit(const std::string& event_id, std::int64_t already,
                           std::int64_t requested, std::int64_t max_per_event) {
  if (requested > max_per_event - already) {
    throw limit_exceeded(
        "At most " + std::to_string(max_per_event) + " tickets per person for this event",
        {{"event_id", event_id},
         {"requested", requested},
         {"already_ordered", already},
         {"limit", max_per_event}});
  }
}

std::string request_hash(std::string_view canonical_body) {
  return crypto::sha256_hex(canonical_body);
}

bool release_order(store::Tx& tx, const std::string& order_id, notify::ReleaseReason reason,
                   Timestamp now) {
  if (!store::orders::cancel_if_pending(tx, order_id, now)) return false;
  auto order = store::orders::find(tx, order_id);
  std::vector<OrderItem> items = order->items;
  std::sort(items.begin(), items.end(), [](const OrderItem& a, const OrderItem& b) {
    return a.ticket_type_id < b.ticket_type_id;
  });
  for (const auto& i : items) store::orders::unreserve(tx, i.ticket_type_id, i.quantity);
  store::seating::release_order(tx, order_id);
  notify::order_released(tx, *order, reason, now);
  return true;
}

std::vector<Ticket> issue_tickets(store::Tx& tx, const Order& order, Timestamp now) {
  std::vector<Ticket> out;
  auto seats = store::seating::order_seats(tx, order.id);
  std::int64_t seated = 0;
  for (const auto& item : order.items) {
    const std::vector<SeatRef>& item_seats = seats[item.ticket_type_id];
    for (std::int64_t n = 0; n < item.quantity; ++n) {
      Ticket t;
      t.id = crypto::uuid_v7();
      t.order_id = order.id;
      t.ticket_type_id = item.ticket_type_id;
      t.user_id = order.user_id;
      t.event_id = item.event_id;
      t.ticket_code = crypto::ticket_code();
      t.status = TicketStatus::Valid;
      t.price_at_purchase = item.unit_price;
      t.created_at = now;
      if (static_cast<std::size_t>(n) < item_seats.size()) {
        t.seat = item_seats[static_cast<std::size_t>(n)];
        ++seated;
      }
      store::tickets::insert(tx, t);
      out.push_back(std::move(t));
    }
  }
  // Every seat the order holds is now sold; anything else is a broken hold.
  if (seated > 0 && store::seating::mark_sold(tx, order.id) != seated) {
    throw std::runtime_error("order " + order.id + " does not hold all of its seats");
  }
  return out;
}

}  // namespace checkout

OrderService::OrderService(store::Database& db, const Clock& clock, const Config& config,
                           PaymentService& payments)
    : db_(db), clock_(clock), config_(config), payments_(payments) {}

PlacedOrder OrderService::place_order(const std::string& user_id,
                                      const std::vector<OrderLine>& lines,
                                      const std::optional<IdempotencyKey>& key,
                                      const std::string& client_address) {
  const std::string client = client_address.empty() ? std::string() : client_key(client_address);
  if (!key) return {create_order(user_id, lines, nullptr, client), false};
  if (auto replay = claim_key(user_id, *key)) return {std::move(*replay), true};
  try {
    return {create_order(user_id, lines, &key->key, client), false};
  } catch (...) {
    // Nothing was created: free the key so the client can retry with it.
    try {
      release_key(user_id, key->key);
    } catch (const std::exception& e) {
      log::error(std::string("could not release idempotency key: ") + e.what());
    }
    throw;
  }
}

CheckoutResult OrderService::create_order(const std::string& user_id,
                                          const std::vector<OrderLine>& lines,
                                          const std::string* completes_key,
                                          const std::string& client_key) {
  const std::vector<OrderLine> merged = checkout::merge_lines(lines);
  checkout::check_per_order_limit(merged, config_.max_per_type_per_order);

  std::vector<std::string> type_ids;
  for (const auto& l : merged) {
    if (crypto::is_uuid(l.ticket_type_id)) type_ids.push_back(l.ticket_type_id);
  }
  // Expired holds are released by the sweeper; an order that finds what it
  // wants still held by one (sold out, a seat taken, the per-event limit
  // counting the buyer's own expired order) releases the expired holds on its
  // types and runs again, in the same transaction: the outcome is the one it
  // would have had if they had been released first, and orders that sell do
  // not pay for the look-up.
  bool release_first = false;
  int released = 0;
  CheckoutResult placed = db_.batched([&](store::Tx& tx) {
    released = 0;
    if (release_first) {
      for (const auto& id : store::orders::expired_pending_for_types(tx, type_ids, clock_.now())) {
        if (checkout::release_order(tx, id, notify::ReleaseReason::Expired, clock_.now())) {
          ++released;
        }
      }
    }
    try {
      return place(tx, user_id, merged, completes_key, client_key);
    } catch (const ApiError&) {
      if (release_first) throw;
      const std::exception_ptr refused = std::current_exception();
      bool expired_holds = false;
      try {
        expired_holds =
            !store::orders::expired_pending_for_types(tx, type_ids, clock_.now()).empty();
      } catch (const store::DatabaseError&) {
        // The transaction cannot read any more (PostgreSQL after a failed
        // statement): the refusal stands; the write queue rolls it back.
      }
      if (!expired_holds) std::rethrow_exception(refused);
      release_first = true;
      throw store::RetryJob{};
    }
  });
  auto& m = metrics::registry();
  if (released > 0) m.orders_released.with({"expired"}).inc(released);
  m.orders_created.inc();
  if (placed.order.status == OrderStatus::Paid) m.orders_paid.inc();
  return placed;
}

CheckoutResult OrderService::place(store::Tx& tx, const std::string& user_id,
                                   const std::vector<OrderLine>& merged,
                                   const std::string* completes_key,
                                   const std::string& client_key) {
  const Timestamp now = clock_.now();
  store::orders::lock_user(tx, user_id);
  const auto sellable = load_sellable(tx, merged, now);

  std::map<std::string, std::int64_t> per_event;
  for (std::size_t i = 0; i < merged.size(); ++i) {
    per_event[sellable[i].type.event_id] += merged[i].quantity;
  }
  for (const auto& [event_id, requested] : per_event) {
    checkout::check_per_event_limit(event_id,
                                    store::orders::user_event_quantity(tx, user_id, event_id),
                                    requested, config_.max_per_user_per_event);
  }
  // Only an order that waits for its payment holds anything.
  const bool will_be_pending =
      std::any_of(sellable.begin(), sellable.end(), [](const auto& s) { return s.type.price > 0; });
  if (will_be_pending) {
    std::int64_t tickets = 0;
    for (const auto& l : merged) tickets += l.quantity;
    check_hold_bounds(tx, user_id, client_key, tickets, now);
  }

  Order order;
  order.id = crypto::uuid_v7();
  order.user_id = user_id;
  order.created_at = order.updated_at = now;
  if (!client_key.empty()) order.client_address = client_key;
  order.expires_at = now + config_.order_hold;
  std::vector<std::vector<std::string>> held_seats(merged.size());
  for (std::size_t i = 0; i < merged.size(); ++i) {
    const TicketType& type = sellable[i].type;
    reserve_or_throw(tx, merged[i], type);
    held_seats[i] =
        seat_checkout::hold_line(tx, sellable[i].is_seated, order.id, type.event_id, type.id,
                                 merged[i].quantity, merged[i].seat_ids, *order.expires_at);
    OrderItem item;
    item.id = crypto::uuid_v7();
    item.order_id = order.id;
    item.ticket_type_id = type.id;
    item.event_id = type.event_id;
    item.quantity = merged[i].quantity;
    item.unit_price = type.price;
    item.ticket_type_name = type.name;
    item.event_title = sellable[i].event_title;
    order.total_amount =
        checked_add(order.total_amount, checked_mul(type.price, merged[i].quantity));
    order.items.push_back(std::move(item));
  }

  CheckoutResult result;
  if (order.total_amount == 0) {
    order.status = OrderStatus::Paid;
    order.payment_method = "free";
    order.paid_at = now;
    order.expires_at.reset();
    store::orders::insert(tx, order);
    record_seats(tx, order, held_seats);
    result.tickets = checkout::issue_tickets(tx, order, now);
    notify::order_paid(tx, order, result.tickets.size(), now);
  } else {
    order.status = OrderStatus::Pending;
    order.is_test = payments_.checkout_provider().is_test();
    store::orders::insert(tx, order);
    record_seats(tx, order, held_seats);
    result.payment = payments_.checkout_provider().create_payment(order);
  }
  result.order = std::move(order);
  if (completes_key) {
    store::idempotency::complete(tx, user_id, *completes_key, checkout::encode_snapshot(result));
  }
  return result;
}

void OrderService::check_hold_bounds(store::Tx& tx, const std::string& user_id,
                                     const std::string& client_key, std::int64_t tickets,
                                     Timestamp now) const {
  const auto wait_for = [&](const store::orders::Holds& h) {
    if (!h.first_expiry) return std::chrono::seconds(1);
    return std::chrono::ceil<std::chrono::seconds>(*h.first_expiry - now);
  };
  if (const int bound = config_.max_pending_orders_per_user; bound > 0) {
    // Exact: lock_user serialises this account's orders.
    const auto held = store::orders::pending_orders_of_user(tx, user_id, now);
    if (held.count >= bound) {
      throw BoundReached("TOO_MANY_PENDING_ORDERS",
                         "You have " + std::to_string(held.count) +
                             " unpaid orders: pay or cancel one before ordering again",
                         json::object{{"pending_orders", held.count}, {"limit", bound}},
                         wait_for(held));
    }
  }
  if (const int bound = config_.max_held_tickets_per_ip; bound > 0 && !client_key.empty()) {
    // Orders from one address in flight at the same moment may pass it
    // together (at most the per-address connection cap of them); the next
    // ones see their holds.
    const auto held = store::orders::tickets_held_from(tx, client_key, now);
    if (held.count + tickets > bound) {
      throw BoundReached(
          "TOO_MANY_HELD_TICKETS",
          "Too many unpaid tickets are held from your network; try again when some are paid "
          "or released",
          json::object{{"held", held.count}, {"requested", tickets}, {"limit", bound}},
          wait_for(held));
    }
  }
}

std::optional<CheckoutResult> OrderService::claim_key(const std::string& user_id,
                                                      const IdempotencyKey& idem) {
  const std::string& key = idem.key;
  const std::string& hash = idem.request_hash;
  const Timestamp now = clock_.now();
  if (db_.batched([&](store::Tx& tx) {
        return store::idempotency::try_insert(tx, user_id, key, hash, now);
      })) {
    return std::nullopt;
  }
  auto record = db_.read([&](store::Tx& tx) { return store::idempotency::find(tx, user_id, key); });
  if (!record) {
    // Freed between our INSERT and this read: the first request failed; try again.
    return claim_key(user_id, idem);
  }
  const auto reused = [] {
    return ApiError(422, "IDEMPOTENCY_KEY_REUSED",
                    "This Idempotency-Key was used with a different request");
  };
  if (record->request_hash != hash) throw reused();
  if (record->completed) {
    // A result this version cannot read (kept by an older one) is never
    // replaced by a second order: the key counts as used.
    if (!record->result) throw reused();
    auto replay = checkout::decode_snapshot(*record->result);
    if (!replay) throw reused();
    return replay;
  }
  const bool taken = db_.batched([&](store::Tx& tx) {
    return store::idempotency::take_over_stale(tx, user_id, key, hash, now - kAbandonedKeyAge, now);
  });
  if (taken) return std::nullopt;
  throw Conflict("IDEMPOTENCY_IN_PROGRESS",
                 "A request with this Idempotency-Key is still being processed");
}

void OrderService::release_key(const std::string& user_id, const std::string& key) {
  db_.batched([&](store::Tx& tx) { store::idempotency::remove_in_progress(tx, user_id, key); });
}

OrderPage OrderService::list(const std::string& user_id, std::int64_t limit, std::int64_t offset) {
  return db_.read([&](store::Tx& tx) {
    OrderPage page;
    page.items = store::orders::list_for_user(tx, user_id, limit, offset);
    page.total = store::orders::count_for_user(tx, user_id);
    return page;
  });
}

CheckoutResult OrderService::view(store::Tx& tx, Order order) {
  CheckoutResult r;
  if (order.status == OrderStatus::Pending) {
    r.payment = payments_.checkout_provider().create_payment(order);
  } else {
    r.tickets = store::tickets::list_for_order(tx, order.id);
  }
  r.order = std::move(order);
  return r;
}

CheckoutResult OrderService::get(const std::string& user_id, const std::string& order_id) {
  auto load = [&](store::Tx& tx) {
    auto order = store::orders::find_for_user(tx, user_id, order_id);
    if (!order) throw NotFound("Order not found", "ORDER_NOT_FOUND");
    return view(tx, std::move(*order));
  };
  CheckoutResult r = db_.read(load);
  if (r.order.status == OrderStatus::Pending && r.order.expires_at &&
      *r.order.expires_at <= clock_.now()) {
    release_each({r.order.id});
    r = db_.read(load);
  }
  return r;
}

CheckoutResult OrderService::cancel(const std::string& user_id, const std::string& order_id) {
  CheckoutResult result = db_.batched([&](store::Tx& tx) {
    auto order = store::orders::find_for_user(tx, user_id, order_id);
    if (!order) throw NotFound("Order not found", "ORDER_NOT_FOUND");
    if (!checkout::release_order(tx, order->id, notify::ReleaseReason::CancelledByBuyer,
                                 clock_.now())) {
      throw Conflict("ORDER_NOT_CANCELLABLE", "Only a pending order can be cancelled",
                     json::object{{"status", to_text(order->status)}});
    }
    return view(tx, std::move(*store::orders::find(tx, order->id)));
  });
  metrics::registry().orders_released.with({"cancelled_by_buyer"}).inc();
  return result;
}

int OrderService::release_each(const std::vector<std::string>& order_ids) {
  int released = 0;
  for (const auto& id : order_ids) {
    // The conditional UPDATE inside release_order makes a concurrent release
    // (sweeper vs. lazy refresh vs. payment) a no-op for all but one.
    if (db_.batched([&](store::Tx& tx) {
          return checkout::release_order(tx, id, notify::ReleaseReason::Expired, clock_.now());
        })) {
      metrics::registry().orders_released.with({"expired"}).inc();
      ++released;
    }
  }
  return released;
}

int OrderService::release_expired() {
  int total = 0;
  for (;;) {
    auto ids = db_.read([&](store::Tx& tx) {
      return store::orders::expired_pending(tx, clock_.now(), kSweepBatch);
    });
    total += release_each(ids);
    if (static_cast<std::int64_t>(ids.size()) < kSweepBatch) return total;
  }
}

void OrderService::release_expired_for_event(const std::string& event_id) {
  release_each(db_.read([&](store::Tx& tx) {
    return store::orders::expired_pending_for_event(tx, event_id, clock_.now());
  }));
}

void OrderService::sweep() {
  release_expired();
  db_.write([&](store::Tx& tx) {
    store::idempotency::remove_older_than(tx, clock_.now() - kKeyLifetime);
  });
}

}  // namespace evient
