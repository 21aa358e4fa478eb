#include "store/admin_repo.hpp"

#include "store/params.hpp"
#include "store/rows.hpp"

namespace evient::store::admin {
namespace {

// The order's own columns (rows::kOrderColumns) and whether all its items are
// for the event.
const std::string kOrdersForEvent =
    std::string("SELECT ") + rows::kOrderColumns +
    ", CASE WHEN EXISTS (SELECT 1 FROM order_items x WHERE x.order_id = o.id "
    "AND x.event_id <> $1) THEN 0 ELSE 1 END AS only_this_event FROM orders o "
    "WHERE o.status = $2 AND EXISTS (SELECT 1 FROM order_items oi WHERE oi.order_id = o.id "
    "AND oi.event_id = $1) ORDER BY o.created_at, o.id";
constexpr const char* kMarkRefunded =
    "UPDATE orders SET status = 'refunded', updated_at = $2 WHERE id = $1 AND status = 'paid'";
constexpr const char* kCancelEventTickets =
    "UPDATE tickets SET status = 'cancelled' "
    "WHERE event_id = $1 AND status IN ('valid', 'used') RETURNING ticket_type_id";
constexpr const char* kEventHasSales =
    "SELECT 1 WHERE EXISTS (SELECT 1 FROM tickets WHERE event_id = $1) "
    "OR EXISTS (SELECT 1 FROM order_items WHERE event_id = $1)";
constexpr const char* kRemoveUnsoldTicketType =
    "DELETE FROM ticket_types WHERE id = $1 AND quantity_sold = 0 "
    "AND NOT EXISTS (SELECT 1 FROM order_items WHERE ticket_type_id = $1) "
    "AND NOT EXISTS (SELECT 1 FROM tickets WHERE ticket_type_id = $1)";
// The ticket (rows::kTicketColumns) with its type's name and its holder.
const std::string kSelectAttendees =
    std::string("SELECT ") + rows::kTicketColumns +
    ", t.name AS ticket_type, u.full_name AS holder_name, u.email AS holder_email "
    "FROM tickets k JOIN ticket_types t ON t.id = k.ticket_type_id "
    "JOIN users u ON u.id = k.user_id WHERE k.event_id = $1";
const std::string kAttendeesFirst = kSelectAttendees + " ORDER BY k.id LIMIT $2";
const std::string kAttendeesAfter = kSelectAttendees + " AND k.id > $2 ORDER BY k.id LIMIT $3";

}  // namespace

std::vector<AffectedOrder> orders_for_event(Tx& tx, const std::string& event_id,
                                            OrderStatus status) {
  return rows::all(tx.exec(kOrdersForEvent, {event_id, text_of(status)}), [](const Result::Row& r) {
    const Order o = rows::order(r);
    return AffectedOrder{o.id,
                         o.user_id,
                         o.total_amount,
                         o.payment_method,
                         o.payment_transaction_id,
                         r.i64("only_this_event") == 1};
  });
}

bool mark_refunded(Tx& tx, const std::string& order_id, Timestamp now) {
  return tx.exec(kMarkRefunded, {order_id, ts(now)}).affected() == 1;
}

std::map<std::string, std::int64_t> cancel_event_tickets(Tx& tx, const std::string& event_id) {
  Result r = tx.exec(kCancelEventTickets, {event_id});
  std::map<std::string, std::int64_t> out;
  for (std::size_t i = 0; i < r.size(); ++i) ++out[r[i].text(0)];
  return out;
}

bool event_has_sales(Tx& tx, const std::string& event_id) {
  return !tx.exec(kEventHasSales, {event_id}).empty();
}

bool remove_unsold_ticket_type(Tx& tx, const std::string& id) {
  return tx.exec(kRemoveUnsoldTicketType, {id}).affected() == 1;
}

std::vector<AttendeeRow> attendees_page(Tx& tx, const std::string& event_id,
                                        const std::optional<std::string>& after,
                                        std::int64_t limit) {
  // Keyset on the primary key: exact on both engines (PostgreSQL keeps
  // sub-second timestamps, so a created_at cursor could repeat rows).
  Result r = after ? tx.exec(kAttendeesAfter, {event_id, *after, limit})
                   : tx.exec(kAttendeesFirst, {event_id, limit});
  return rows::all(r, [](const Result::Row& row) {
    const Ticket t = rows::ticket(row);
    AttendeeRow a;
    a.ticket_id = t.id;
    a.created_at = t.created_at;
    a.ticket_code = t.ticket_code;
    a.status = t.status;
    a.used_at = t.used_at;
    a.ticket_type = row.text("ticket_type");
    a.holder_name = row.opt_text("holder_name");
    a.holder_email = row.text("holder_email");
    a.order_id = t.order_id;
    a.price = t.price_at_purchase;
    a.seat = t.seat;
    return a;
  });
}

namespace {

// "INSERT INTO notifications (...) SELECT <fresh uuid>, <user_column>, $1..$4":
// one statement writes any number of notifications. PostgreSQL cannot infer
// parameter types in a SELECT list, hence the casts (SQLite keeps text).
std::string insert_select(const Dialect& d, const std::string& user_column) {
  return "INSERT INTO notifications (id, user_id, title, message, type, is_read, created_at) "
         "SELECT " +
         std::string(d.new_uuid) + ", " + user_column +
         ", CAST($1 AS TEXT), CAST($2 AS TEXT), CAST($3 AS TEXT), FALSE, " +
         d.timestamp_param("$4");
}

constexpr const char* kEventHoldersFrom =
    " FROM (SELECT DISTINCT k.user_id FROM tickets k WHERE k.event_id = $5 "
    "AND k.status IN ('valid', 'used')) h";
constexpr const char* kActiveUsersFrom = " FROM users u WHERE u.is_active = TRUE";
constexpr const char* kActiveAdmins =
    "SELECT id FROM users WHERE role = 'admin' AND is_active = TRUE";

std::vector<Param> message_params(const BroadcastMessage& m) {
  return {m.title, m.message, text_of(m.type), ts(m.created_at)};
}

}  // namespace

std::vector<std::string> existing_user_ids(Tx& tx, const std::vector<std::string>& ids) {
  if (ids.empty()) return {};
  QueryBuilder q;
  std::string in;
  for (const auto& id : ids) in += (in.empty() ? "" : ", ") + q.bind(id);
  Result r = tx.exec("SELECT id FROM users WHERE id IN (" + in + ")", q.params());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < r.size(); ++i) out.push_back(r[i].text(0));
  return out;
}

std::int64_t notify_users(Tx& tx, const BroadcastMessage& m, const std::vector<std::string>& ids) {
  if (ids.empty()) return 0;
  QueryBuilder q;
  for (auto& p : message_params(m)) q.bind(std::move(p));
  std::string in;
  for (const auto& id : ids) in += (in.empty() ? "" : ", ") + q.bind(id);
  return tx
      .exec(insert_select(tx.dialect(), "u.id") + " FROM users u WHERE u.id IN (" + in + ")",
            q.params())
      .affected();
}

std::int64_t notify_event_holders(Tx& tx, const BroadcastMessage& m, const std::string& event_id) {
  auto params = message_params(m);
  params.push_back(event_id);
  return tx.exec(insert_select(tx.dialect(), "h.user_id") + kEventHoldersFrom, params).affected();
}

std::int64_t notify_active_users(Tx& tx, const BroadcastMessage& m) {
  return tx.exec(insert_select(tx.dialect(), "u.id") + kActiveUsersFrom, message_params(m))
      .affected();
}

std::int64_t lock_active_admins(Tx& tx) {
  return static_cast<std::int64_t>(
      tx.exec(std::string(kActiveAdmins) + std::string(tx.dialect().lock_rows)).size());
}

}  // namespace evient::store::admin
