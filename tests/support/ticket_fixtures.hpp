#pragma once
// Orders, order items and issued tickets written straight into the database,
// so admin tests (scanner, stats, cancellation, export) have tickets without
// going through checkout.
#include <string>
#include <vector>

#include "app.hpp"
#include "domain/models.hpp"
#include "support/status_text.hpp"

namespace evient::test {

// A user inserted directly (no Argon2id, cannot log in); returns the row.
User create_buyer(App& app, const std::string& email, const std::string& full_name);

struct OrderLine {
  TicketType type;
  std::int64_t quantity = 1;
};

struct IssuedOrder {
  Order order;
  std::vector<Ticket> tickets;  // empty for pending/cancelled orders
};

// One order of `lines` for `user_id` in `status` (pending, paid, cancelled,
// refunded), paid at the app clock's now (paid_at set for paid/refunded). Paid
// orders get `valid` tickets with fresh codes; pending and paid orders count
// in quantity_sold.
IssuedOrder create_order(App& app, const std::string& user_id, const std::vector<OrderLine>& lines,
                         const std::string& status = "paid");

// The ticket's row as stored now.
Ticket load_ticket(App& app, const std::string& ticket_id);
// The order's status as stored now.
std::string order_status(App& app, const std::string& order_id);

}  // namespace evient::test
