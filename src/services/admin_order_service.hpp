#pragma once
// Admin side of orders and of the buyers' inbox: listing orders, refunding one
// (tickets cancelled, seats released, buyer told, audited, all in one
// transaction, the money given back through the payment provider), and
// broadcasting a notification to chosen users, an event's ticket holders or
// everyone.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "domain/models.hpp"
#include "domain/views.hpp"
#include "services/store_handles.hpp"

namespace evient {

class PaymentService;

struct AdminOrderQuery {
  std::int64_t limit = 20;
  std::int64_t offset = 0;
  std::optional<OrderStatus> status;
  std::optional<std::string> event_id;
  std::optional<std::string> user;  // a user id, or text within the buyer's email or name
};

struct AdminOrderPage {
  std::vector<OrderWithBuyer> items;
  std::int64_t total = 0;
};

struct AdminOrderDetail {
  OrderWithBuyer order;
  std::vector<Ticket> tickets;
};

struct RefundInput {
  bool force = false;  // refund even when a ticket was already used at the door
  std::optional<std::string> reason;
};

struct RefundResult {
  AdminOrderDetail detail;  // after the refund
  std::int64_t cancelled_tickets = 0;
  std::int64_t used_tickets_kept = 0;
  bool provider_refunded = false;  // false: still owed (refund_required stays TRUE)
};

class AdminOrderService {
 public:
  AdminOrderService(store::Database& db, const Clock& clock, PaymentService& payments);

  AdminOrderPage list(const AdminOrderQuery& q);
  // Throws NotFound (ORDER_NOT_FOUND).
  AdminOrderDetail get(const std::string& id);
  // paid -> refunded (its valid tickets cancelled and their seats released), or
  // cancelled with refund_required -> refunded. Throws Conflict
  // TICKET_ALREADY_USED (a used ticket, without force), ORDER_NOT_REFUNDABLE
  // (any other state), REFUND_REJECTED (the provider said no).
  RefundResult refund(const std::string& actor_id, const std::string& id, const RefundInput& in);

 private:
  store::Database& db_;
  const Clock& clock_;
  PaymentService& payments_;
};

struct BroadcastInput {
  std::string title;
  std::string message;
  NotificationType type = NotificationType::System;
  std::optional<std::vector<std::string>> user_ids;  // chosen users (must exist)
  std::optional<std::string> event_id;               // holders of its valid/used tickets
};

struct BroadcastResult {
  std::string audience;  // users | event | everyone
  std::int64_t sent = 0;
};

class AdminBroadcastService {
 public:
  AdminBroadcastService(store::Database& db, const Clock& clock);

  // One INSERT ... SELECT, audited in the same transaction. Neither user_ids nor
  // event_id: every active user. Unknown user ids or event: 422 naming them.
  BroadcastResult broadcast(const std::string& actor_id, const BroadcastInput& in);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace evient
