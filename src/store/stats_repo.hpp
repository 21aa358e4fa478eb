#pragma once
// Aggregates for the admin dashboard. Dates are bucketed by the service in C++
// (no engine date functions), so the repository hands back dated rows.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/models.hpp"
#include "domain/views.hpp"
#include "store/db.hpp"

namespace evient::store::stats {

// One paid sale: when it was paid, how much, how many tickets.
using SaleRow = evient::SaleRow;

using EventTotals = evient::EventTotals;

using TypeTotals = evient::TypeTotals;

// Paid orders only: refunded orders are not revenue, nor are test orders.
Minor paid_revenue(Tx& tx);
// Paid test orders (the sandbox): how many, and what they would have brought.
struct TestOrders {
  std::int64_t orders = 0;
  Minor amount = 0;
};
TestOrders test_orders(Tx& tx);
// Tickets not cancelled, and tickets used, optionally for one event.
std::int64_t tickets_issued(Tx& tx, const std::optional<std::string>& event_id);
std::int64_t tickets_checked_in(Tx& tx, const std::optional<std::string>& event_id);
// Order count per status; with an event, orders holding at least one item of it.
std::map<OrderStatus, std::int64_t> orders_by_status(Tx& tx,
                                                     const std::optional<std::string>& event_id);
// Paid orders (or, with an event, their items for it) paid at or after `since`.
std::vector<SaleRow> sales_since(Tx& tx, Timestamp since,
                                 const std::optional<std::string>& event_id);
// Events ranked by revenue, then tickets sold.
std::vector<EventTotals> top_events(Tx& tx, std::int64_t limit);
EventTotals event_totals(Tx& tx, const Event& e);
std::vector<TypeTotals> type_totals(Tx& tx, const std::string& event_id);

}  // namespace evient::store::stats
