#include "api/admin_serializers.hpp"

#include "api/serializers.hpp"
#include "core/money.hpp"
#include "core/time.hpp"

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

json::object totals_json(const EventTotals& t) {
  return {{"id", t.id},
          {"title", t.title},
          {"tickets_sold", t.tickets_sold},
          {"revenue", money_to_json(t.revenue)},
          {"checked_in", t.checked_in}};
}

}  // namespace

json::object scan_json(const ScanResult& r) {
  const auto& s = r.scanned;
  return {{"valid", r.valid},
          {"reason", to_text(r.reason)},
          {"ticket",
           {{"id", s.ticket.id},
            {"code", s.ticket.ticket_code},
            {"status", to_text(s.ticket.status)},
            {"used_at", opt_time(s.ticket.used_at)},
            {"price_at_purchase", money_to_json(s.ticket.price_at_purchase)},
            {"seat", seat_json(s.ticket.seat)}}},
          {"event",
           {{"id", s.ticket.event_id},
            {"title", s.event_title},
            {"start_time", opt_time(s.event_start)},
            {"end_time", opt_time(s.event_end)},
            {"status", to_text(s.event_status)}}},
          {"ticket_type", {{"id", s.ticket.ticket_type_id}, {"name", s.ticket_type_name}}},
          {"holder", {{"full_name", opt(s.holder_name)}, {"email", s.holder_email}}}};
}

json::object admin_ticket_type_json(const TicketType& t) {
  json::object o = ticket_type_json(t);
  // Admins see the stored status (what they set) beside what buyers see.
  o["status"] = to_text(t.status);
  o["effective_status"] = to_text(t.effective_status());
  return o;
}

json::object audit_entry_json(const AuditEntry& e) {
  auto parsed = [](const std::optional<std::string>& s) -> json::value {
    if (!s) return nullptr;
    boost::system::error_code ec;
    json::value v = json::parse(*s, ec);
    return ec ? json::value(json::string(*s)) : v;
  };
  return {{"id", e.id},
          {"actor_id", opt(e.actor_id)},
          {"action", e.action},
          {"entity_type", e.entity_type},
          {"entity_id", e.entity_id},
          {"before", parsed(e.before_json)},
          {"after", parsed(e.after_json)},
          {"created_at", format_iso(e.created_at)}};
}

json::object admin_event_detail_json(const Event& e, const std::vector<TicketType>& types) {
  json::object o = event_json(e);
  o["ticket_types"] = to_array(types, admin_ticket_type_json);
  o["currency"] = currency().code;
  return o;
}

json::object cancellation_json(const CancellationSummary& c) {
  return {{"released_orders", c.released_orders},
          {"refunded_orders", c.refunded_orders},
          {"refund_required_orders", c.refund_required_orders},
          {"cancelled_tickets", c.cancelled_tickets},
          {"notified_users", c.notified_users},
          {"provider_refunds_accepted", c.provider_refunds_accepted}};
}

json::object admin_order_json(const OrderWithBuyer& o) {
  json::object out = order_json(o.order);
  out["buyer"] = {
      {"id", o.buyer.id}, {"email", o.buyer.email}, {"full_name", opt(o.buyer.full_name)}};
  return out;
}

json::object admin_order_detail_json(const AdminOrderDetail& d) {
  json::object out = admin_order_json(d.order);
  out["tickets"] = to_array(d.tickets, ticket_json);
  return out;
}

json::object dashboard_json(const DashboardStats& s) {
  return {{"total_revenue", money_to_json(s.total_revenue)},
          {"test_order_count", s.test_order_count},
          {"test_revenue", money_to_json(s.test_revenue)},
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
            {"status", to_text(s.event.status)},
            {"start_time", opt_time(s.event.start_time)},
            {"end_time", opt_time(s.event.end_time)}}},
          {"total_revenue", money_to_json(s.totals.revenue)},
          {"total_tickets", s.totals.tickets_sold},
          {"tickets_checked_in", s.totals.checked_in},
          {"remaining", s.remaining},
          {"orders_by_status", orders_json(s.orders_by_status)},
          {"revenue_by_day", days_json(s.revenue_by_day)},
          {"ticket_types", to_array(s.ticket_types,
                                    [](const TypeTotals& t) {
                                      return json::object{{"id", t.type.id},
                                                          {"name", t.type.name},
                                                          {"price", money_to_json(t.type.price)},
                                                          {"status", to_text(t.type.status)},
                                                          {"quantity_total", t.type.quantity_total},
                                                          {"quantity_sold", t.type.quantity_sold},
                                                          {"tickets_sold", t.tickets_sold},
                                                          {"checked_in", t.checked_in},
                                                          {"remaining", t.type.available()}};
                                    })},
          {"currency", currency().code}};
}

json::object refund_json(const RefundResult& r) {
  json::object data = admin_order_detail_json(r.detail);
  data["refund"] = {{"cancelled_tickets", r.cancelled_tickets},
                    {"used_tickets_kept", r.used_tickets_kept},
                    {"provider_refunded", r.provider_refunded}};
  return data;
}
json::object admin_event_update_json(const EventUpdate& u, const std::vector<TicketType>& types) {
  json::object o = admin_event_detail_json(u.event, types);
  if (u.cancellation) o["cancellation"] = cancellation_json(*u.cancellation);
  return o;
}

json::object room_json(const Room& r) {
  json::array seats;
  seats.reserve(r.seats.size());
  for (const auto& s : r.seats) {
    seats.push_back(json::object{{"id", s.id},
                                 {"row", s.row},
                                 {"number", s.number},
                                 {"isActive", s.is_active},
                                 {"roomId", s.room_id}});
  }
  return {{"id", r.id},
          {"name", r.name},
          {"rows", r.rows},
          {"seatsPerRow", r.seats_per_row},
          {"isActive", r.is_active},
          {"createdAt", format_iso(r.created_at)},
          {"updatedAt", format_iso(r.updated_at)},
          {"seats", std::move(seats)}};
}

json::object event_seating_json(const EventSeating& s) {
  json::value room = nullptr;
  if (s.room) {
    room = json::object{{"id", s.room->id},
                        {"name", s.room->name},
                        {"rows", s.room->rows},
                        {"seats_per_row", s.room->seats_per_row}};
  }
  json::array zones;
  for (const auto& z : s.zones) {
    json::array ids;
    for (const auto& id : z.seat_ids) ids.emplace_back(id);
    zones.push_back(json::object{{"ticket_type_id", z.ticket_type_id},
                                 {"ticket_type_name", z.ticket_type_name},
                                 {"seat_ids", std::move(ids)}});
  }
  return {{"room", std::move(room)}, {"zones", std::move(zones)}};
}

json::object block_result_json(const BlockResult& r, bool blocked) {
  json::array changed;
  for (const auto& id : r.changed) changed.emplace_back(id);
  json::array unchanged;
  for (const auto& id : r.unchanged) unchanged.emplace_back(id);
  return {
      {"blocked", blocked}, {"changed", std::move(changed)}, {"unchanged", std::move(unchanged)}};
}

}  // namespace evient::api
