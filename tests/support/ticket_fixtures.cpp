#include "support/ticket_fixtures.hpp"

#include <stdexcept>

#include "core/crypto.hpp"
#include "store/orders_repo.hpp"
#include "store/tickets_repo.hpp"
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
  o.status = parse_or_throw<OrderStatus>(status);
  o.created_at = o.updated_at = now;
  for (const auto& l : lines) o.total_amount += l.type.price * l.quantity;
  if (paid) o.paid_at = now;
  // What is stored has the payment fields a real order would; the returned
  // order is as the caller described it.
  Order stored = o;
  stored.payment_method = "sandbox";
  stored.payment_transaction_id = "fixture-" + o.id;
  stored.expires_at = now + std::chrono::minutes(15);
  for (const auto& l : lines) {
    OrderItem item;
    item.id = crypto::uuid_v4();
    item.ticket_type_id = l.type.id;
    item.event_id = l.type.event_id;
    item.quantity = l.quantity;
    item.unit_price = l.type.price;
    stored.items.push_back(std::move(item));
  }
  app.db().write([&](store::Tx& tx) {
    store::orders::insert(tx, stored);
    for (const auto& l : lines) {
      if (status == "pending" || status == "paid")
        store::orders::add_sold(tx, l.type.id, l.quantity);
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
        store::tickets::insert(tx, t);
        out.tickets.push_back(t);
      }
    }
  });
  return out;
}

Ticket load_ticket(App& app, const std::string& ticket_id) {
  auto t = app.db().read([&](store::Tx& tx) { return store::tickets::find(tx, ticket_id); });
  if (!t) throw std::runtime_error("no ticket " + ticket_id);
  return *t;
}

std::string order_status(App& app, const std::string& order_id) {
  return std::string(to_text(
      app.db().read([&](store::Tx& tx) { return store::orders::find(tx, order_id)->status; })));
}

}  // namespace evient::test
