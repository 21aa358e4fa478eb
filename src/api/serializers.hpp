#pragma once
// Models -> JSON, in one place so every endpoint shows an entity the same way.
#include <boost/json.hpp>
#include <vector>

#include "domain/models.hpp"
#include "domain/views.hpp"
#include "services/auth_service.hpp"
#include "services/catalog_service.hpp"
#include "services/order_service.hpp"

namespace evient::api {

boost::json::value opt(const std::optional<std::string>& s);
boost::json::value opt_time(const std::optional<Timestamp>& t);

// The caller's own view (and the admin's): never the password hash.
boost::json::object user_json(const User& u);
boost::json::object event_card_json(const EventCard& c);
boost::json::object event_json(const Event& e);  // full, with content
boost::json::object ticket_type_json(const TicketType& t);
boost::json::object banner_json(const Banner& b);
boost::json::object notification_json(const Notification& n);

// Checkout side. A seat is {id, room, row, number}, or null.
boost::json::value seat_json(const std::optional<SeatRef>& s);
boost::json::object order_item_json(const OrderItem& i);
boost::json::object order_json(const Order& o);  // with items
boost::json::object ticket_json(const Ticket& t);
boost::json::object wallet_ticket_json(const WalletTicket& w);
// The order with its payment link (while pending) or its tickets.
boost::json::object checkout_json(const CheckoutResult& r);

// Service results.
boost::json::object auth_json(const AuthResult& r);           // {token, user}
boost::json::object event_detail_json(const EventDetail& d);  // with ticket types
// {room:{id, name, rows, seats_per_row}, seats:[{id, row, number, ticket_type_id, state}]}
boost::json::object seat_map_json(const SeatMap& m);

template <class T, class F>
boost::json::array to_array(const std::vector<T>& items, F&& f) {
  boost::json::array a;
  a.reserve(items.size());
  for (const auto& i : items) a.push_back(f(i));
  return a;
}

}  // namespace evient::api
