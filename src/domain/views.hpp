#pragma once
// Read models: what the store reads for a page, a report or the door, handed
// through the services to the serializers. They live here, beside the models,
// because api (which must not see the store) serialises them; the store's
// headers also name them by their store:: names.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/models.hpp"

namespace evient {

struct Buyer {
  std::string id;
  std::string email;
  std::optional<std::string> full_name;
};

struct OrderWithBuyer {
  Order order;  // with items
  Buyer buyer;
};

// A seat on a seated event's map.
struct SeatMapSeat {
  std::string id;
  std::string row;
  std::int64_t row_index = 0;
  std::int64_t number = 0;
  std::optional<std::string> ticket_type_id;  // none: in no zone
  SeatState state = SeatState::Disabled;
  // While held: when the hold runs out (the seat then reads available).
  std::optional<Timestamp> held_until;
};

struct SeatMap {
  std::string event_id;
  std::string room_id;
  std::string room_name;
  std::int64_t rows = 0;
  std::int64_t seats_per_row = 0;
  std::vector<SeatMapSeat> seats;
};

// One ticket type's zone of a seated event.
struct SeatingZone {
  std::string ticket_type_id;
  std::string ticket_type_name;
  std::vector<std::string> seat_ids;
};

struct EventSeating {
  std::optional<Room> room;  // without seats; none: the event is not seated
  std::vector<SeatingZone> zones;
};

// A ticket type in the flat list across events (the organisers' client).
struct TicketTypeListing {
  TicketType type;
  std::string event_title;
};

struct AttendeeRow {
  std::string ticket_id;
  Timestamp created_at{};
  std::string ticket_code;
  TicketStatus status = TicketStatus::Valid;
  std::optional<Timestamp> used_at;
  std::string ticket_type;
  std::optional<std::string> holder_name;
  std::string holder_email;
  std::string order_id;
  Minor price = 0;
  std::optional<SeatRef> seat;
};

struct ScannedTicket {
  Ticket ticket;
  std::string event_title;
  std::optional<Timestamp> event_start;
  std::optional<Timestamp> event_end;
  EventStatus event_status = EventStatus::Draft;
  std::string ticket_type_name;
  std::optional<std::string> holder_name;
  std::string holder_email;
};

struct SaleRow {
  Timestamp paid_at{};
  Minor amount = 0;
  std::int64_t tickets = 0;
};

struct EventTotals {
  std::string id;
  std::string title;
  std::int64_t tickets_sold = 0;  // issued, not cancelled
  Minor revenue = 0;              // order items of paid orders
  std::int64_t checked_in = 0;
};

struct TypeTotals {
  TicketType type;
  std::int64_t tickets_sold = 0;
  std::int64_t checked_in = 0;
};

struct AuditEntry {
  std::string id;
  std::optional<std::string> actor_id;
  std::string action;       // e.g. "event.update", "ticket.check_in"
  std::string entity_type;  // e.g. "event", "ticket_type", "user", "banner", "ticket"
  std::string entity_id;
  std::optional<std::string> before_json;
  std::optional<std::string> after_json;
  Timestamp created_at{};
};

struct AuditFilter {
  std::optional<std::string> entity_type;
  std::optional<std::string> entity_id;
};

struct UserFilter {
  std::string search;  // folded; matches email or name
  std::optional<Role> role;
  std::optional<bool> is_active;
};

}  // namespace evient
