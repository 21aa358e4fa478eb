#include "store/orders_repo.hpp"

#include <map>

#include "core/crypto.hpp"
#include "store/bulk_insert.hpp"
#include "store/params.hpp"
#include "store/rows.hpp"

namespace evient::store::orders {
namespace {

const std::string kSelectOrder = std::string("SELECT ") + rows::kOrderColumns + " FROM orders o";
// The buyer's columns only: an admin listing has no use for the rest of the user.
const std::string kSelectOrderWithBuyer =
    std::string("SELECT ") + rows::kOrderColumns +
    ", u.id AS buyer_id, u.email AS buyer_email, u.full_name AS buyer_full_name "
    "FROM orders o JOIN users u ON u.id = o.user_id";
const std::string kFind = kSelectOrder + " WHERE o.id = $1";
const std::string kFindForUser = kSelectOrder + " WHERE o.id = $1 AND o.user_id = $2";
const std::string kListForUser = kSelectOrder +
                                 " WHERE o.user_id = $1 ORDER BY o.created_at DESC, o.id DESC "
                                 "LIMIT $2 OFFSET $3";
const std::string kFindWithBuyer = kSelectOrderWithBuyer + " WHERE o.id = $1";
constexpr const char* kCountForUser = "SELECT COUNT(*) FROM orders WHERE user_id = $1";
// Only what checkout asks of the event (not its whole row: content is long).
const std::string kFindSellable =
    std::string("SELECT ") + rows::kTicketTypeColumns +
    ", e.status AS event_status, e.title AS event_title, "
    "COALESCE(e.end_time, e.start_time) AS event_end, "
    "EXISTS (SELECT 1 FROM event_seats s WHERE s.ticket_type_id = t.id) AS is_seated "
    "FROM ticket_types t JOIN events e ON e.id = t.event_id WHERE t.id = $1";

constexpr const char* kInsertHead =
    "INSERT INTO orders (id, user_id, total_amount, status, payment_method, "
    "payment_transaction_id, created_at, updated_at, expires_at, paid_at, refund_required, "
    "is_test, "
    "client_address)";
const std::string kInsert = insert_values_sql(kInsertHead, 1);
constexpr const char* kInsertItemHead =
    "INSERT INTO order_items (id, order_id, ticket_type_id, event_id, quantity, unit_price)";
const std::string kInsertItem = insert_values_sql(kInsertItemHead, 1);

constexpr const char* kReserve =
    "UPDATE ticket_types SET quantity_sold = quantity_sold + $2 WHERE id = $1 AND "
    "status = 'active' AND quantity_sold + $2 <= quantity_total";
constexpr const char* kAddSold =
    "UPDATE ticket_types SET quantity_sold = quantity_sold + $2 WHERE id = $1";
constexpr const char* kUnreserve =
    "UPDATE ticket_types SET quantity_sold = quantity_sold - $2 WHERE id = $1 AND "
    "quantity_sold >= $2";
constexpr const char* kAvailable =
    "SELECT quantity_total - quantity_sold AS available, status FROM ticket_types WHERE id = $1";
constexpr const char* kLockUser = "UPDATE users SET token_version = token_version WHERE id = $1";
// CROSS JOIN: SQLite starts from the user's orders (idx_orders_user_status),
// not from every item of the event, which grows with each order.
constexpr const char* kUserEventQuantity =
    "SELECT COALESCE(SUM(i.quantity), 0) FROM orders o CROSS JOIN order_items i "
    "WHERE o.user_id = $1 AND o.status IN ('pending', 'paid') AND i.order_id = o.id "
    "AND i.event_id = $2";

// Live holds (pending, not yet expired) of one account, and of one address.
constexpr const char* kUserHolds =
    "SELECT COUNT(*) AS n, MIN(expires_at) AS first_expiry FROM orders "
    "WHERE user_id = $1 AND status = 'pending' AND expires_at > $2";
constexpr const char* kAddressHolds =
    "SELECT COALESCE(SUM(i.quantity), 0) AS n, MIN(o.expires_at) AS first_expiry "
    "FROM orders o JOIN order_items i ON i.order_id = o.id "
    "WHERE o.client_address = $1 AND o.status = 'pending' AND o.expires_at > $2";

constexpr const char* kCancelIfPending =
    "UPDATE orders SET status = 'cancelled', updated_at = $2 WHERE id = $1 AND status = 'pending'";
constexpr const char* kMarkPaidIfPending =
    "UPDATE orders SET status = 'paid', payment_method = $2, payment_transaction_id = $3, "
    "paid_at = $4, updated_at = $4 WHERE id = $1 AND status = 'pending'";
constexpr const char* kClaimLatePayment =
    "UPDATE orders SET payment_method = $2, payment_transaction_id = $3, updated_at = $4 "
    "WHERE id = $1 AND status = 'cancelled' AND payment_transaction_id IS NULL";
constexpr const char* kMarkLatePaid =
    "UPDATE orders SET status = 'paid', paid_at = $2, updated_at = $2 "
    "WHERE id = $1 AND status = 'cancelled'";
constexpr const char* kSetRefundRequired =
    "UPDATE orders SET refund_required = TRUE, updated_at = $2 WHERE id = $1";
constexpr const char* kClearRefundRequired =
    "UPDATE orders SET refund_required = FALSE, updated_at = $2 WHERE id = $1";
constexpr const char* kMarkRefundedIfRefundable =
    "UPDATE orders SET status = 'refunded', refund_required = FALSE, updated_at = $2 "
    "WHERE id = $1 AND (status = 'paid' OR (status = 'cancelled' AND refund_required = TRUE))";

constexpr const char* kExpiredPending =
    "SELECT id FROM orders WHERE status = 'pending' AND expires_at <= $1 "
    "ORDER BY expires_at, id LIMIT $2";
// Starts from the few expired pending orders (idx_orders_status_expires); a
// join let SQLite start from every item of the event, which grows with each
// order.
constexpr const char* kExpiredPendingForEvent =
    "SELECT o.id FROM orders o WHERE o.status = 'pending' AND o.expires_at <= $2 "
    "AND EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id AND i.event_id = $1)";

// The parameters of kInsertHead, in its order.
std::vector<Param> order_params(const Order& o) {
  return {o.id,
          o.user_id,
          o.total_amount,
          text_of(o.status),
          text_or_null(o.payment_method),
          text_or_null(o.payment_transaction_id),
          ts(o.created_at),
          ts(o.updated_at),
          ts_or_null(o.expires_at),
          ts_or_null(o.paid_at),
          o.refund_required,
          o.is_test,
          text_or_null(o.client_address)};
}

// The seats of some orders (order_seats), completed by " IN (...)".
constexpr const char* kSelectOrderSeats =
    "SELECT os.order_id AS os_order_id, os.ticket_type_id AS os_ticket_type_id, s.id AS s_id, "
    "s.row_label AS s_row_label, s.number AS s_number, r.name AS r_name FROM order_seats os "
    "JOIN seats s ON s.id = os.seat_id JOIN rooms r ON r.id = s.room_id WHERE os.order_id IN (";

// The parameters of kInsertItemHead, in its order.
std::vector<Param> item_params(const Order& o, const OrderItem& i) {
  return {i.id, o.id, i.ticket_type_id, i.event_id, i.quantity, i.unit_price};
}

// Loads the items of several orders in one statement (no N+1) and attaches them.
void attach_items(Tx& tx, std::vector<Order>& orders) {
  if (orders.empty()) return;
  QueryBuilder q;
  std::string in;
  std::map<std::string, Order*> by_id;
  for (auto& o : orders) {
    in += (in.empty() ? "" : ", ") + q.bind(o.id);
    by_id[o.id] = &o;
  }
  Result r = tx.exec(std::string("SELECT ") + rows::kOrderItemColumns +
                         " FROM order_items i JOIN ticket_types t ON t.id = i.ticket_type_id "
                         "JOIN events e ON e.id = i.event_id WHERE i.order_id IN (" +
                         in + ") ORDER BY i.order_id, t.sort_order, t.name, i.id",
                     q.params());
  for (std::size_t k = 0; k < r.size(); ++k) {
    OrderItem item = rows::order_item(r[k]);
    by_id.at(item.order_id)->items.push_back(std::move(item));
  }
  // The seats of seated items, in the same way (one statement, same ids).
  Result seats =
      tx.exec(std::string(kSelectOrderSeats) + in + ") ORDER BY s.row_index, s.number", q.params());
  for (std::size_t k = 0; k < seats.size(); ++k) {
    const auto row = seats[k];
    for (auto& item : by_id.at(row.text("os_order_id"))->items) {
      if (item.ticket_type_id != row.text("os_ticket_type_id")) continue;
      item.seats.push_back(SeatRef{row.text("s_id"), row.text("r_name"), row.text("s_row_label"),
                                   row.i64("s_number")});
    }
  }
}

std::vector<Order> load(Tx& tx, const std::string& sql, const std::vector<Param>& params) {
  std::vector<Order> out = rows::all(tx.exec(sql, params), rows::order);
  attach_items(tx, out);
  return out;
}

void apply_admin_filter(QueryBuilder& q, const AdminOrderFilter& f) {
  if (f.status) q.where("o.status = " + q.bind(text_of(*f.status)));
  if (f.user_id) q.where("o.user_id = " + q.bind(*f.user_id));
  if (f.user_search) {
    q.where("u.search_text LIKE " + q.bind(like_contains(*f.user_search)) + " ESCAPE '\\'");
  }
  if (f.event_id) {
    q.where("EXISTS (SELECT 1 FROM order_items x WHERE x.order_id = o.id AND x.event_id = " +
            q.bind(*f.event_id) + ")");
  }
}

std::vector<OrderWithBuyer> load_with_buyer(Tx& tx, const std::string& sql,
                                            const std::vector<Param>& params) {
  Result r = tx.exec(sql, params);
  std::vector<Order> orders = rows::all(r, rows::order);
  attach_items(tx, orders);
  std::vector<OrderWithBuyer> out;
  out.reserve(orders.size());
  for (std::size_t i = 0; i < orders.size(); ++i) {
    out.push_back({std::move(orders[i]), Buyer{r[i].text("buyer_id"), r[i].text("buyer_email"),
                                               r[i].opt_text("buyer_full_name")}});
  }
  return out;
}

std::vector<std::string> ids(const Result& r) {
  std::vector<std::string> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) out.push_back(r[i].text(0));
  return out;
}

}  // namespace

