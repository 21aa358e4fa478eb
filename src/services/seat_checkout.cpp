#include "services/seat_checkout.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "core/errors.hpp"
#include "services/seat_selection.hpp"
#include "store/db.hpp"
#include "store/seating_repo.hpp"

namespace evient::seat_checkout {
namespace json = boost::json;

namespace {

json::array id_array(const std::vector<std::string>& ids) {
  json::array a;
  for (const auto& id : ids) a.emplace_back(id);
  return a;
}

std::vector<std::string> hold_chosen(store::Tx& tx, const std::string& order_id,
                                     const std::string& event_id, const std::string& ticket_type_id,
                                     const std::vector<std::string>& seat_ids,
                                     Timestamp held_until) {
  const auto in_type = store::seating::seats_of_type(tx, event_id, ticket_type_id, seat_ids);
  if (in_type.size() != seat_ids.size()) {
    const std::set<std::string> known(in_type.begin(), in_type.end());
    std::vector<std::string> foreign;
    for (const auto& id : seat_ids) {
      if (!known.count(id)) foreign.push_back(id);
    }
    throw ApiError(
        422, "SEAT_NOT_IN_TYPE", "A chosen seat is not one of this ticket type's seats", {},
        json::object{{"ticket_type_id", ticket_type_id}, {"seat_ids", id_array(foreign)}});
  }
  const std::int64_t held =
      store::seating::hold(tx, event_id, ticket_type_id, seat_ids, order_id, held_until);
  if (held != static_cast<std::int64_t>(seat_ids.size())) {
    const auto mine = store::seating::held_by(tx, order_id);
    const std::set<std::string> ours(mine.begin(), mine.end());
    std::vector<std::string> taken;
    for (const auto& id : seat_ids) {
      if (!ours.count(id)) taken.push_back(id);
    }
    // The caller's rollback frees what this statement held.
    throw Conflict("SEAT_UNAVAILABLE", "A chosen seat was just taken",
                   json::object{{"ticket_type_id", ticket_type_id}, {"seat_ids", id_array(taken)}});
  }
  return seat_ids;
}

std::vector<std::string> hold_best(store::Tx& tx, const std::string& order_id,
                                   const std::string& event_id, const std::string& ticket_type_id,
                                   std::int64_t quantity, Timestamp held_until) {
  std::int64_t seats_per_row = 0;
  if (auto room_id = store::seating::event_room(tx, event_id)) {
    if (auto room = store::seating::find_room_head(tx, *room_id))
      seats_per_row = room->seats_per_row;
  }
  const auto available = store::seating::available_seats(tx, event_id, ticket_type_id);
  for (const auto& block :
       seat_selection::best_blocks(available, quantity, seats_per_row, kBlocksTried)) {
    if (store::seating::hold(tx, event_id, ticket_type_id, block, order_id, held_until) ==
        static_cast<std::int64_t>(block.size())) {
      return block;
    }
    // Lost a seat of this block to another buyer: give back the rest, try the next.
    store::seating::unhold(tx, order_id, block);
  }
  throw Conflict("SEATS_NOT_TOGETHER",
                 "No row has " + std::to_string(quantity) + " seats together any more",
                 json::object{{"ticket_type_id", ticket_type_id}, {"requested", quantity}});
}

}  // namespace

std::vector<std::string> hold_line(store::Tx& tx, bool seated, const std::string& order_id,
                                   const std::string& event_id, const std::string& ticket_type_id,
                                   std::int64_t quantity, const std::vector<std::string>& seat_ids,
                                   Timestamp held_until) {
  if (!seated) {
    if (seat_ids.empty()) return {};
    throw ApiError(
        422, "SEAT_NOT_IN_TYPE", "This ticket type has no seats to choose", {},
        json::object{{"ticket_type_id", ticket_type_id}, {"seat_ids", id_array(seat_ids)}});
  }
  if (!seat_ids.empty()) {
    // Lines of one type are merged: chosen seats and a bare quantity (or one
    // seat twice) cannot be mixed, or the counter and the seats would differ.
    const std::set<std::string> distinct(seat_ids.begin(), seat_ids.end());
    if (distinct.size() != seat_ids.size() ||
        static_cast<std::int64_t>(seat_ids.size()) != quantity) {
      throw ValidationError("ticket_items", "SEATS_AND_QUANTITY",
                            "Give one ticket type either its seats or a quantity, each seat once");
    }
    return hold_chosen(tx, order_id, event_id, ticket_type_id, seat_ids, held_until);
  }
  return hold_best(tx, order_id, event_id, ticket_type_id, quantity, held_until);
}

void attach_seats(store::Tx& tx, Order& order) {
  auto seats = store::seating::order_seats(tx, order.id);
  for (auto& item : order.items) {
    if (auto it = seats.find(item.ticket_type_id); it != seats.end()) item.seats = it->second;
  }
}

}  // namespace evient::seat_checkout
