#pragma once
// The buyer's inbox: listing and read marks, plus the messages checkout writes
// (inside the transaction that caused them, so a message exists exactly when
// its cause committed).
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "domain/models.hpp"
#include "services/store_handles.hpp"

namespace evient {

struct NotificationPage {
  std::vector<Notification> items;
  std::int64_t total = 0;
  std::int64_t unread = 0;
};

class NotificationService {
 public:
  explicit NotificationService(store::Database& db);

  NotificationPage list(const std::string& user_id, std::int64_t limit, std::int64_t offset);
  // 404 when the notification is not the user's.
  void mark_read(const std::string& user_id, const std::string& id);
  std::int64_t mark_all_read(const std::string& user_id);

 private:
  store::Database& db_;
};

// Messages written by checkout, within the caller's transaction.
namespace notify {

enum class ReleaseReason { Expired, CancelledByBuyer, PaymentFailed };

void order_paid(store::Tx& tx, const Order& order, std::size_t ticket_count, Timestamp now);
void order_released(store::Tx& tx, const Order& order, ReleaseReason reason, Timestamp now);
void refund_required(store::Tx& tx, const Order& order, Timestamp now);

}  // namespace notify

}  // namespace evient
