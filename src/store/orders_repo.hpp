#pragma once
// Orders, their items, and the inventory counter they move. Every state change
// is a conditional UPDATE whose affected-row count tells the caller whether it
// won: reservations never oversell and a release never happens twice.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/models.hpp"
#include "domain/views.hpp"
#include "store/db.hpp"

namespace evient::store::orders {

// A ticket type with what checkout needs to know about its event.
struct SellableType {
  TicketType type;
  EventStatus event_status = EventStatus::Draft;
  std::string event_title;
  std::optional<Timestamp> event_end;  // end_time, or start_time when there is none
  // Sold by seat (store/seating_repo.hpp). Read here, before the type's row is
  // locked by the reservation, so a hot type's lock is held one statement less.
  bool is_seated = false;
};
std::optional<SellableType> find_sellable_type(Tx& tx, const std::string& ticket_type_id);

// Unpaid holds still running at `now`: how many (pending orders of an account,
// or tickets in the pending orders placed from an address) and when the first
// of them runs out.
struct Holds {
  std::int64_t count = 0;
  std::optional<Timestamp> first_expiry;
};
Holds pending_orders_of_user(Tx& tx, const std::string& user_id, Timestamp now);
Holds tickets_held_from(Tx& tx, const std::string& client_address, Timestamp now);

// quantity_sold += quantity when the type is active and that many are left.
bool reserve(Tx& tx, const std::string& ticket_type_id, std::int64_t quantity);
// quantity_sold += quantity without any check: units sold outside checkout
// (development data, test fixtures).
void add_sold(Tx& tx, const std::string& ticket_type_id, std::int64_t quantity);
// quantity_sold -= quantity (never below zero).
void unreserve(Tx& tx, const std::string& ticket_type_id, std::int64_t quantity);
// Gives back units per ticket type, in ticket type id order (the map's order, the
// order checkout locks rows in, so a release never deadlocks with a checkout).
using UnitsByType = std::map<std::string, std::int64_t>;
void unreserve_all(Tx& tx, const UnitsByType& units);
// The units an order's items hold, per ticket type.
UnitsByType units_of(const Order& order);
std::int64_t available(Tx& tx, const std::string& ticket_type_id);

// Takes the user's row lock (a no-op UPDATE), so one user's concurrent orders
// are checked against the per-event limit one after the other.
void lock_user(Tx& tx, const std::string& user_id);
// Units of an event in the user's pending and paid orders.
std::int64_t user_event_quantity(Tx& tx, const std::string& user_id, const std::string& event_id);

void insert(Tx& tx, const Order& order);  // with its items
// Many at once (with their items) in multi-row statements (the bench data set).
void insert_many(Tx& tx, const std::vector<Order>& orders);
std::optional<Order> find(Tx& tx, const std::string& id);  // with items
std::optional<Order> find_for_user(Tx& tx, const std::string& user_id, const std::string& id);
std::vector<Order> list_for_user(Tx& tx, const std::string& user_id, std::int64_t limit,
                                 std::int64_t offset);  // newest first, with items
std::int64_t count_for_user(Tx& tx, const std::string& user_id);

// pending -> cancelled. True when this call made the change.
bool cancel_if_pending(Tx& tx, const std::string& id, Timestamp now);
// pending -> paid with the payment recorded. True when this call made the change.
bool mark_paid_if_pending(Tx& tx, const std::string& id, const std::string& method,
                          const std::string& transaction_id, Timestamp now);
// Records a payment on a cancelled order that has none yet (a late payment).
// True when this call claimed it.
bool claim_late_payment(Tx& tx, const std::string& id, const std::string& method,
                        const std::string& transaction_id, Timestamp now);
// cancelled -> paid, after the late payment re-reserved its tickets.
void mark_late_paid(Tx& tx, const std::string& id, Timestamp now);
void set_refund_required(Tx& tx, const std::string& id, Timestamp now);
void clear_refund_required(Tx& tx, const std::string& id, Timestamp now);
// paid -> refunded, or cancelled with refund_required -> refunded; refund_required
// becomes FALSE. True when this call made the change.
bool mark_refunded_if_refundable(Tx& tx, const std::string& id, Timestamp now);

// --- Admin listing ------------------------------------------------------------

using Buyer = evient::Buyer;

using OrderWithBuyer = evient::OrderWithBuyer;

struct AdminOrderFilter {
  std::optional<OrderStatus> status;
  std::optional<std::string> event_id;     // has an item of this event
  std::optional<std::string> user_id;      // exact buyer
  std::optional<std::string> user_search;  // folded text within the buyer's email or name
};

// Newest first, with items and buyer, items of all orders in one statement.
std::vector<OrderWithBuyer> list_admin(Tx& tx, const AdminOrderFilter& f, std::int64_t limit,
                                       std::int64_t offset);
std::int64_t count_admin(Tx& tx, const AdminOrderFilter& f);
std::optional<OrderWithBuyer> find_with_buyer(Tx& tx, const std::string& id);

// Pending orders whose hold ran out at `now`, oldest first.
std::vector<std::string> expired_pending(Tx& tx, Timestamp now, std::int64_t limit);
std::vector<std::string> expired_pending_for_event(Tx& tx, const std::string& event_id,
                                                   Timestamp now);
std::vector<std::string> expired_pending_for_types(Tx& tx, const std::vector<std::string>& type_ids,
                                                   Timestamp now);

}  // namespace evient::store::orders
