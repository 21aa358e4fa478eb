#pragma once
// One row mapper per model. Each model has one SELECT list, with its table's
// fixed alias and every column renamed <alias>_<column>, so a query that joins
// several tables can take several lists without two columns sharing a name,
// and its mapper reads each column by that name:
//   users u, events e, ticket_types t, orders o, order_items i, tickets k,
//   banners b, notifications n
// A statement that selects kEventColumns must call events `e`; the mappers
// ignore any other column the statement returns.
#include "domain/models.hpp"
#include "store/db.hpp"

namespace evient::store::rows {

extern const char* const kUserColumns;
User user(const Result::Row& r);

extern const char* const kEventColumns;
Event event(const Result::Row& r);

extern const char* const kTicketTypeColumns;
TicketType ticket_type(const Result::Row& r);

extern const char* const kOrderColumns;
Order order(const Result::Row& r);  // without items

// Joins the item's ticket type as `t` and event as `e` for the display names.
extern const char* const kOrderItemColumns;
OrderItem order_item(const Result::Row& r);

extern const char* const kTicketColumns;
Ticket ticket(const Result::Row& r);

extern const char* const kBannerColumns;
Banner banner(const Result::Row& r);

extern const char* const kNotificationColumns;
Notification notification(const Result::Row& r);

// Maps every row of `r` with `map`.
template <class F>
auto all(const Result& r, F map) {
  std::vector<decltype(map(r[0]))> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) out.push_back(map(r[i]));
  return out;
}

}  // namespace evient::store::rows