std::optional<SellableType> find_sellable_type(Tx& tx, const std::string& ticket_type_id) {
  if (!crypto::is_uuid(ticket_type_id)) return std::nullopt;
  // The event row is share-locked: an order and the event's cancellation (which
  // locks it exclusively, events::find_for_update) never overlap, so no order
  // is left holding tickets of a cancelled event.
  Result r = tx.exec(kFindSellable + tx.dialect().share_lock_of("e"), {ticket_type_id});
  if (r.empty()) return std::nullopt;
  return SellableType{
      rows::ticket_type(r[0]), parse_or_throw<EventStatus>(r[0].text("event_status")),
      r[0].text("event_title"), r[0].opt_time("event_end"), r[0].boolean("is_seated")};
}

namespace {
Holds holds_from(const Result& r) {
  return Holds{r[0].i64("n"), r[0].opt_time("first_expiry")};
}
}  // namespace

Holds pending_orders_of_user(Tx& tx, const std::string& user_id, Timestamp now) {
  return holds_from(tx.exec(kUserHolds, {user_id, ts(now)}));
}

Holds tickets_held_from(Tx& tx, const std::string& client_address, Timestamp now) {
  return holds_from(tx.exec(kAddressHolds, {client_address, ts(now)}));
}

bool reserve(Tx& tx, const std::string& ticket_type_id, std::int64_t quantity) {
  // In a batch, the batch writes it with the others' at its end.
  if (DeferredReservations* deferred = tx.deferred_reservations()) {
    deferred->add(ticket_type_id, quantity);
    return true;
  }
  return tx.exec(kReserve, {ticket_type_id, quantity}).affected() == 1;
}

