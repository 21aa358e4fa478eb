#include "store/stats_repo.hpp"

#include "store/params.hpp"
#include "store/rows.hpp"

namespace evient::store::stats {
namespace {

constexpr const char* kEventTotals =
    "SELECT e.id AS id, e.title AS title, "
    "(SELECT COUNT(*) FROM tickets t WHERE t.event_id = e.id AND t.status <> 'cancelled') "
    "AS tickets_sold, "
    "(SELECT COALESCE(SUM(oi.quantity * oi.unit_price), 0) FROM order_items oi "
    "JOIN orders o ON o.id = oi.order_id WHERE oi.event_id = e.id AND o.status = 'paid') "
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

EventTotals totals_from_row(const Result::Row& r) {
  return {r.text("id"), r.text("title"), r.i64("tickets_sold"), r.i64("revenue"),
          r.i64("checked_in")};
}

}  // namespace

Minor paid_revenue(Tx& tx) {
  return tx.exec("SELECT COALESCE(SUM(total_amount), 0) FROM orders WHERE status = 'paid'")[0].i64(
      0);
}

std::int64_t tickets_issued(Tx& tx, const std::optional<std::string>& event_id) {
  if (event_id) {
    return tx
        .exec("SELECT COUNT(*) FROM tickets WHERE event_id = $1 AND status <> 'cancelled'",
              {*event_id})[0]
        .i64(0);
  }
  return tx.exec("SELECT COUNT(*) FROM tickets WHERE status <> 'cancelled'")[0].i64(0);
}

std::int64_t tickets_checked_in(Tx& tx, const std::optional<std::string>& event_id) {
  if (event_id) {
    return tx
        .exec("SELECT COUNT(*) FROM tickets WHERE event_id = $1 AND status = 'used'",
              {*event_id})[0]
        .i64(0);
  }
  return tx.exec("SELECT COUNT(*) FROM tickets WHERE status = 'used'")[0].i64(0);
}

std::map<std::string, std::int64_t> orders_by_status(Tx& tx,
                                                     const std::optional<std::string>& event_id) {
  Result r = event_id ? tx.exec(
                            "SELECT o.status AS status, COUNT(*) AS orders FROM orders o WHERE "
                            "EXISTS (SELECT 1 "
                            "FROM order_items oi WHERE oi.order_id = o.id AND oi.event_id = $1) "
                            "GROUP BY o.status",
                            {*event_id})
                      : tx.exec("SELECT status, COUNT(*) AS orders FROM orders GROUP BY status");
  std::map<std::string, std::int64_t> out;
  for (std::size_t i = 0; i < r.size(); ++i) out[r[i].text("status")] = r[i].i64("orders");
  return out;
}

std::vector<SaleRow> sales_since(Tx& tx, Timestamp since,
                                 const std::optional<std::string>& event_id) {
  Result r = event_id ? tx.exec(
                            "SELECT COALESCE(o.paid_at, o.created_at) AS paid_at, "
                            "oi.quantity * oi.unit_price AS amount, oi.quantity AS tickets FROM "
                            "order_items oi JOIN orders o ON o.id = oi.order_id "
                            "WHERE o.status = 'paid' AND oi.event_id = $2 "
                            "AND COALESCE(o.paid_at, o.created_at) >= $1",
                            {ts(since), *event_id})
                      : tx.exec(
                            "SELECT COALESCE(o.paid_at, o.created_at) AS paid_at, "
                            "o.total_amount AS amount, (SELECT COUNT(*) FROM tickets t "
                            "WHERE t.order_id = o.id AND t.status <> 'cancelled') AS tickets "
                            "FROM orders o "
                            "WHERE o.status = 'paid' AND COALESCE(o.paid_at, o.created_at) >= $1",
                            {ts(since)});
  std::vector<SaleRow> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) {
    out.push_back({r[i].time("paid_at"), r[i].i64("amount"), r[i].i64("tickets")});
  }
  return out;
}

std::vector<EventTotals> top_events(Tx& tx, std::int64_t limit) {
  Result r = tx.exec(std::string(kEventTotals) +
                         " ORDER BY revenue DESC, tickets_sold DESC, e.title, e.id LIMIT $1",
                     {limit});
  std::vector<EventTotals> out;
  for (std::size_t i = 0; i < r.size(); ++i) out.push_back(totals_from_row(r[i]));
  return out;
}

EventTotals event_totals(Tx& tx, const Event& e) {
  Result r = tx.exec(std::string(kEventTotals) + " WHERE e.id = $1", {e.id});
  if (r.empty()) return {e.id, e.title, 0, 0, 0};
  return totals_from_row(r[0]);
}

std::vector<TypeTotals> type_totals(Tx& tx, const std::string& event_id) {
  return rows::all(tx.exec(kTypeTotals, {event_id}), [](const Result::Row& r) {
    return TypeTotals{rows::ticket_type(r), r.i64("tickets_sold"), r.i64("checked_in")};
  });
}

}  // namespace evient::store::stats
