#include "services/stats_service.hpp"

#include "core/errors.hpp"
#include "core/time.hpp"
#include "store/db.hpp"
#include "store/events_repo.hpp"
#include "store/stats_repo.hpp"
#include "store/users_repo.hpp"

namespace evient {
namespace {

using std::chrono::days;

Timestamp first_day(Timestamp today, int n) {
  return std::chrono::floor<days>(today) - days(n - 1);
}

OrderCounts order_counts(const std::map<OrderStatus, std::int64_t>& m) {
  auto get = [&](OrderStatus k) {
    auto it = m.find(k);
    return it == m.end() ? 0 : it->second;
  };
  return {get(OrderStatus::Pending), get(OrderStatus::Paid), get(OrderStatus::Cancelled),
          get(OrderStatus::Refunded)};
}

}  // namespace

std::vector<DayRevenue> bucket_by_day(const std::vector<SaleRow>& rows, Timestamp today, int n) {
  const auto start = std::chrono::floor<days>(today) - days(n - 1);
  std::vector<DayRevenue> out(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) out[i].date = format_date(Timestamp(start + days(i)));
  for (const auto& r : rows) {
    const auto index = (std::chrono::floor<days>(r.paid_at) - start).count();
    if (index < 0 || index >= n) continue;
    out[index].revenue += r.amount;
    out[index].tickets += r.tickets;
  }
  return out;
}

StatsService::StatsService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

DashboardStats StatsService::dashboard() {
  const Timestamp now = clock_.now();
  return db_.read([&](store::Tx& tx) {
    DashboardStats s;
    s.total_revenue = store::stats::paid_revenue(tx);
    const auto test = store::stats::test_orders(tx);
    s.test_order_count = test.orders;
    s.test_revenue = test.amount;
    s.total_tickets = store::stats::tickets_issued(tx, std::nullopt);
    s.tickets_checked_in = store::stats::tickets_checked_in(tx, std::nullopt);
    s.total_users = store::users::count(tx);
    s.total_events = store::events::count(tx, {});
    store::events::EventFilter upcoming;
    upcoming.statuses = {EventStatus::Published};
    upcoming.starts_after = now;
    s.upcoming_events = store::events::count(tx, upcoming);
    s.orders_by_status = order_counts(store::stats::orders_by_status(tx, std::nullopt));
    s.revenue_by_day =
        bucket_by_day(store::stats::sales_since(tx, first_day(now, kRevenueDays), std::nullopt),
                      now, kRevenueDays);
    s.top_events = store::stats::top_events(tx, kTopEvents);
    return s;
  });
}

EventStats StatsService::for_event(const std::string& event_id) {
  const Timestamp now = clock_.now();
  return db_.read([&](store::Tx& tx) {
    auto event = store::events::find_by_id(tx, event_id);
    if (!event) throw NotFound("Event not found", "EVENT_NOT_FOUND");
    EventStats s;
    s.event = *event;
    s.totals = store::stats::event_totals(tx, *event);
    s.orders_by_status = order_counts(store::stats::orders_by_status(tx, event->id));
    s.revenue_by_day = bucket_by_day(
        store::stats::sales_since(tx, first_day(now, kRevenueDays), event->id), now, kRevenueDays);
    s.ticket_types = store::stats::type_totals(tx, event->id);
    for (const auto& t : s.ticket_types) s.remaining += t.type.available();
    return s;
  });
}

}  // namespace evient
