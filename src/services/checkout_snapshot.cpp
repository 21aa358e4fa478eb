#include "services/checkout_snapshot.hpp"

#include <boost/json.hpp>

#include "core/time.hpp"

namespace evient::checkout {
namespace json = boost::json;

namespace {

constexpr std::int64_t kVersion = 1;

json::value opt_text(const std::optional<std::string>& s) {
  return s ? json::value(json::string(*s)) : json::value(nullptr);
}
json::value opt_time(const std::optional<Timestamp>& t) {
  return t ? json::value(json::string(format_iso(*t))) : json::value(nullptr);
}

// Readers throw std::exception (json's own or std::invalid_argument) on a
// malformed snapshot; decode_snapshot turns that into nullopt.
std::string text(const json::object& o, std::string_view key) {
  return std::string(o.at(key).as_string());
}
std::optional<std::string> opt_text(const json::object& o, std::string_view key) {
  const json::value& v = o.at(key);
  if (v.is_null()) return std::nullopt;
  return std::string(v.as_string());
}
Timestamp time(const json::object& o, std::string_view key) {
  auto t = parse_iso(o.at(key).as_string());
  if (!t) throw std::invalid_argument("snapshot: bad time");
  return *t;
}
std::optional<Timestamp> opt_time(const json::object& o, std::string_view key) {
  if (o.at(key).is_null()) return std::nullopt;
  return time(o, key);
}

json::object seat_json(const SeatRef& s) {
  return {{"id", s.id}, {"room", s.room}, {"row", s.row}, {"number", s.number}};
}

SeatRef seat_from(const json::object& o) {
  return SeatRef{text(o, "id"), text(o, "room"), text(o, "row"), o.at("number").as_int64()};
}

json::object item_json(const OrderItem& i) {
  json::array seats;
  for (const auto& s : i.seats) seats.push_back(seat_json(s));
  return {{"id", i.id},
          {"seats", std::move(seats)},
          {"ticket_type_id", i.ticket_type_id},
          {"event_id", i.event_id},
          {"quantity", i.quantity},
          {"unit_price", i.unit_price},
          {"ticket_type_name", i.ticket_type_name},
          {"event_title", i.event_title}};
}

json::object order_json(const Order& o) {
  json::array items;
  for (const auto& i : o.items) items.push_back(item_json(i));
  return {{"id", o.id},
          {"user_id", o.user_id},
          {"total_amount", o.total_amount},
          {"status", to_text(o.status)},
          {"payment_method", opt_text(o.payment_method)},
          {"payment_transaction_id", opt_text(o.payment_transaction_id)},
          {"created_at", format_iso(o.created_at)},
          {"updated_at", format_iso(o.updated_at)},
          {"expires_at", opt_time(o.expires_at)},
          {"paid_at", opt_time(o.paid_at)},
          {"refund_required", o.refund_required},
          {"is_test", o.is_test},
          {"items", std::move(items)}};
}

json::object ticket_json(const Ticket& t) {
  return {{"id", t.id},
          {"order_id", t.order_id},
          {"ticket_type_id", t.ticket_type_id},
          {"user_id", t.user_id},
          {"event_id", t.event_id},
          {"ticket_code", t.ticket_code},
          {"status", to_text(t.status)},
          {"used_at", opt_time(t.used_at)},
          {"price_at_purchase", t.price_at_purchase},
          {"created_at", format_iso(t.created_at)},
          {"seat", t.seat ? json::value(seat_json(*t.seat)) : json::value(nullptr)}};
}

OrderItem item_from(const json::object& o) {
  OrderItem i;
  i.id = text(o, "id");
  i.ticket_type_id = text(o, "ticket_type_id");
  i.event_id = text(o, "event_id");
  i.quantity = o.at("quantity").as_int64();
  i.unit_price = o.at("unit_price").as_int64();
  i.ticket_type_name = text(o, "ticket_type_name");
  i.event_title = text(o, "event_title");
  // Snapshots written before seated events have no seats.
  if (const json::value* seats = o.if_contains("seats")) {
    for (const auto& seat : seats->as_array()) i.seats.push_back(seat_from(seat.as_object()));
  }
  return i;
}

Order order_from(const json::object& o) {
  Order r;
  r.id = text(o, "id");
  r.user_id = text(o, "user_id");
  r.total_amount = o.at("total_amount").as_int64();
  r.status = parse_or_throw<OrderStatus>(text(o, "status"));
  r.payment_method = opt_text(o, "payment_method");
  r.payment_transaction_id = opt_text(o, "payment_transaction_id");
  r.created_at = time(o, "created_at");
  r.updated_at = time(o, "updated_at");
  r.expires_at = opt_time(o, "expires_at");
  r.paid_at = opt_time(o, "paid_at");
  r.refund_required = o.at("refund_required").as_bool();
  // Absent from results kept before test orders were marked.
  if (auto* t = o.if_contains("is_test")) r.is_test = t->as_bool();
  for (const auto& i : o.at("items").as_array()) {
    OrderItem item = item_from(i.as_object());
    item.order_id = r.id;
    r.items.push_back(std::move(item));
  }
  return r;
}

Ticket ticket_from(const json::object& o) {
  Ticket t;
  t.id = text(o, "id");
  t.order_id = text(o, "order_id");
  t.ticket_type_id = text(o, "ticket_type_id");
  t.user_id = text(o, "user_id");
  t.event_id = text(o, "event_id");
  t.ticket_code = text(o, "ticket_code");
  t.status = parse_or_throw<TicketStatus>(text(o, "status"));
  t.used_at = opt_time(o, "used_at");
  t.price_at_purchase = o.at("price_at_purchase").as_int64();
  t.created_at = time(o, "created_at");
  if (const json::value* seat = o.if_contains("seat"); seat && !seat->is_null()) {
    t.seat = seat_from(seat->as_object());
  }
  return t;
}

}  // namespace

std::string encode_snapshot(const CheckoutResult& r) {
  json::value payment = nullptr;
  if (r.payment) payment = json::object{{"provider", r.payment->provider}, {"url", r.payment->url}};
  json::array tickets;
  for (const auto& t : r.tickets) tickets.push_back(ticket_json(t));
  return json::serialize(json::object{{"v", kVersion},
                                      {"order", order_json(r.order)},
                                      {"payment", std::move(payment)},
                                      {"tickets", std::move(tickets)}});
}

std::optional<CheckoutResult> decode_snapshot(std::string_view text_in) {
  boost::system::error_code ec;
  json::value v = json::parse(text_in, ec);
  if (ec || !v.is_object()) return std::nullopt;
  try {
    const json::object& o = v.as_object();
    if (o.at("v").as_int64() != kVersion) return std::nullopt;
    CheckoutResult r;
    r.order = order_from(o.at("order").as_object());
    if (const json::value& p = o.at("payment"); !p.is_null()) {
      r.payment = PaymentSession{text(p.as_object(), "provider"), text(p.as_object(), "url")};
    }
    for (const auto& t : o.at("tickets").as_array())
      r.tickets.push_back(ticket_from(t.as_object()));
    return r;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace evient::checkout
