#pragma once
// Admin-only writes and reads that the shared repositories do not cover:
// what cancelling an event touches, sale checks before deletes, the attendee
// export and the last-admin lock.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/models.hpp"
#include "domain/views.hpp"
#include "store/db.hpp"

namespace evient::store::admin {

// --- Event cancellation -----------------------------------------------------

struct AffectedOrder {
  std::string id;
  std::string user_id;
  Minor total_amount = 0;
  std::optional<std::string> payment_method;
  std::optional<std::string> payment_transaction_id;
  bool only_this_event = true;  // every item is for the event being cancelled
};

// Orders in `status` holding at least one item of the event.
std::vector<AffectedOrder> orders_for_event(Tx& tx, const std::string& event_id,
                                            OrderStatus status);
// (Releasing a pending order is orders::cancel_if_pending + orders::unreserve.)
// paid -> refunded; false when it was no longer paid.
bool mark_refunded(Tx& tx, const std::string& order_id, Timestamp now);
// Every valid or used ticket of the event becomes cancelled; returns how many
// per ticket type (the seats to give back).
std::map<std::string, std::int64_t> cancel_event_tickets(Tx& tx, const std::string& event_id);

// --- Delete guards ----------------------------------------------------------

// Any ticket or order item refers to the event.
bool event_has_sales(Tx& tx, const std::string& event_id);
// Deletes the type only when nothing is sold or reserved and no order refers to
// it; false otherwise.
bool remove_unsold_ticket_type(Tx& tx, const std::string& id);

// --- Attendee export --------------------------------------------------------

using AttendeeRow = evient::AttendeeRow;

// The event's tickets in id order, strictly after the ticket id `after`.
std::vector<AttendeeRow> attendees_page(Tx& tx, const std::string& event_id,
                                        const std::optional<std::string>& after,
                                        std::int64_t limit);

// --- Broadcast notifications --------------------------------------------------

struct BroadcastMessage {
  std::string title;
  std::string message;
  NotificationType type = NotificationType::System;
  Timestamp created_at{};
};

// The ids among `ids` that name a user.
std::vector<std::string> existing_user_ids(Tx& tx, const std::vector<std::string>& ids);
// Each is one INSERT ... SELECT; returns how many notifications were written.
std::int64_t notify_users(Tx& tx, const BroadcastMessage& m, const std::vector<std::string>& ids);
// Every distinct holder of a valid or used ticket of the event.
std::int64_t notify_event_holders(Tx& tx, const BroadcastMessage& m, const std::string& event_id);
std::int64_t notify_active_users(Tx& tx, const BroadcastMessage& m);

// --- Users ------------------------------------------------------------------

// Counts active admins, locking their rows on PostgreSQL (FOR UPDATE) so two
// admins demoting each other at once cannot both succeed; SQLite write
// transactions are already serialised by BEGIN IMMEDIATE.
std::int64_t lock_active_admins(Tx& tx);

}  // namespace evient::store::admin
