#pragma once
// Rooms, their seats, and the seats of seated events (event_seats). A seat's
// fate for an event is decided by conditional UPDATEs whose affected-row count
// tells the caller whether it won (`... WHERE state = 'available'`), like the
// ticket counters: two processes on one database never sell a seat twice.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/models.hpp"
#include "domain/views.hpp"
#include "store/db.hpp"

namespace evient::store::seating {

// --- Rooms ---------------------------------------------------------------------

void insert_room(Tx& tx, const Room& room);  // with its seats
// name, rows, seats_per_row, is_active, updated_at.
void update_room(Tx& tx, const Room& room);
void delete_room(Tx& tx, const std::string& id);                    // with its seats
std::optional<Room> find_room(Tx& tx, const std::string& id);       // with seats
std::vector<Room> list_rooms(Tx& tx);                               // by name, with seats
std::optional<Room> find_room_head(Tx& tx, const std::string& id);  // without seats
void insert_seats(Tx& tx, const std::vector<Seat>& seats);
void delete_seats(Tx& tx, const std::string& room_id);
// True when the seat is the room's.
bool set_seat_active(Tx& tx, const std::string& room_id, const std::string& seat_id, bool active);
// Whether an event is seated in the room.
bool room_in_use(Tx& tx, const std::string& room_id);

// --- An event's seating --------------------------------------------------------

std::optional<std::string> event_room(Tx& tx, const std::string& event_id);
void set_event_room(Tx& tx, const std::string& event_id, const std::optional<std::string>& room_id);
// Seats of the event held or sold at this instant.
std::int64_t count_taken(Tx& tx, const std::string& event_id);
void delete_event_seats(Tx& tx, const std::string& event_id);

struct EventSeatRow {
  std::string seat_id;
  std::string ticket_type_id;
  SeatState state = SeatState::Available;
};
void insert_event_seats(Tx& tx, const std::string& event_id, const std::vector<EventSeatRow>& rows);
// seat id -> ticket type id, for every zoned seat of the event.
std::map<std::string, std::string> zones(Tx& tx, const std::string& event_id);
// Ticket types of the event that cover seats.
std::vector<std::string> seated_types(Tx& tx, const std::string& event_id);
bool type_is_seated(Tx& tx, const std::string& ticket_type_id);
// Every seat of the event's room with its state for the event, front row first.
// Holds whose time ran out at `now` read available.
std::vector<SeatMapSeat> seat_map(Tx& tx, const std::string& event_id, const std::string& room_id,
                                  Timestamp now);
// The zoned seats of the event that do not read available at `now`, each with
// the state seat_map() gives it (held ones with held_until), in one query: what
// a cached map overlays after a sale.
struct SeatStateRow {
  std::string seat_id;
  SeatState state = SeatState::Available;
  std::optional<Timestamp> held_until;
};
std::vector<SeatStateRow> unavailable_seats(Tx& tx, const std::string& event_id, Timestamp now);

// --- Checkout --------------------------------------------------------------------

// available -> held by `order_id` until `held_until`, for those of `seat_ids`
// that belong to the type and are available; returns how many changed.
std::int64_t hold(Tx& tx, const std::string& event_id, const std::string& ticket_type_id,
                  const std::vector<std::string>& seat_ids, const std::string& order_id,
                  Timestamp held_until);
// The seats `order_id` holds at this instant.
std::vector<std::string> held_by(Tx& tx, const std::string& order_id);
// held by `order_id` -> available, for `seat_ids` (undoing a partial hold).
void unhold(Tx& tx, const std::string& order_id, const std::vector<std::string>& seat_ids);
// Those of `seat_ids` that are seats of the type for the event.
std::vector<std::string> seats_of_type(Tx& tx, const std::string& event_id,
                                       const std::string& ticket_type_id,
                                       const std::vector<std::string>& seat_ids);
// The type's available seats with their place in the room.
std::vector<Seat> available_seats(Tx& tx, const std::string& event_id,
                                  const std::string& ticket_type_id);
void record_order_seats(Tx& tx, const std::string& order_id, const std::string& event_id,
                        const std::string& ticket_type_id,
                        const std::vector<std::string>& seat_ids);
// The order's seats per ticket type, front row first.
std::map<std::string, std::vector<SeatRef>> order_seats(Tx& tx, const std::string& order_id);
std::int64_t count_order_seats(Tx& tx, const std::string& order_id);
// held by the order -> sold; returns how many changed.
std::int64_t mark_sold(Tx& tx, const std::string& order_id);
// held or sold by the order -> available, except seats of its used tickets.
std::int64_t release_order(Tx& tx, const std::string& order_id);
// The order's recorded seats, available -> held by it again; returns how many changed.
std::int64_t rehold_order(Tx& tx, const std::string& order_id, Timestamp held_until);
// Every held or sold seat of the event -> available.
void free_event(Tx& tx, const std::string& event_id);

// --- Blocks and disabled seats -----------------------------------------------------

using CountByType = std::map<std::string, std::int64_t>;
struct SeatChange {
  std::string seat_id;
  std::string ticket_type_id;
};
// available -> blocked; the seats that changed.
std::vector<SeatChange> block(Tx& tx, const std::string& event_id,
                              const std::vector<std::string>& seat_ids);
// blocked -> available, or disabled when the room's seat is off; the seats
// that became available.
std::vector<SeatChange> unblock(Tx& tx, const std::string& event_id,
                                const std::vector<std::string>& seat_ids);
// The room's seat went off (on): its available (disabled) rows in every event ->
// disabled (available); per ticket type, how many changed.
CountByType disable_everywhere(Tx& tx, const std::string& seat_id);
CountByType enable_everywhere(Tx& tx, const std::string& seat_id);
// Ticket types of every event that covers the seat, in id order.
std::vector<std::string> types_covering(Tx& tx, const std::vector<std::string>& seat_ids,
                                        const std::optional<std::string>& event_id);
// Takes the type's row lock (checkout takes it first too, in id order).
void lock_type(Tx& tx, const std::string& ticket_type_id);
// quantity_total += delta.
void adjust_total(Tx& tx, const std::string& ticket_type_id, std::int64_t delta);
void set_total(Tx& tx, const std::string& ticket_type_id, std::int64_t total);

// --- Consistency (evient check) ------------------------------------------------------

struct SeatedTypeCounts {
  std::string ticket_type_id;
  std::int64_t quantity_total = 0;
  std::int64_t quantity_sold = 0;
  std::int64_t sellable_seats = 0;  // available, held or sold
  std::int64_t taken_seats = 0;     // held or sold
};
std::vector<SeatedTypeCounts> seated_type_counts(Tx& tx);
// (event id, seat id) with more than one valid or used ticket.
std::int64_t seats_sold_twice(Tx& tx);
// Sold seats without a live ticket naming them, and live seated tickets whose
// seat is not sold.
std::int64_t sold_seats_without_ticket(Tx& tx);
std::int64_t tickets_on_unsold_seat(Tx& tx);

}  // namespace evient::store::seating
