#include "support/ticket_fixtures.hpp"

#include <stdexcept>

#include "core/crypto.hpp"
#include "store/params.hpp"
#include "store/users_repo.hpp"

namespace evient::test {

User create_buyer(App& app, const std::string& email, const std::string& full_name) {
  User u;
  u.id = crypto::uuid_v4();
  u.email = email;
  u.password_hash = "not-a-hash";
  u.full_name = full_name;
  u.created_at = u.updated_at = app.clock().now();
  app.db().write([&](store::Tx& tx) { store::users::insert(tx, u); });
  return u;
}

IssuedOrder create_order(App& app, const std::string& user_id, const std::vector<OrderLine>& lines,
                         const std::string& status) {
  const Timestamp now = app.clock().now();
  const bool paid = status == "paid" || status == "refunded";
  IssuedOrder out;
  Order& o = out.order;
  o.id = crypto::uuid_v4();
  o.user_id = user_id;
  o.status = status;
  o.created_at = o.updated_at = now;
  for (const auto& l : lines) o.total_amount += l.type.price * l.quantity;
  if (paid) o.paid_at = now;
  app.db().write([&](store::Tx& tx) {
    tx.exec(
        "INSERT INTO orders (id, user_id, total_amount, status, payment_method, "
        "payment_transaction_id, created_at, updated_at, expires_at, paid_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $9)",
        {o.id, o.user_id, o.total_amount, o.status, std::string("sandbox"), "fixture-" + o.id,
         store::ts(now), store::ts(now + std::chrono::minutes(15)), store::ts_or_null(o.paid_at)});
    for (const auto& l : lines) {
      tx.exec(
          "INSERT INTO order_items (id, order_id, ticket_type_id, event_id, quantity, unit_price) "
          "VALUES ($1, $2, $3, $4, $5, $6)",
          {crypto::uuid_v4(), o.id, l.type.id, l.type.event_id, l.quantity, l.type.price});
      if (status == "pending" || status == "paid") {
        tx.exec("UPDATE ticket_types SET quantity_sold = quantity_sold + $2 WHERE id = $1",
                {l.type.id, l.quantity});
      }
      if (status != "paid") continue;
      for (std::int64_t i = 0; i < l.quantity; ++i) {
        Ticket t;
        t.id = crypto::uuid_v4();
        t.order_id = o.id;
        t.ticket_type_id = l.type.id;
        t.user_id = user_id;
        t.event_id = l.type.event_id;
        t.ticket_code = crypto::ticket_code();
        t.price_at_purchase = l.type.price;
        t.created_at = now;
        tx.exec(
            "INSERT INTO tickets (id, order_id, ticket_type_id, user_id, event_id, ticket_code, "
            "status, price_at_purchase, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'valid', $7, "
            "$8)",
            {t.id, t.order_id, t.ticket_type_id, t.user_id, t.event_id, t.ticket_code,
             t.price_at_purchase, store::ts(now)});
        out.tickets.push_back(t);
      }
    }
  });
  return out;
}

Ticket load_ticket(App& app, const std::string& ticket_id) {
  return app.db().read([&](store::Tx& tx) {
    store::Result r = tx.exec(
        "SELECT id, ticket_code, status, used_at, price_at_purchase, event_id FROM tickets "
        "WHERE id = $1",
        {ticket_id});
    if (r.empty()) throw std::runtime_error("no ticket " + ticket_id);
    Ticket t;
    t.id = r[0].text(0);
    t.ticket_code = r[0].text(1);
    t.status = r[0].text(2);
    t.used_at = r[0].opt_time(3);
    t.price_at_purchase = r[0].i64(4);
    t.event_id = r[0].text(5);
    return t;
  });
}

std::string order_status(App& app, const std::string& order_id) {
  return app.db().read([&](store::Tx& tx) {
    return tx.exec("SELECT status FROM orders WHERE id = $1", {order_id})[0].text(0);
  });
}

}  // namespace evient::test
