#pragma once
// The admin dashboard: revenue (paid orders only; refunded orders are not
// revenue), tickets, users, events, a 30-day revenue series bucketed by UTC date
// and the best-selling events; or the same narrowed to one event.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "domain/models.hpp"
#include "domain/views.hpp"
#include "services/store_handles.hpp"

namespace evient {

inline constexpr int kRevenueDays = 30;
inline constexpr std::int64_t kTopEvents = 5;

struct DayRevenue {
  std::string date;  // YYYY-MM-DD (UTC)
  Minor revenue = 0;
  std::int64_t tickets = 0;
};

struct OrderCounts {
  std::int64_t pending = 0, paid = 0, cancelled = 0, refunded = 0;
};

struct DashboardStats {
  Minor total_revenue = 0;  // test orders are not revenue: counted below
  std::int64_t test_order_count = 0;
  Minor test_revenue = 0;
  std::int64_t total_tickets = 0;
  std::int64_t total_users = 0;
  std::int64_t total_events = 0;
  std::int64_t upcoming_events = 0;
  std::int64_t tickets_checked_in = 0;
  OrderCounts orders_by_status;
  std::vector<DayRevenue> revenue_by_day;
  std::vector<EventTotals> top_events;
};

struct EventStats {
  Event event;
  EventTotals totals;
  std::int64_t remaining = 0;  // seats neither sold nor reserved, over every type
  OrderCounts orders_by_status;
  std::vector<DayRevenue> revenue_by_day;
  std::vector<TypeTotals> ticket_types;
};

// Buckets sales by the UTC date they were paid on, over the `days` days that end
// with `today` (inclusive); every day is present, zero or not, oldest first.
std::vector<DayRevenue> bucket_by_day(const std::vector<SaleRow>& rows, Timestamp today, int days);

class StatsService {
 public:
  StatsService(store::Database& db, const Clock& clock);
  DashboardStats dashboard();
  // Throws NotFound (EVENT_NOT_FOUND).
  EventStats for_event(const std::string& event_id);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace evient
