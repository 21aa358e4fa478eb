#include "store/admin_repo.hpp"

#include "store/params.hpp"

namespace evient::store::admin {

std::vector<AffectedOrder> orders_for_event(Tx& tx, const std::string& event_id,
                                            const std::string& status) {
  Result r = tx.exec(
      "SELECT o.id, o.user_id, o.total_amount, o.payment_method, o.payment_transaction_id, "
      "CASE WHEN EXISTS (SELECT 1 FROM order_items x WHERE x.order_id = o.id "
      "AND x.event_id <> $1) THEN 0 ELSE 1 END FROM orders o WHERE o.status = $2 "
      "AND EXISTS (SELECT 1 FROM order_items oi WHERE oi.order_id = o.id AND oi.event_id = $1) "
      "ORDER BY o.created_at, o.id",
      {event_id, status});
  std::vector<AffectedOrder> out;
  for (std::size_t i = 0; i < r.size(); ++i) {
    out.push_back({r[i].text(0), r[i].text(1), r[i].i64(2), r[i].opt_text(3), r[i].opt_text(4),
                   r[i].i64(5) == 1});
  }
  return out;
}

bool mark_refunded(Tx& tx, const std::string& order_id, Timestamp now) {
  return tx.exec(
               "UPDATE orders SET status = 'refunded', updated_at = $2 "
               "WHERE id = $1 AND status = 'paid'",
               {order_id, ts(now)})
             .affected() == 1;
}

std::int64_t cancel_event_tickets(Tx& tx, const std::string& event_id) {
  return tx
      .exec(
          "UPDATE tickets SET status = 'cancelled' "
          "WHERE event_id = $1 AND status <> 'cancelled'",
          {event_id})
      .affected();
}

bool event_has_sales(Tx& tx, const std::string& event_id) {
  return !tx.exec(
                "SELECT 1 WHERE EXISTS (SELECT 1 FROM tickets WHERE event_id = $1) "
                "OR EXISTS (SELECT 1 FROM order_items WHERE event_id = $1)",
                {event_id})
              .empty();
}

bool remove_unsold_ticket_type(Tx& tx, const std::string& id) {
  return tx.exec(
               "DELETE FROM ticket_types WHERE id = $1 AND quantity_sold = 0 "
               "AND NOT EXISTS (SELECT 1 FROM order_items WHERE ticket_type_id = $1) "
               "AND NOT EXISTS (SELECT 1 FROM tickets WHERE ticket_type_id = $1)",
               {id})
             .affected() == 1;
}

std::vector<AttendeeRow> attendees_page(Tx& tx, const std::string& event_id,
                                        const std::optional<std::string>& after,
                                        std::int64_t limit) {
  const std::string select =
      "SELECT t.id, t.created_at, t.ticket_code, t.status, t.used_at, tt.name, u.full_name, "
      "u.email, t.order_id, t.price_at_purchase FROM tickets t "
      "JOIN ticket_types tt ON tt.id = t.ticket_type_id JOIN users u ON u.id = t.user_id "
      "WHERE t.event_id = $1";
  // Keyset on the primary key: exact on both engines (PostgreSQL keeps
  // sub-second timestamps, so a created_at cursor could repeat rows).
  Result r =
      after ? tx.exec(select + " AND t.id > $2 ORDER BY t.id LIMIT $3", {event_id, *after, limit})
            : tx.exec(select + " ORDER BY t.id LIMIT $2", {event_id, limit});
  std::vector<AttendeeRow> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) {
    AttendeeRow a;
    a.ticket_id = r[i].text(0);
    a.created_at = r[i].time(1);
    a.ticket_code = r[i].text(2);
    a.status = r[i].text(3);
    a.used_at = r[i].opt_time(4);
    a.ticket_type = r[i].text(5);
    a.holder_name = r[i].opt_text(6);
    a.holder_email = r[i].text(7);
    a.order_id = r[i].text(8);
    a.price = r[i].i64(9);
    out.push_back(std::move(a));
  }
  return out;
}

std::int64_t lock_active_admins(Tx& tx) {
  const char* sql = tx.engine() == Engine::Postgres
                        ? "SELECT id FROM users WHERE role = 'admin' AND is_active = TRUE "
                          "FOR UPDATE"
                        : "SELECT id FROM users WHERE role = 'admin' AND is_active = TRUE";
  return static_cast<std::int64_t>(tx.exec(sql).size());
}

}  // namespace evient::store::admin
