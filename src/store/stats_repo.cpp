#include "store/stats_repo.hpp"

#include "store/params.hpp"
#include "store/rows.hpp"

namespace evient::store::stats {
namespace {

// Revenue counts paid orders that moved money: test orders (the sandbox) are
// counted apart (kTestOrders).
constexpr const char* kEventTotals =
    "SELECT e.id AS id, e.title AS title, "
    "(SELECT COUNT(*) FROM tickets t WHERE t.event_id = e.id AND t.status <> 'cancelled') "
    "AS tickets_sold, "
    "(SELECT COALESCE(SUM(oi.quantity * oi.unit_price), 0) FROM order_items oi "
    "JOIN orders o ON o.id = oi.order_id WHERE oi.event_id = e.id AND o.status = 'paid' "
    "AND NOT o.is_test) "
    "AS revenue, "
    "(SELECT COUNT(*) FROM tickets t WHERE t.event_id = e.id AND t.status = 'used') AS checked_in "
    "FROM events e";

// The type (rows::kTicketTypeColumns) with its live and used tickets.
const std::string kTypeTotals =
    std::string("SELECT ") + rows::kTicketTypeColumns +
    ", (SELECT COUNT(*) FROM tickets k WHERE k.ticket_type_id = t.id "
    "AND k.status <> 'cancelled') AS tickets_sold, "
    "(SELECT COUNT(*) FROM tickets k WHERE k.ticket_type_id = t.id AND k.status = 'used') "
    "AS checked_in FROM ticket_types t WHERE t.event_id = $1 ORDER BY t.sort_order, t.price, t.id";

constexpr const char* kPaidRevenue =
    "SELECT COALESCE(SUM(total_amount), 0) FROM orders WHERE status = 'paid' AND NOT is_test";
constexpr const char* kTestOrders =
    "SELECT COUNT(*) AS orders, COALESCE(SUM(total_amount), 0) AS amount FROM orders "
    "WHERE status = 'paid' AND is_test";
constexpr const char* kTicketsIssued = "SELECT COUNT(*) FROM tickets WHERE status <> 'cancelled'";
constexpr const char* kTicketsIssuedForEvent =
    "SELECT COUNT(*) FROM tickets WHERE event_id = $1 AND status <> 'cancelled'";
constexpr const char* kTicketsCheckedIn = "SELECT COUNT(*) FROM tickets WHERE status = 'used'";
constexpr const char* kTicketsCheckedInForEvent =
    "SELECT COUNT(*) FROM tickets WHERE event_id = $1 AND status = 'used'";
constexpr const char* kOrdersByStatus =
    "SELECT status, COUNT(*) AS orders FROM orders GROUP BY status";
constexpr const char* kOrdersByStatusForEvent =
    "SELECT o.status AS status, COUNT(*) AS orders FROM orders o WHERE EXISTS (SELECT 1 "
    "FROM order_items oi WHERE oi.order_id = o.id AND oi.event_id = $1) GROUP BY o.status";
constexpr const char* kSalesSince =
    "SELECT COALESCE(o.paid_at, o.created_at) AS paid_at, o.total_amount AS amount, "
    "(SELECT COUNT(*) FROM tickets t WHERE t.order_id = o.id AND t.status <> 'cancelled') "
    "AS tickets FROM orders o "
    "WHERE o.status = 'paid' AND NOT o.is_test AND COALESCE(o.paid_at, o.created_at) >= $1";
constexpr const char* kSalesSinceForEvent =
    "SELECT COALESCE(o.paid_at, o.created_at) AS paid_at, "
    "oi.quantity * oi.unit_price AS amount, oi.quantity AS tickets FROM "
    "order_items oi JOIN orders o ON o.id = oi.order_id "
    "WHERE o.status = 'paid' AND NOT o.is_test AND oi.event_id = $2 "
    "AND COALESCE(o.paid_at, o.created_at) >= $1";
const std::string kTopEvents =
    std::string(kEventTotals) + " ORDER BY revenue DESC, tickets_sold DESC, e.title, e.id LIMIT $1";
const std::string kEventTotalsOf = std::string(kEventTotals) + " WHERE e.id = $1";

EventTotals totals_from_row(const Result::Row& r) {
  return {r.text("id"), r.text("title"), r.i64("tickets_sold"), r.i64("revenue"),
          r.i64("checked_in")};
}

}  // namespace

Minor paid_revenue(Tx& tx) {
  return tx.exec(kPaidRevenue)[0].i64(0);
}

TestOrders test_orders(Tx& tx) {
  Result r = tx.exec(kTestOrders);
  return {r[0].i64("orders"), r[0].i64("amount")};
}

std::int64_t tickets_issued(Tx& tx, const std::optional<std::string>& event_id) {
  Result r = event_id ? tx.exec(kTicketsIssuedForEvent, {*event_id}) : tx.exec(kTicketsIssued);
  return r[0].i64(0);
}

std::int64_t tickets_checked_in(Tx& tx, const std::optional<std::string>& event_id) {
  Result r =
      event_id ? tx.exec(kTicketsCheckedInForEvent, {*event_id}) : tx.exec(kTicketsCheckedIn);
  return r[0].i64(0);
}

std::map<OrderStatus, std::int64_t> orders_by_status(Tx& tx,
                                                     const std::optional<std::string>& event_id) {
  Result r = event_id ? tx.exec(kOrdersByStatusForEvent, {*event_id}) : tx.exec(kOrdersByStatus);
  std::map<OrderStatus, std::int64_t> out;
  for (std::size_t i = 0; i < r.size(); ++i) {
    out[parse_or_throw<OrderStatus>(r[i].text("status"))] = r[i].i64("orders");
  }
  return out;
}

std::vector<SaleRow> sales_since(Tx& tx, Timestamp since,
                                 const std::optional<std::string>& event_id) {
  Result r = event_id ? tx.exec(kSalesSinceForEvent, {ts(since), *event_id})
                      : tx.exec(kSalesSince, {ts(since)});
  return rows::all(r, [](const Result::Row& row) {
    return SaleRow{row.time("paid_at"), row.i64("amount"), row.i64("tickets")};
  });
}

std::vector<EventTotals> top_events(Tx& tx, std::int64_t limit) {
  return rows::all(tx.exec(kTopEvents, {limit}), totals_from_row);
}

EventTotals event_totals(Tx& tx, const Event& e) {
  Result r = tx.exec(kEventTotalsOf, {e.id});
  if (r.empty()) return {e.id, e.title, 0, 0, 0};
  return totals_from_row(r[0]);
}

std::vector<TypeTotals> type_totals(Tx& tx, const std::string& event_id) {
  return rows::all(tx.exec(kTypeTotals, {event_id}), [](const Result::Row& r) {
    return TypeTotals{rows::ticket_type(r), r.i64("tickets_sold"), r.i64("checked_in")};
  });
}

}  // namespace evient::store::stats
