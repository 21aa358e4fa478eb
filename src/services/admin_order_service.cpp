#include "services/admin_order_service.hpp"

#include <boost/json.hpp>
#include <set>

#include "core/crypto.hpp"
#include "core/errors.hpp"
#include "core/money.hpp"
#include "core/text.hpp"
#include "services/audit_trail.hpp"
#include "services/payment_service.hpp"
#include "store/admin_repo.hpp"
#include "store/db.hpp"
#include "store/events_repo.hpp"
#include "store/notifications_repo.hpp"
#include "store/orders_repo.hpp"
#include "store/seating_repo.hpp"
#include "store/tickets_repo.hpp"

namespace evient {
namespace json = boost::json;
namespace {

json::value order_snapshot(const Order& o) {
  auto opt = [](const std::optional<std::string>& s) {
    return s ? json::value(json::string(*s)) : json::value(nullptr);
  };
  return json::object{{"id", o.id},
                      {"user_id", o.user_id},
                      {"status", to_text(o.status)},
                      {"total_amount", o.total_amount},
                      {"refund_required", o.refund_required},
                      {"payment_method", opt(o.payment_method)},
                      {"payment_transaction_id", opt(o.payment_transaction_id)}};
}

AdminOrderDetail load_detail(store::Tx& tx, const std::string& id) {
  auto o = store::orders::find_with_buyer(tx, id);
  if (!o) throw NotFound("Order not found", "ORDER_NOT_FOUND");
  auto tickets = store::tickets::list_for_order(tx, o->order.id);
  return AdminOrderDetail{std::move(*o), std::move(tickets)};
}

void notify_refunded(store::Tx& tx, const Order& order, const std::optional<std::string>& reason,
                     Timestamp now) {
  Notification n;
  n.id = crypto::uuid_v7();
  n.user_id = order.user_id;
  n.title = "Order " + text::short_ref(order.id) + " refunded";
  n.message = "Your order of " + money_to_string(order.total_amount) + " " + currency().code +
              " was refunded" + (reason ? " (" + *reason + ")" : std::string()) +
              ". Its unused tickets are no longer valid.";
  n.type = NotificationType::Order;
  n.created_at = now;
  store::notifications::insert(tx, n);
}

}  // namespace

AdminOrderService::AdminOrderService(store::Database& db, const Clock& clock,
                                     PaymentService& payments)
    : db_(db), clock_(clock), payments_(payments) {}

AdminOrderPage AdminOrderService::list(const AdminOrderQuery& q) {
  store::orders::AdminOrderFilter f;
  f.status = q.status;
  f.event_id = q.event_id;
  if (q.user) {
    if (crypto::is_uuid(*q.user)) {
      f.user_id = text::ascii_lower(*q.user);
    } else {
      f.user_search = text::fold(*q.user);
    }
  }
  return db_.read([&](store::Tx& tx) {
    return AdminOrderPage{store::orders::list_admin(tx, f, q.limit, q.offset),
                          store::orders::count_admin(tx, f)};
  });
}

AdminOrderDetail AdminOrderService::get(const std::string& id) {
  return db_.read([&](store::Tx& tx) { return load_detail(tx, id); });
}

RefundResult AdminOrderService::refund(const std::string& actor_id, const std::string& id,
                                       const RefundInput& in) {
  const Timestamp now = clock_.now();
  RefundResult result;
  RefundStep step = RefundStep::NotNeeded;
  Order before;
  db_.write([&](store::Tx& tx) {
    result = RefundResult{};  // the engine may run this again after a lost connection
    auto found = store::orders::find(tx, id);
    if (!found) throw NotFound("Order not found", "ORDER_NOT_FOUND");
    before = *found;
    // The conditional UPDATE decides (and locks the order): of two refunds at
    // once, one wins and the other sees a refunded order.
    if (!store::orders::mark_refunded_if_refundable(tx, before.id, now)) {
      throw Conflict("ORDER_NOT_REFUNDABLE",
                     "Only a paid order, or a cancelled one whose payment must be returned, "
                     "can be refunded",
                     json::object{{"status", to_text(before.status)},
                                  {"refund_required", before.refund_required}});
    }
    if (before.status == OrderStatus::Paid) {
      // Cancel first, then count what is used: a check-in racing this refund
      // either committed before (counted here) or waits on the ticket row and
      // then finds it cancelled.
      const auto cancelled = store::tickets::cancel_valid_for_order(tx, before.id);
      result.used_tickets_kept = store::tickets::count_used_for_order(tx, before.id);
      if (result.used_tickets_kept > 0 && !in.force) {
        throw Conflict("TICKET_ALREADY_USED",
                       "A ticket of this order was already used; refund with force to proceed",
                       json::object{{"used_tickets", result.used_tickets_kept}});
      }
      for (const auto& [type_id, count] : cancelled) result.cancelled_tickets += count;
      store::orders::unreserve_all(tx, cancelled);   // ticket type id order
      store::seating::release_order(tx, before.id);  // but the used tickets' seats
    }
    step = payments_.refund(tx, before);
    notify_refunded(tx, before, in.reason, now);
    result.detail = load_detail(tx, before.id);
    json::value after = order_snapshot(result.detail.order.order);
    after.as_object()["refund"] = {{"force", in.force},
                                   {"reason", in.reason ? json::value(*in.reason) : nullptr},
                                   {"cancelled_tickets", result.cancelled_tickets},
                                   {"used_tickets_kept", result.used_tickets_kept}};
    audit::record(tx, actor_id, "order.refund", "order", before.id, order_snapshot(before), after,
                  now);
  });
  result.provider_refunded = step != RefundStep::AfterCommit;
  if (step == RefundStep::AfterCommit) {
    // A network provider: called now that the books are committed.
    result.provider_refunded = payments_.refund_after_commit(before);
    if (result.provider_refunded) result.detail.order.order.refund_required = false;
  }
  return result;
}

AdminBroadcastService::AdminBroadcastService(store::Database& db, const Clock& clock)
    : db_(db), clock_(clock) {}

BroadcastResult AdminBroadcastService::broadcast(const std::string& actor_id,
                                                 const BroadcastInput& in) {
  const Timestamp now = clock_.now();
  const store::admin::BroadcastMessage m{in.title, in.message, in.type, now};
  return db_.write([&](store::Tx& tx) {
    BroadcastResult r;
    json::object audience;
    if (in.user_ids) {
      r.audience = "users";
      std::vector<std::string> ids;
      std::vector<std::string> unknown;
      std::set<std::string> seen;
      for (const auto& raw : *in.user_ids) {
        const std::string id = text::ascii_lower(raw);
        if (!seen.insert(id).second) continue;
        (crypto::is_uuid(id) ? ids : unknown).push_back(id);
      }
      const auto existing = store::admin::existing_user_ids(tx, ids);
      const std::set<std::string> known(existing.begin(), existing.end());
      for (const auto& id : ids) {
        if (!known.count(id)) unknown.push_back(id);
      }
      if (!unknown.empty()) {
        std::vector<FieldError> details;
        json::array bad;
        for (const auto& id : unknown) {
          details.push_back({"user_ids", "NOT_FOUND", "no user " + id});
          bad.push_back(json::value(id));
        }
        throw ApiError(422, "VALIDATION_FAILED", "Some user_ids name no user", std::move(details),
                       json::object{{"unknown_user_ids", std::move(bad)}});
      }
      r.sent = store::admin::notify_users(tx, m, ids);
      json::array listed;
      for (const auto& id : ids) listed.push_back(json::value(id));
      audience["user_ids"] = std::move(listed);
    } else if (in.event_id) {
      r.audience = "event";
      if (!store::events::find_by_id(tx, *in.event_id)) {
        throw ValidationError("event_id", "NOT_FOUND", "event_id does not name an event");
      }
      r.sent = store::admin::notify_event_holders(tx, m, *in.event_id);
      audience["event_id"] = *in.event_id;
    } else {
      r.audience = "everyone";
      r.sent = store::admin::notify_active_users(tx, m);
    }
    audience["audience"] = r.audience;
    audit::record(tx, actor_id, "notification.broadcast", "notification", crypto::uuid_v4(),
                  nullptr,
                  json::object{{"title", in.title},
                               {"message", in.message},
                               {"type", to_text(in.type)},
                               {"to", std::move(audience)},
                               {"sent", r.sent}},
                  now);
    return r;
  });
}

}  // namespace evient