void add_sold(Tx& tx, const std::string& ticket_type_id, std::int64_t quantity) {
  tx.exec(kAddSold, {ticket_type_id, quantity});
}

void unreserve(Tx& tx, const std::string& ticket_type_id, std::int64_t quantity) {
  // In a batch, given back with the batch's reservations at its end (a hold
  // released and one taken in one batch then write nothing).
  if (DeferredReservations* deferred = tx.deferred_reservations()) {
    deferred->add(ticket_type_id, -quantity);
    return;
  }
  tx.exec(kUnreserve, {ticket_type_id, quantity});
}

void unreserve_all(Tx& tx, const UnitsByType& units) {
  for (const auto& [type_id, quantity] : units) {
    if (quantity > 0) unreserve(tx, type_id, quantity);
  }
}

UnitsByType units_of(const Order& order) {
  UnitsByType units;
  for (const auto& item : order.items) units[item.ticket_type_id] += item.quantity;
  return units;
}

std::int64_t available(Tx& tx, const std::string& ticket_type_id) {
  Result r = tx.exec(kAvailable, {ticket_type_id});
  if (r.empty() ||
      parse_or_throw<TicketTypeStatus>(r[0].text("status")) != TicketTypeStatus::Active) {
    return 0;
  }
  return std::max<std::int64_t>(0, r[0].i64("available"));
}

void lock_user(Tx& tx, const std::string& user_id) {
  tx.exec(kLockUser, {user_id});
}

std::int64_t user_event_quantity(Tx& tx, const std::string& user_id, const std::string& event_id) {
  return tx.exec(kUserEventQuantity, {user_id, event_id})[0].i64(0);
}

void insert(Tx& tx, const Order& o) {
  tx.exec(kInsert, order_params(o));
  for (const auto& i : o.items) tx.exec(kInsertItem, item_params(o, i));
}

void insert_many(Tx& tx, const std::vector<Order>& orders) {
  BulkInsert bulk(tx, kInsertHead);
  for (const auto& o : orders) bulk.add(order_params(o));
  bulk.flush();  // parents before children
  BulkInsert items(tx, kInsertItemHead);
  for (const auto& o : orders) {
    for (const auto& i : o.items) items.add(item_params(o, i));
  }
  items.flush();
}

