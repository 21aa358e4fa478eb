#include "store/orders_repo.hpp"

#include <map>

#include "core/crypto.hpp"
#include "store/events_repo.hpp"
#include "store/params.hpp"

namespace evient::store::orders {
namespace {

constexpr const char* kOrderColumns =
    "o.id, o.user_id, o.total_amount, o.status, o.payment_method, o.payment_transaction_id, "
    "o.created_at, o.updated_at, o.expires_at, o.paid_at, o.refund_required";

Order order_from_row(const Result::Row& r) {
  Order o;
  o.id = r.text(0);
  o.user_id = r.text(1);
  o.total_amount = r.i64(2);
  o.status = r.text(3);
  o.payment_method = r.opt_text(4);
  o.payment_transaction_id = r.opt_text(5);
  o.created_at = r.time(6);
  o.updated_at = r.time(7);
  o.expires_at = r.opt_time(8);
  o.paid_at = r.opt_time(9);
  o.refund_required = r.boolean(10);
  return o;
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
  Result r = tx.exec(
      "SELECT i.id, i.order_id, i.ticket_type_id, i.event_id, i.quantity, i.unit_price, t.name, "
      "e.title FROM order_items i JOIN ticket_types t ON t.id = i.ticket_type_id "
      "JOIN events e ON e.id = i.event_id WHERE i.order_id IN (" +
          in + ") ORDER BY i.order_id, t.sort_order, t.name, i.id",
      q.params());
  for (std::size_t k = 0; k < r.size(); ++k) {
    OrderItem item;
    item.id = r[k].text(0);
    item.order_id = r[k].text(1);
    item.ticket_type_id = r[k].text(2);
    item.event_id = r[k].text(3);
    item.quantity = r[k].i64(4);
    item.unit_price = r[k].i64(5);
    item.ticket_type_name = r[k].text(6);
    item.event_title = r[k].text(7);
    by_id.at(item.order_id)->items.push_back(std::move(item));
  }
}

std::vector<Order> load(Tx& tx, const std::string& sql, const std::vector<Param>& params) {
  Result r = tx.exec(sql, params);
  std::vector<Order> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) out.push_back(order_from_row(r[i]));
  attach_items(tx, out);
  return out;
}

constexpr std::size_t kOrderColumnCount = 11;

void apply_admin_filter(QueryBuilder& q, const AdminOrderFilter& f) {
  if (f.status) q.where("o.status = " + q.bind(*f.status));
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
  std::vector<Order> orders;
  orders.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) orders.push_back(order_from_row(r[i]));
  attach_items(tx, orders);
  std::vector<OrderWithBuyer> out;
  out.reserve(orders.size());
  for (std::size_t i = 0; i < orders.size(); ++i) {
    const std::size_t c = kOrderColumnCount;
    out.push_back(
        {std::move(orders[i]), Buyer{r[i].text(c), r[i].text(c + 1), r[i].opt_text(c + 2)}});
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
  Result r = tx.exec(std::string("SELECT ") + events::kTicketTypeColumns +
                         ", e.status, e.title, COALESCE(e.end_time, e.start_time) "
                         "FROM ticket_types t JOIN events e ON e.id = t.event_id WHERE t.id = $1",
                     {ticket_type_id});
  if (r.empty()) return std::nullopt;
  return SellableType{events::ticket_type_from_row(r[0]), r[0].text(12), r[0].text(13),
                      r[0].opt_time(14)};
}

bool reserve(Tx& tx, const std::string& ticket_type_id, std::int64_t quantity) {
  return tx.exec(
               "UPDATE ticket_types SET quantity_sold = quantity_sold + $2 WHERE id = $1 AND "
               "status = 'active' AND quantity_sold + $2 <= quantity_total",
               {ticket_type_id, quantity})
             .affected() == 1;
}

void add_sold(Tx& tx, const std::string& ticket_type_id, std::int64_t quantity) {
  tx.exec("UPDATE ticket_types SET quantity_sold = quantity_sold + $2 WHERE id = $1",
          {ticket_type_id, quantity});
}

void unreserve(Tx& tx, const std::string& ticket_type_id, std::int64_t quantity) {
  tx.exec(
      "UPDATE ticket_types SET quantity_sold = quantity_sold - $2 WHERE id = $1 AND "
      "quantity_sold >= $2",
      {ticket_type_id, quantity});
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
  Result r =
      tx.exec("SELECT quantity_total - quantity_sold, status FROM ticket_types WHERE id = $1",
              {ticket_type_id});
  if (r.empty() || r[0].text(1) != "active") return 0;
  return std::max<std::int64_t>(0, r[0].i64(0));
}

void lock_user(Tx& tx, const std::string& user_id) {
  tx.exec("UPDATE users SET token_version = token_version WHERE id = $1", {user_id});
}

std::int64_t user_event_quantity(Tx& tx, const std::string& user_id, const std::string& event_id) {
  return tx
      .exec(
          // CROSS JOIN: SQLite starts from the user's orders (idx_orders_user_status),
          // not from every item of the event, which grows with each order.
          "SELECT COALESCE(SUM(i.quantity), 0) FROM orders o CROSS JOIN order_items i "
          "WHERE o.user_id = $1 AND o.status IN ('pending', 'paid') AND i.order_id = o.id "
          "AND i.event_id = $2",
          {user_id, event_id})[0]
      .i64(0);
}

void insert(Tx& tx, const Order& o) {
  tx.exec(
      "INSERT INTO orders (id, user_id, total_amount, status, payment_method, "
      "payment_transaction_id, created_at, updated_at, expires_at, paid_at, refund_required) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
      {o.id, o.user_id, o.total_amount, o.status, text_or_null(o.payment_method),
       text_or_null(o.payment_transaction_id), ts(o.created_at), ts(o.updated_at),
       ts_or_null(o.expires_at), ts_or_null(o.paid_at), o.refund_required});
  for (const auto& i : o.items) {
    tx.exec(
        "INSERT INTO order_items (id, order_id, ticket_type_id, event_id, quantity, unit_price) "
        "VALUES ($1, $2, $3, $4, $5, $6)",
        {i.id, o.id, i.ticket_type_id, i.event_id, i.quantity, i.unit_price});
  }
}

std::optional<Order> find(Tx& tx, const std::string& id) {
  if (!crypto::is_uuid(id)) return std::nullopt;
  auto v =
      load(tx, std::string("SELECT ") + kOrderColumns + " FROM orders o WHERE o.id = $1", {id});
  if (v.empty()) return std::nullopt;
  return std::move(v[0]);
}

std::optional<Order> find_for_user(Tx& tx, const std::string& user_id, const std::string& id) {
  if (!crypto::is_uuid(id)) return std::nullopt;
  auto v = load(
      tx,
      std::string("SELECT ") + kOrderColumns + " FROM orders o WHERE o.id = $1 AND o.user_id = $2",
      {id, user_id});
  if (v.empty()) return std::nullopt;
  return std::move(v[0]);
}

std::vector<Order> list_for_user(Tx& tx, const std::string& user_id, std::int64_t limit,
                                 std::int64_t offset) {
  return load(tx,
              std::string("SELECT ") + kOrderColumns +
                  " FROM orders o WHERE o.user_id = $1 ORDER BY o.created_at DESC, o.id DESC "
                  "LIMIT $2 OFFSET $3",
              {user_id, limit, offset});
}

std::int64_t count_for_user(Tx& tx, const std::string& user_id) {
  return tx.exec("SELECT COUNT(*) FROM orders WHERE user_id = $1", {user_id})[0].i64(0);
}

bool cancel_if_pending(Tx& tx, const std::string& id, Timestamp now) {
  return tx.exec(
               "UPDATE orders SET status = 'cancelled', updated_at = $2 "
               "WHERE id = $1 AND status = 'pending'",
               {id, ts(now)})
             .affected() == 1;
}

bool mark_paid_if_pending(Tx& tx, const std::string& id, const std::string& method,
                          const std::string& transaction_id, Timestamp now) {
  return tx.exec(
               "UPDATE orders SET status = 'paid', payment_method = $2, "
               "payment_transaction_id = $3, paid_at = $4, updated_at = $4 "
               "WHERE id = $1 AND status = 'pending'",
               {id, method, transaction_id, ts(now)})
             .affected() == 1;
}

bool claim_late_payment(Tx& tx, const std::string& id, const std::string& method,
                        const std::string& transaction_id, Timestamp now) {
  return tx.exec(
               "UPDATE orders SET payment_method = $2, payment_transaction_id = $3, "
               "updated_at = $4 WHERE id = $1 AND status = 'cancelled' "
               "AND payment_transaction_id IS NULL",
               {id, method, transaction_id, ts(now)})
             .affected() == 1;
}

void mark_late_paid(Tx& tx, const std::string& id, Timestamp now) {
  tx.exec(
      "UPDATE orders SET status = 'paid', paid_at = $2, updated_at = $2 "
      "WHERE id = $1 AND status = 'cancelled'",
      {id, ts(now)});
}

void set_refund_required(Tx& tx, const std::string& id, Timestamp now) {
  tx.exec("UPDATE orders SET refund_required = TRUE, updated_at = $2 WHERE id = $1", {id, ts(now)});
}

void clear_refund_required(Tx& tx, const std::string& id, Timestamp now) {
  tx.exec("UPDATE orders SET refund_required = FALSE, updated_at = $2 WHERE id = $1",
          {id, ts(now)});
}

bool mark_refunded_if_refundable(Tx& tx, const std::string& id, Timestamp now) {
  return tx.exec(
               "UPDATE orders SET status = 'refunded', refund_required = FALSE, updated_at = $2 "
               "WHERE id = $1 AND (status = 'paid' OR (status = 'cancelled' AND "
               "refund_required = TRUE))",
               {id, ts(now)})
             .affected() == 1;
}

std::vector<OrderWithBuyer> list_admin(Tx& tx, const AdminOrderFilter& f, std::int64_t limit,
                                       std::int64_t offset) {
  QueryBuilder q;
  apply_admin_filter(q, f);
  const std::string sql = std::string("SELECT ") + kOrderColumns +
                          ", u.id, u.email, u.full_name FROM orders o JOIN users u ON u.id = "
                          "o.user_id" +
                          q.where_clause() + " ORDER BY o.created_at DESC, o.id DESC LIMIT " +
                          q.bind(limit) + " OFFSET " + q.bind(offset);
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
  auto v = load_with_buyer(tx,
                           std::string("SELECT ") + kOrderColumns +
                               ", u.id, u.email, u.full_name FROM orders o JOIN users u ON u.id = "
                               "o.user_id WHERE o.id = $1",
                           {id});
  if (v.empty()) return std::nullopt;
  return std::move(v[0]);
}

std::vector<std::string> expired_pending(Tx& tx, Timestamp now, std::int64_t limit) {
  return ids(
      tx.exec("SELECT id FROM orders WHERE status = 'pending' AND expires_at <= $1 "
              "ORDER BY expires_at, id LIMIT $2",
              {ts(now), limit}));
}

std::vector<std::string> expired_pending_for_event(Tx& tx, const std::string& event_id,
                                                   Timestamp now) {
  if (!crypto::is_uuid(event_id)) return {};
  return ids(
      // Starts from the few expired pending orders (idx_orders_status_expires);
      // a join let SQLite start from every item of the event, which grows with
      // each order.
      tx.exec("SELECT o.id FROM orders o WHERE o.status = 'pending' AND o.expires_at <= $2 "
              "AND EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id "
              "AND i.event_id = $1)",
              {event_id, ts(now)}));
}

std::vector<std::string> expired_pending_for_types(Tx& tx, const std::vector<std::string>& type_ids,
                                                   Timestamp now) {
  if (type_ids.empty()) return {};
  QueryBuilder q;
  std::string in;
  for (const auto& id : type_ids) in += (in.empty() ? "" : ", ") + q.bind(id);
  const std::string cutoff = q.bind(ts(now));
  return ids(
      // Starts from the expired pending orders: see expired_pending_for_event.
      tx.exec("SELECT o.id FROM orders o WHERE o.status = 'pending' AND o.expires_at <= " + cutoff +
                  " AND EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id "
                  "AND i.ticket_type_id IN (" +
                  in + "))",
              q.params()));
}

}  // namespace evient::store::orders
