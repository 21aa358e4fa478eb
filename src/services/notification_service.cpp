#include "services/notification_service.hpp"

#include "core/crypto.hpp"
#include "core/errors.hpp"
#include "core/money.hpp"
#include "core/text.hpp"
#include "store/db.hpp"
#include "store/notifications_repo.hpp"

namespace evient {

NotificationService::NotificationService(store::Database& db) : db_(db) {}

NotificationPage NotificationService::list(const std::string& user_id, std::int64_t limit,
                                           std::int64_t offset) {
  return db_.read([&](store::Tx& tx) {
    NotificationPage page;
    page.items = store::notifications::list_for_user(tx, user_id, limit, offset);
    page.total = store::notifications::count_for_user(tx, user_id);
    page.unread = store::notifications::unread_count(tx, user_id);
    return page;
  });
}

void NotificationService::mark_read(const std::string& user_id, const std::string& id) {
  const bool found =
      db_.write([&](store::Tx& tx) { return store::notifications::mark_read(tx, user_id, id); });
  if (!found) throw NotFound("Notification not found", "NOTIFICATION_NOT_FOUND");
}

std::int64_t NotificationService::mark_all_read(const std::string& user_id) {
  return db_.write([&](store::Tx& tx) { return store::notifications::mark_all_read(tx, user_id); });
}

namespace notify {
namespace {

std::string short_id(const Order& order) {
  return text::short_ref(order.id);
}

// "2 x VIP (Concert), 1 x GA (Concert)"
std::string describe_items(const Order& order) {
  std::string out;
  for (const auto& i : order.items) {
    if (!out.empty()) out += ", ";
    out += std::to_string(i.quantity) + " x " + i.ticket_type_name + " (" + i.event_title + ")";
  }
  return out;
}

void send(store::Tx& tx, const Order& order, std::string title, std::string message,
          Timestamp now) {
  Notification n;
  n.id = crypto::uuid_v7();
  n.user_id = order.user_id;
  n.title = std::move(title);
  n.message = std::move(message);
  n.type = NotificationType::Order;
  n.created_at = now;
  store::notifications::insert(tx, n);
}

}  // namespace

void order_paid(store::Tx& tx, const Order& order, std::size_t ticket_count, Timestamp now) {
  send(tx, order, "Order " + short_id(order) + " confirmed",
       "Your " + std::to_string(ticket_count) + (ticket_count == 1 ? " ticket" : " tickets") +
           " (" + describe_items(order) + ") " + (ticket_count == 1 ? "is" : "are") +
           " in your wallet. Total paid: " + money_to_string(order.total_amount) + " " +
           currency().code + ".",
       now);
}

void order_released(store::Tx& tx, const Order& order, ReleaseReason reason, Timestamp now) {
  std::string why;
  switch (reason) {
    case ReleaseReason::Expired:
      why = "expired before it was paid";
      break;
    case ReleaseReason::CancelledByBuyer:
      why = "was cancelled";
      break;
    case ReleaseReason::PaymentFailed:
      why = "was cancelled because the payment failed";
      break;
  }
  send(tx, order, "Order " + short_id(order) + " cancelled",
       "Your order (" + describe_items(order) + ") " + why + ". The tickets were released.", now);
}

void refund_required(store::Tx& tx, const Order& order, Timestamp now) {
  send(tx, order, "Order " + short_id(order) + ": refund on its way",
       "We received your payment of " + money_to_string(order.total_amount) + " " +
           currency().code + " after your reservation (" + describe_items(order) +
           ") had run out, and the tickets are no longer available. The payment will be "
           "refunded.",
       now);
}

}  // namespace notify

}  // namespace evient