std::optional<Order> find(Tx& tx, const std::string& id) {
  if (!crypto::is_uuid(id)) return std::nullopt;
  auto v = load(tx, kFind, {id});
  if (v.empty()) return std::nullopt;
  return std::move(v[0]);
}

std::optional<Order> find_for_user(Tx& tx, const std::string& user_id, const std::string& id) {
  if (!crypto::is_uuid(id)) return std::nullopt;
  auto v = load(tx, kFindForUser, {id, user_id});
  if (v.empty()) return std::nullopt;
  return std::move(v[0]);
}

std::vector<Order> list_for_user(Tx& tx, const std::string& user_id, std::int64_t limit,
                                 std::int64_t offset) {
  return load(tx, kListForUser, {user_id, limit, offset});
}

std::int64_t count_for_user(Tx& tx, const std::string& user_id) {
  return tx.exec(kCountForUser, {user_id})[0].i64(0);
}

bool cancel_if_pending(Tx& tx, const std::string& id, Timestamp now) {
  return tx.exec(kCancelIfPending, {id, ts(now)}).affected() == 1;
}

bool mark_paid_if_pending(Tx& tx, const std::string& id, const std::string& method,
                          const std::string& transaction_id, Timestamp now) {
  return tx.exec(kMarkPaidIfPending, {id, method, transaction_id, ts(now)}).affected() == 1;
}

bool claim_late_payment(Tx& tx, const std::string& id, const std::string& method,
                        const std::string& transaction_id, Timestamp now) {
  return tx.exec(kClaimLatePayment, {id, method, transaction_id, ts(now)}).affected() == 1;
}

void mark_late_paid(Tx& tx, const std::string& id, Timestamp now) {
  tx.exec(kMarkLatePaid, {id, ts(now)});
}

void set_refund_required(Tx& tx, const std::string& id, Timestamp now) {
  tx.exec(kSetRefundRequired, {id, ts(now)});
}

void clear_refund_required(Tx& tx, const std::string& id, Timestamp now) {
  tx.exec(kClearRefundRequired, {id, ts(now)});
}

bool mark_refunded_if_refundable(Tx& tx, const std::string& id, Timestamp now) {
  return tx.exec(kMarkRefundedIfRefundable, {id, ts(now)}).affected() == 1;
}

std::vector<OrderWithBuyer> list_admin(Tx& tx, const AdminOrderFilter& f, std::int64_t limit,
                                       std::int64_t offset) {
  QueryBuilder q;
  apply_admin_filter(q, f);
  const std::string sql = kSelectOrderWithBuyer + q.where_clause() +
                          " ORDER BY o.created_at DESC, o.id DESC LIMIT " + q.bind(limit) +
                          " OFFSET " + q.bind(offset);
  return load_with_buyer(tx, sql, q.params());
}

std::int64_t count_admin(Tx& tx, const AdminOrderFilter& f) {
  QueryBuilder q;
  apply_admin_filter(q, f);
  return tx
      .exec("SELECT COUNT(*) FROM orders o JOIN users u ON u.id = o.user_id" + q.where_clause(),
            q.params())[0]
      .i64(0);
}

std::optional<OrderWithBuyer> find_with_buyer(Tx& tx, const std::string& id) {
  if (!crypto::is_uuid(id)) return std::nullopt;
  auto v = load_with_buyer(tx, kFindWithBuyer, {id});
  if (v.empty()) return std::nullopt;
  return std::move(v[0]);
}

std::vector<std::string> expired_pending(Tx& tx, Timestamp now, std::int64_t limit) {
  return ids(tx.exec(kExpiredPending, {ts(now), limit}));
}

std::vector<std::string> expired_pending_for_event(Tx& tx, const std::string& event_id,
                                                   Timestamp now) {
  if (!crypto::is_uuid(event_id)) return {};
  return ids(tx.exec(kExpiredPendingForEvent, {event_id, ts(now)}));
}

std::vector<std::string> expired_pending_for_types(Tx& tx, const std::vector<std::string>& type_ids,
                                                   Timestamp now) {
  if (type_ids.empty()) return {};
  QueryBuilder q;
  std::string in;
  for (const auto& id : type_ids) in += (in.empty() ? "" : ", ") + q.bind(id);
  const std::string cutoff = q.bind(ts(now));
  return ids(
      // Starts from the expired pending orders: see kExpiredPendingForEvent.
      tx.exec("SELECT o.id FROM orders o WHERE o.status = 'pending' AND o.expires_at <= " + cutoff +
                  " AND EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id "
                  "AND i.ticket_type_id IN (" +
                  in + "))",
              q.params()));
}

}  // namespace evient::store::orders
