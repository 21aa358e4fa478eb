// GET /api/admin/stats[?event_id=]: the dashboard, or one event's numbers.
#include "api/admin_routes.hpp"
#include "api/serializers.hpp"
#include "core/money.hpp"
#include "http/envelope.hpp"
#include "services/stats_service.hpp"

namespace evient::api {
namespace json = boost::json;
namespace {

json::object orders_json(const OrderCounts& c) {
  return {{"pending", c.pending},
          {"paid", c.paid},
          {"cancelled", c.cancelled},
          {"refunded", c.refunded}};
}

json::array days_json(const std::vector<DayRevenue>& days) {
  return to_array(days, [](const DayRevenue& d) {
    return json::object{
        {"date", d.date}, {"revenue", money_to_json(d.revenue)}, {"tickets", d.tickets}};
  });
}

json::object totals_json(const store::stats::EventTotals& t) {
  return {{"id", t.id},
          {"title", t.title},
          {"tickets_sold", t.tickets_sold},
          {"revenue", money_to_json(t.revenue)},
          {"checked_in", t.checked_in}};
}

json::object dashboard_json(const DashboardStats& s) {
  return {{"total_revenue", money_to_json(s.total_revenue)},
          {"total_tickets", s.total_tickets},
          {"total_users", s.total_users},
          {"total_events", s.total_events},
          {"upcoming_events", s.upcoming_events},
          {"tickets_checked_in", s.tickets_checked_in},
          {"orders_by_status", orders_json(s.orders_by_status)},
          {"revenue_by_day", days_json(s.revenue_by_day)},
          {"top_events", to_array(s.top_events, totals_json)},
          {"currency", currency().code}};
}

json::object event_stats_json(const EventStats& s) {
  return {{"event",
           {{"id", s.event.id},
            {"title", s.event.title},
            {"status", s.event.status},
            {"start_time", opt_time(s.event.start_time)},
            {"end_time", opt_time(s.event.end_time)}}},
          {"total_revenue", money_to_json(s.totals.revenue)},
          {"total_tickets", s.totals.tickets_sold},
          {"tickets_checked_in", s.totals.checked_in},
          {"remaining", s.remaining},
          {"orders_by_status", orders_json(s.orders_by_status)},
          {"revenue_by_day", days_json(s.revenue_by_day)},
          {"ticket_types", to_array(s.ticket_types,
                                    [](const store::stats::TypeTotals& t) {
                                      return json::object{{"id", t.type.id},
                                                          {"name", t.type.name},
                                                          {"price", money_to_json(t.type.price)},
                                                          {"status", t.type.status},
                                                          {"quantity_total", t.type.quantity_total},
                                                          {"quantity_sold", t.type.quantity_sold},
                                                          {"tickets_sold", t.tickets_sold},
                                                          {"checked_in", t.checked_in},
                                                          {"remaining", t.type.available()}};
                                    })},
          {"currency", currency().code}};
}

}  // namespace

void register_admin_stats_routes(http::Router& r, Services& s) {
  r.get("/api/admin/stats", http::Access::Admin, [&s](http::Request& req) {
    if (auto event_id = admin::query_uuid(req, "event_id")) {
      return http::ok(event_stats_json(s.stats->for_event(*event_id)));
    }
    return http::ok(dashboard_json(s.stats->dashboard()));
  });
}

}  // namespace evient::api
