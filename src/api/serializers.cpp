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
          {"role", to_text(u.role)},
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
  o["status"] = to_text(e.status);
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
  // The organisers' React client shows a card's types; a type with nothing left
  // reads "sold_out" (TicketType::effective_status), as everywhere.
  json::array types;
  types.reserve(c.ticket_types.size());
  for (const auto& t : c.ticket_types) {
    types.push_back({{"id", t.id},
                     {"name", t.name},
                     {"price", money_to_json(t.price)},
                     {"original_price",
                      t.original_price ? money_to_json(*t.original_price) : json::value(nullptr)},
                     {"quantity_total", t.quantity_total},
                     {"quantity_sold", t.quantity_sold},
                     {"status", to_text(t.effective_status())}});
  }
  o["ticket_types"] = std::move(types);
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
          {"status", to_text(t.effective_status())},
          {"sort_order", t.sort_order}};
}

json::object banner_json(const Banner& b) {
  return {{"id", b.id},
          {"title", opt(b.title)},
          {"image_url", opt(b.image_url)},
          {"link_url", opt(b.link_url)},
          {"event_id", opt(b.event_id)},
          {"priority", b.priority},
          {"order", b.priority},  // the organisers' React client's name for it
          {"is_active", b.is_active},
          {"is_homepage", b.is_homepage}};
}

json::object notification_json(const Notification& n) {
  return {{"id", n.id},
          {"title", opt(n.title)},
          {"message", opt(n.message)},
          {"type", to_text(n.type)},
          {"is_read", n.is_read},
          {"created_at", format_iso(n.created_at)}};
}

json::value seat_json(const std::optional<SeatRef>& s) {
  if (!s) return nullptr;
  return json::object{{"id", s->id}, {"room", s->room}, {"row", s->row}, {"number", s->number}};
}

json::object order_item_json(const OrderItem& i) {
  json::array seats;
  for (const auto& s : i.seats) seats.push_back(seat_json(s));
  return {{"id", i.id},
          {"seats", std::move(seats)},
          {"ticket_type_id", i.ticket_type_id},
          {"ticket_type_name", i.ticket_type_name},
          {"event_id", i.event_id},
          {"event_title", i.event_title},
          {"quantity", i.quantity},
          {"unit_price", money_to_json(i.unit_price)},
          {"subtotal", money_to_json(i.unit_price * i.quantity)}};
}

json::object order_json(const Order& o) {
  return {{"id", o.id},
          {"status", to_text(o.status)},
          {"total_amount", money_to_json(o.total_amount)},
          {"currency", currency().code},
          {"payment_method", opt(o.payment_method)},
          {"payment_transaction_id", opt(o.payment_transaction_id)},
          {"refund_required", o.refund_required},
          {"is_test", o.is_test},
          {"created_at", format_iso(o.created_at)},
          {"updated_at", format_iso(o.updated_at)},
          {"expires_at", opt_time(o.expires_at)},
          {"paid_at", opt_time(o.paid_at)},
          {"items", to_array(o.items, order_item_json)}};
}

json::object ticket_json(const Ticket& t) {
  return {{"id", t.id},
          {"order_id", t.order_id},
          {"ticket_type_id", t.ticket_type_id},
          {"event_id", t.event_id},
          {"ticket_code", t.ticket_code},
          {"status", to_text(t.status)},
          {"used_at", opt_time(t.used_at)},
          {"price_at_purchase", money_to_json(t.price_at_purchase)},
          {"created_at", format_iso(t.created_at)},
          {"seat", seat_json(t.seat)}};
}

json::object wallet_ticket_json(const WalletTicket& w) {
  json::object o = ticket_json(w.ticket);
  const Event& e = w.event;
  o["event"] = {{"id", e.id},
                {"title", e.title},
                {"slug", e.slug},
                {"start_time", opt_time(e.start_time)},
                {"end_time", opt_time(e.end_time)},
                {"location", opt(e.location)},
                {"banner_image", opt(e.banner_image)},
                {"thumbnail_image", opt(e.thumbnail_image)}};
  o["ticket_type"] = {{"id", w.ticket.ticket_type_id}, {"name", w.ticket_type_name}};
  o["is_test"] = w.is_test;
  return o;
}

json::object checkout_json(const CheckoutResult& r) {
  json::value payment = nullptr;
  if (r.payment) payment = json::object{{"provider", r.payment->provider}, {"url", r.payment->url}};
  return {{"order", order_json(r.order)},
          {"payment", std::move(payment)},
          {"tickets", to_array(r.tickets, ticket_json)}};
}

json::object auth_json(const AuthResult& r) {
  // The user also flat beside the token: the organisers' React client reads
  // data.id, data.role, ... after login.
  return {{"token", r.token},
          {"user", user_json(r.user)},
          {"id", r.user.id},
          {"email", r.user.email},
          {"full_name", opt(r.user.full_name)},
          {"role", to_text(r.user.role)},
          {"avatar_url", opt(r.user.avatar_url)}};
}

json::object event_detail_json(const EventDetail& d) {
  json::object o = event_json(d.event);
  json::array types;
  for (const auto& t : d.ticket_types) {
    json::object type = ticket_type_json(t);
    type["is_seated"] = d.seated_type_ids.count(t.id) > 0;
    types.push_back(std::move(type));
  }
  o["ticket_types"] = std::move(types);
  o["seating"] = d.seating ? json::value(json::object{{"room_id", d.seating->room_id},
                                                      {"room_name", d.seating->room_name}})
                           : json::value(nullptr);
  o["currency"] = currency().code;
  return o;
}

json::object seat_map_json(const SeatMap& m) {
  json::array seats;
  seats.reserve(m.seats.size());
  for (const auto& s : m.seats) {
    seats.push_back(json::object{{"id", s.id},
                                 {"row", s.row},
                                 {"number", s.number},
                                 {"ticket_type_id", opt(s.ticket_type_id)},
                                 {"state", to_text(s.state)}});
  }
  return {{"room",
           {{"id", m.room_id},
            {"name", m.room_name},
            {"rows", m.rows},
            {"seats_per_row", m.seats_per_row}}},
          {"seats", std::move(seats)}};
}

}  // namespace evient::api
