#include "api/serializers.hpp"

#include "core/money.hpp"
#include "core/time.hpp"

namespace evient::api {
namespace json = boost::json;

json::value opt(const std::optional<std::string>& s) {
  return s ? json::value(json::string(*s)) : json::value(nullptr);
}

json::value opt_time(const std::optional<Timestamp>& t) {
  return t ? json::value(json::string(format_iso(*t))) : json::value(nullptr);
}

json::object user_json(const User& u) {
  return {{"id", u.id},
          {"email", u.email},
          {"full_name", opt(u.full_name)},
          {"avatar_url", opt(u.avatar_url)},
          {"role", u.role},
          {"is_active", u.is_active},
          {"created_at", format_iso(u.created_at)},
          {"updated_at", format_iso(u.updated_at)}};
}

namespace {

void event_common(json::object& o, const Event& e) {
  o["id"] = e.id;
  o["title"] = e.title;
  o["slug"] = e.slug;
  o["description"] = opt(e.description);
  o["location"] = opt(e.location);
  o["start_time"] = opt_time(e.start_time);
  o["end_time"] = opt_time(e.end_time);
  o["banner_image"] = opt(e.banner_image);
  o["thumbnail_image"] = opt(e.thumbnail_image);
  o["category"] = opt(e.category);
  o["status"] = e.status;
  o["is_hot"] = e.is_hot;
  o["created_at"] = format_iso(e.created_at);
  o["updated_at"] = format_iso(e.updated_at);
}

}  // namespace

json::object event_card_json(const EventCard& c) {
  json::object o;
  o.reserve(18);
  event_common(o, c.event);
  o["min_price"] = c.min_price ? money_to_json(*c.min_price) : json::value(nullptr);
  o["is_sold_out"] = c.is_sold_out;
  o["currency"] = currency().code;
  return o;
}

json::object event_json(const Event& e) {
  json::object o;
  event_common(o, e);
  o["content"] = opt(e.content);
  return o;
}

json::object ticket_type_json(const TicketType& t) {
  return {{"id", t.id},
          {"event_id", t.event_id},
          {"name", t.name},
          {"description", opt(t.description)},
          {"price", money_to_json(t.price)},
          {"original_price", t.original_price ? money_to_json(*t.original_price) : nullptr},
          {"quantity_total", t.quantity_total},
          {"quantity_sold", t.quantity_sold},
          {"available", t.available()},
          {"status", t.effective_status()},
          {"sort_order", t.sort_order}};
}

json::object banner_json(const Banner& b) {
  return {{"id", b.id},
          {"title", opt(b.title)},
          {"image_url", opt(b.image_url)},
          {"link_url", opt(b.link_url)},
          {"event_id", opt(b.event_id)},
          {"priority", b.priority},
          {"is_active", b.is_active}};
}

json::object notification_json(const Notification& n) {
  return {{"id", n.id},
          {"title", opt(n.title)},
          {"message", opt(n.message)},
          {"type", n.type},
          {"is_read", n.is_read},
          {"created_at", format_iso(n.created_at)}};
}

}  // namespace evient::api
