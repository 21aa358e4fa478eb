#pragma once
// Rooms and seated events: the rooms organisers seat events in (admin), an
// event's seating (which ticket type covers which seats of its room), house
// seats blocked from sale, and the public seat map.
//
// Counters stay the truth for availability: a seated type's quantity_total is
// the number of its seats that can be sold (available, held or sold; not
// blocked or disabled), and quantity_sold counts its held and sold seats
// through checkout's usual reservation, so stats, the catalogue and
// `evient check` need nothing new.
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "domain/models.hpp"
#include "domain/views.hpp"
#include "services/catalog_cache.hpp"
#include "services/store_handles.hpp"

namespace evient {

inline constexpr std::int64_t kMaxRoomRows = 100;
inline constexpr std::int64_t kMaxSeatsPerRow = 200;

struct RoomInput {
  std::optional<std::string> name;
  std::optional<std::int64_t> rows;
  std::optional<std::int64_t> seats_per_row;
  std::optional<bool> is_active;
};

struct SeatToggle {
  std::string id;
  bool is_active = true;
};

// One ticket type's zone: whole rows by label, or single seats.
struct ZoneInput {
  std::string ticket_type_id;
  std::vector<std::string> rows;
  std::vector<std::string> seat_ids;
  bool whole_room = false;  // every seat of the room
};

struct SeatingInput {
  std::optional<std::string> room_id;  // none: the event is no longer seated
  std::vector<ZoneInput> zones;
};

struct BlockResult {
  std::vector<std::string> changed;    // seats whose state changed
  std::vector<std::string> unchanged;  // held, sold, already so, or not the event's
};

class SeatingService {
 public:
  SeatingService(store::Database& db, const Clock& clock, std::chrono::milliseconds cache_ttl);

  // --- Rooms (admin) ---
  std::vector<Room> rooms();
  Room room(const std::string& id);  // 404 ROOM_NOT_FOUND
  Room create_room(const std::string& actor_id, const RoomInput& in);
  // Changing rows or seats_per_row regenerates the seats: 409 ROOM_IN_USE while
  // an event is seated in the room.
  Room update_room(const std::string& actor_id, const std::string& id, const RoomInput& in);
  void remove_room(const std::string& actor_id, const std::string& id);  // 409 ROOM_IN_USE
  Room toggle_room(const std::string& actor_id, const std::string& id);
  // A seat switched off is never sold in any event: its available rows become
  // disabled (and back), and the types' quantity_total follow.
  Room toggle_seat(const std::string& actor_id, const std::string& room_id,
                   const std::string& seat_id);
  Room set_seats(const std::string& actor_id, const std::string& room_id,
                 const std::vector<SeatToggle>& seats);

  // --- An event's seating (admin) ---
  EventSeating seating(const std::string& event_id);
  // Replaces the event's seating and sets each zoned type's quantity_total to
  // its seats. 409 SEATING_LOCKED once a seat of the event is held or sold.
  EventSeating set_seating(const std::string& actor_id, const std::string& event_id,
                           const SeatingInput& in);
  // The same within a transaction another service has open.
  EventSeating set_seating(store::Tx& tx, const std::string& actor_id, const std::string& event_id,
                           const SeatingInput& in, Timestamp now);
  // For AdminEventService::AlsoInTx (the organisers' client sends room_ids
  // with the event): seats the event written in that transaction in
  // `room_id`, unless it is there already. An event with exactly one ticket
  // type has it cover every seat; with more, the room is set without zones for
  // the seating editor to divide.
  std::function<void(store::Tx&, const Event&, Timestamp)> seat_in(std::string actor_id,
                                                                   std::string room_id);
  // Blocks (house seats) or frees unsold seats of the event, at any time.
  BlockResult set_blocks(const std::string& actor_id, const std::string& event_id,
                         const std::vector<std::string>& seat_ids, bool blocked);

  // --- Public ---
  // The seat map of a published (or finished) seated event, by id or slug;
  // 404 EVENT_NOT_FOUND for drafts, 404 EVENT_NOT_SEATED for events without seats.
  SeatMap seat_map(const std::string& id_or_slug);
  // The seats of the event that do not read available, with the state
  // seat_map() would give them now, and when the first hold among them runs
  // out: what a cached seat map overlays after a sale (one query).
  Availability seat_availability(const std::string& event_id);
  // Serialised seat maps (the API layer fills it): the layout is rebuilt after
  // a catalogue write, the seat states overlaid after any other; see
  // catalog_cache.hpp.
  CatalogCache& cache() { return cache_; }

 private:
  Room set_seat_active(store::Tx& tx, const std::string& actor_id, const std::string& room_id,
                       const std::vector<SeatToggle>& seats, Timestamp now);

  store::Database& db_;
  const Clock& clock_;
  CatalogCache cache_;
};

}  // namespace evient
