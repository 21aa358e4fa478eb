#include "services/seating_service.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <set>

#include "core/crypto.hpp"
#include "core/errors.hpp"
#include "services/audit_trail.hpp"
#include "services/seat_selection.hpp"
#include "store/db.hpp"
#include "store/events_repo.hpp"
#include "store/seating_repo.hpp"

namespace evient {
namespace json = boost::json;

namespace {

NotFound room_not_found() {
  return NotFound("Room not found", "ROOM_NOT_FOUND");
}

Room find_room(store::Tx& tx, const std::string& id) {
  auto room = store::seating::find_room(tx, id);
  if (!room) throw room_not_found();
  return std::move(*room);
}

Event find_event(store::Tx& tx, const std::string& id) {
  auto e = crypto::is_uuid(id) ? store::events::find_by_id(tx, id) : std::nullopt;
  if (!e) throw NotFound("Event not found", "EVENT_NOT_FOUND");
  return std::move(*e);
}

// What the audit log keeps of a room: its shape, not every seat.
json::value room_snapshot(const Room& r) {
  std::int64_t off = 0;
  for (const auto& s : r.seats) off += s.is_active ? 0 : 1;
  return json::object{{"id", r.id},
                      {"name", r.name},
                      {"rows", r.rows},
                      {"seats_per_row", r.seats_per_row},
                      {"is_active", r.is_active},
                      {"seats_off", off}};
}

std::vector<Seat> new_seats(const std::string& room_id, std::int64_t rows,
                            std::int64_t seats_per_row) {
  std::vector<Seat> seats = seat_selection::layout(rows, seats_per_row);
  for (auto& s : seats) {
    s.id = crypto::uuid_v4();
    s.room_id = room_id;
  }
  return seats;
}

json::array ids_json(const std::vector<std::string>& ids) {
  json::array a;
  for (const auto& id : ids) a.emplace_back(id);
  return a;
}

// The type rows of `type_ids`, locked in id order (the order checkout locks them in).
void lock_types(store::Tx& tx, std::vector<std::string> type_ids) {
  std::sort(type_ids.begin(), type_ids.end());
  type_ids.erase(std::unique(type_ids.begin(), type_ids.end()), type_ids.end());
  for (const auto& id : type_ids) store::seating::lock_type(tx, id);
}

void adjust_totals(store::Tx& tx, const store::seating::CountByType& counts, std::int64_t sign) {
  for (const auto& [type_id, n] : counts) store::seating::adjust_total(tx, type_id, sign * n);
}

EventSeating load_seating(store::Tx& tx, const std::string& event_id) {
  EventSeating out;
  auto room_id = store::seating::event_room(tx, event_id);
  if (!room_id) return out;
  out.room = store::seating::find_room_head(tx, *room_id);
  std::map<std::string, SeatingZone> zones;
  for (const auto& t : store::events::ticket_types(tx, event_id, true)) {
    zones[t.id] = SeatingZone{t.id, t.name, {}};
  }
  // Seat ids in the room's order (front row first).
  std::map<std::string, std::string> of_seat = store::seating::zones(tx, event_id);
  if (auto room = store::seating::find_room(tx, *room_id)) {
    for (const auto& s : room->seats) {
      auto it = of_seat.find(s.id);
      if (it != of_seat.end()) zones[it->second].seat_ids.push_back(s.id);
    }
  }
  for (auto& [id, zone] : zones) {
    if (!zone.seat_ids.empty()) out.zones.push_back(std::move(zone));
  }
  return out;
}

json::value seating_snapshot(const EventSeating& s) {
  json::array zones;
  for (const auto& z : s.zones) {
    zones.push_back(json::object{{"ticket_type_id", z.ticket_type_id},
                                 {"seats", static_cast<std::int64_t>(z.seat_ids.size())}});
  }
  return json::object{{"room_id", s.room ? json::value(s.room->id) : json::value(nullptr)},
                      {"zones", std::move(zones)}};
}

// Every seat of the room mapped to the zone's type; 422 with one detail per bad part.
std::map<std::string, std::string> assign_zones(const Room& room,
                                                const std::map<std::string, TicketType>& types,
                                                const std::vector<ZoneInput>& zones) {
  Validator v;
  std::map<std::string, std::vector<std::string>> by_row;
  std::set<std::string> room_seats;
  for (const auto& s : room.seats) {
    by_row[s.row].push_back(s.id);
    room_seats.insert(s.id);
  }
  std::map<std::string, std::string> out;
  for (std::size_t i = 0; i < zones.size(); ++i) {
    const std::string at = "zones[" + std::to_string(i) + "]";
    const ZoneInput& z = zones[i];
    if (!types.count(z.ticket_type_id)) {
      v.add(at + ".ticket_type_id", "INVALID", "Not a ticket type of this event");
      continue;
    }
    std::vector<std::string> seats;
    if (z.whole_room) {
      for (const auto& s : room.seats) seats.push_back(s.id);
    }
    for (const auto& row : z.rows) {
      auto it = by_row.find(row);
      if (it == by_row.end()) {
        v.add(at + ".rows", "INVALID", "Row " + row + " is not a row of the room");
        continue;
      }
      seats.insert(seats.end(), it->second.begin(), it->second.end());
    }
    for (const auto& id : z.seat_ids) {
      if (!room_seats.count(id)) {
        v.add(at + ".seat_ids", "INVALID", "Seat " + id + " is not a seat of the room");
        continue;
      }
      seats.push_back(id);
    }
    for (const auto& id : seats) {
      auto [it, inserted] = out.emplace(id, z.ticket_type_id);
      if (!inserted && it->second != z.ticket_type_id) {
        v.add(at, "SEAT_IN_TWO_ZONES", "Seat " + id + " is in two ticket types' zones");
      }
    }
  }
  v.throw_if_any();
  return out;
}

}  // namespace

SeatingService::SeatingService(store::Database& db, const Clock& clock,
                               std::chrono::milliseconds cache_ttl)
    : db_(db), clock_(clock), cache_(db, clock, cache_ttl) {}

std::vector<Room> SeatingService::rooms() {
  return db_.read([&](store::Tx& tx) { return store::seating::list_rooms(tx); });
}

Room SeatingService::room(const std::string& id) {
  return db_.read([&](store::Tx& tx) { return find_room(tx, id); });
}

Room SeatingService::create_room(const std::string& actor_id, const RoomInput& in) {
  const Timestamp now = clock_.now();
  return db_.write([&](store::Tx& tx) {
    Room r;
    r.id = crypto::uuid_v4();
    r.name = in.name.value_or("");
    r.rows = in.rows.value_or(0);
    r.seats_per_row = in.seats_per_row.value_or(0);
    r.is_active = in.is_active.value_or(true);
    r.created_at = r.updated_at = now;
    r.seats = new_seats(r.id, r.rows, r.seats_per_row);
    store::seating::insert_room(tx, r);
    Room after = find_room(tx, r.id);
    audit::record(tx, actor_id, "room.create", "room", r.id, nullptr, room_snapshot(after), now);
    return after;
  });
}

Room SeatingService::update_room(const std::string& actor_id, const std::string& id,
                                 const RoomInput& in) {
  const Timestamp now = clock_.now();
  return db_.write([&](store::Tx& tx) {
    const Room before = find_room(tx, id);
    Room r = before;
    if (in.name) r.name = *in.name;
    if (in.is_active) r.is_active = *in.is_active;
    r.rows = in.rows.value_or(before.rows);
    r.seats_per_row = in.seats_per_row.value_or(before.seats_per_row);
    const bool reshaped = r.rows != before.rows || r.seats_per_row != before.seats_per_row;
    if (reshaped && store::seating::room_in_use(tx, id)) {
      throw Conflict("ROOM_IN_USE", "An event is seated in this room: its size cannot change",
                     json::object{{"room_id", id}});
    }
    r.updated_at = now;
    store::seating::update_room(tx, r);
    if (reshaped) {
      store::seating::delete_seats(tx, id);
      store::seating::insert_seats(tx, new_seats(id, r.rows, r.seats_per_row));
    }
    Room after = find_room(tx, id);
    audit::record(tx, actor_id, "room.update", "room", id, room_snapshot(before),
                  room_snapshot(after), now);
    return after;
  });
}

void SeatingService::remove_room(const std::string& actor_id, const std::string& id) {
  const Timestamp now = clock_.now();
  db_.write([&](store::Tx& tx) {
    const Room before = find_room(tx, id);
    if (store::seating::room_in_use(tx, id)) {
      throw Conflict("ROOM_IN_USE", "An event is seated in this room: it cannot be deleted",
                     json::object{{"room_id", id}});
    }
    store::seating::delete_room(tx, id);
    audit::record(tx, actor_id, "room.delete", "room", id, room_snapshot(before), nullptr, now);
  });
}

Room SeatingService::toggle_room(const std::string& actor_id, const std::string& id) {
  const Timestamp now = clock_.now();
  return db_.write([&](store::Tx& tx) {
    const Room before = find_room(tx, id);
    Room r = before;
    r.is_active = !before.is_active;
    r.updated_at = now;
    store::seating::update_room(tx, r);
    Room after = find_room(tx, id);
    audit::record(tx, actor_id, "room.toggle", "room", id, room_snapshot(before),
                  room_snapshot(after), now);
    return after;
  });
}

Room SeatingService::set_seat_active(store::Tx& tx, const std::string& actor_id,
                                     const std::string& room_id,
                                     const std::vector<SeatToggle>& seats, Timestamp now) {
  const Room before = find_room(tx, room_id);
  std::map<std::string, bool> current;
  for (const auto& s : before.seats) current[s.id] = s.is_active;
  std::vector<std::string> ids;
  for (const auto& s : seats) {
    if (!current.count(s.id)) throw NotFound("Seat " + s.id + " not found", "SEAT_NOT_FOUND");
    ids.push_back(s.id);
  }
  lock_types(tx, store::seating::types_covering(tx, ids, std::nullopt));
  for (const auto& s : seats) {
    if (current[s.id] == s.is_active) continue;
    store::seating::set_seat_active(tx, room_id, s.id, s.is_active);
    current[s.id] = s.is_active;
    if (s.is_active) {
      adjust_totals(tx, store::seating::enable_everywhere(tx, s.id), +1);
    } else {
      adjust_totals(tx, store::seating::disable_everywhere(tx, s.id), -1);
    }
  }
  Room after = find_room(tx, room_id);
  audit::record(tx, actor_id, "room.seats", "room", room_id, room_snapshot(before),
                room_snapshot(after), now);
  return after;
}

Room SeatingService::toggle_seat(const std::string& actor_id, const std::string& room_id,
                                 const std::string& seat_id) {
  const Timestamp now = clock_.now();
  return db_.write([&](store::Tx& tx) {
    const Room room = find_room(tx, room_id);
    auto it = std::find_if(room.seats.begin(), room.seats.end(),
                           [&](const Seat& s) { return s.id == seat_id; });
    if (it == room.seats.end()) throw NotFound("Seat not found", "SEAT_NOT_FOUND");
    return set_seat_active(tx, actor_id, room_id, {SeatToggle{seat_id, !it->is_active}}, now);
  });
}

Room SeatingService::set_seats(const std::string& actor_id, const std::string& room_id,
                               const std::vector<SeatToggle>& seats) {
  const Timestamp now = clock_.now();
  return db_.write(
      [&](store::Tx& tx) { return set_seat_active(tx, actor_id, room_id, seats, now); });
}

EventSeating SeatingService::seating(const std::string& event_id) {
  return db_.read([&](store::Tx& tx) {
    find_event(tx, event_id);
    return load_seating(tx, event_id);
  });
}

EventSeating SeatingService::set_seating(const std::string& actor_id, const std::string& event_id,
                                         const SeatingInput& in) {
  const Timestamp now = clock_.now();
  return db_.write([&](store::Tx& tx) { return set_seating(tx, actor_id, event_id, in, now); });
}

std::function<void(store::Tx&, const Event&, Timestamp)> SeatingService::seat_in(
    std::string actor_id, std::string room_id) {
  return [this, actor_id = std::move(actor_id), room_id = std::move(room_id)](
             store::Tx& tx, const Event& e, Timestamp now) {
    // A cancelled event has given its seats back for good.
    if (e.status == EventStatus::Cancelled) return;
    if (store::seating::event_room(tx, e.id) == room_id) return;
    SeatingInput in;
    in.room_id = room_id;
    const auto types = store::events::ticket_types(tx, e.id, true);
    if (types.size() == 1) in.zones.push_back(ZoneInput{types[0].id, {}, {}, true});
    set_seating(tx, actor_id, e.id, in, now);
  };
}

EventSeating SeatingService::set_seating(store::Tx& tx, const std::string& actor_id,
                                         const std::string& event_id, const SeatingInput& in,
                                         Timestamp now) {
  const Event e = find_event(tx, event_id);
  std::map<std::string, TicketType> types;
  std::vector<std::string> type_ids;
  for (auto& t : store::events::ticket_types(tx, e.id, true)) {
    type_ids.push_back(t.id);
    types.emplace(t.id, std::move(t));
  }
  // Checkout locks a type before it holds seats: with every type locked,
  // no hold can slip in between the check below and the new seating.
  lock_types(tx, type_ids);
  if (store::seating::count_taken(tx, e.id) > 0) {
    throw Conflict("SEATING_LOCKED",
                   "Seats of this event are held or sold: its seating cannot change");
  }
  const EventSeating before = load_seating(tx, e.id);

  std::map<std::string, std::string> assigned;
  std::optional<Room> room;
  if (in.room_id) {
    room = store::seating::find_room(tx, *in.room_id);
    if (!room) throw room_not_found();
    if (!room->is_active) {
      throw Conflict("ROOM_INACTIVE", "This room is switched off",
                     json::object{{"room_id", room->id}});
    }
    assigned = assign_zones(*room, types, in.zones);
  }
  std::map<std::string, std::int64_t> sellable;
  for (const auto& [seat, type_id] : assigned) sellable[type_id];
  for (const auto& [type_id, n] : sellable) {
    if (types.at(type_id).quantity_sold > 0) {
      throw Conflict("TICKET_TYPE_HAS_SALES",
                     types.at(type_id).name + " has tickets sold without seats",
                     json::object{{"ticket_type_id", type_id}});
    }
  }

  store::seating::delete_event_seats(tx, e.id);
  std::vector<store::seating::EventSeatRow> rows;
  if (room) {
    for (const auto& s : room->seats) {
      auto it = assigned.find(s.id);
      if (it == assigned.end()) continue;
      rows.push_back({s.id, it->second, s.is_active ? SeatState::Available : SeatState::Disabled});
      if (s.is_active) ++sellable[it->second];
    }
  }
  store::seating::insert_event_seats(tx, e.id, rows);
  // Types that lose their seats keep none to sell until given a quantity again.
  for (const auto& z : before.zones) {
    if (!sellable.count(z.ticket_type_id)) store::seating::set_total(tx, z.ticket_type_id, 0);
  }
  for (const auto& [type_id, n] : sellable) store::seating::set_total(tx, type_id, n);
  store::seating::set_event_room(tx, e.id, room ? std::optional(room->id) : std::nullopt);

  EventSeating after = load_seating(tx, e.id);
  audit::record(tx, actor_id, "event.seating", "event", e.id, seating_snapshot(before),
                seating_snapshot(after), now);
  return after;
}

BlockResult SeatingService::set_blocks(const std::string& actor_id, const std::string& event_id,
                                       const std::vector<std::string>& seat_ids, bool blocked) {
  const Timestamp now = clock_.now();
  return db_.write([&](store::Tx& tx) {
    const Event e = find_event(tx, event_id);
    lock_types(tx, store::seating::types_covering(tx, seat_ids, e.id));
    const auto changes = blocked ? store::seating::block(tx, e.id, seat_ids)
                                 : store::seating::unblock(tx, e.id, seat_ids);
    store::seating::CountByType per_type;
    std::set<std::string> changed;
    for (const auto& c : changes) {
      ++per_type[c.ticket_type_id];
      changed.insert(c.seat_id);
    }
    // A blocked seat is not for sale: it leaves its type's quantity_total.
    adjust_totals(tx, per_type, blocked ? -1 : +1);
    BlockResult out;
    for (const auto& id : seat_ids) {
      (changed.count(id) ? out.changed : out.unchanged).push_back(id);
    }
    audit::record(tx, actor_id, blocked ? "event.seats_block" : "event.seats_unblock", "event",
                  e.id, nullptr,
                  json::object{{"seat_ids", ids_json(out.changed)}, {"blocked", blocked}}, now);
    return out;
  });
}

SeatMap SeatingService::seat_map(const std::string& id_or_slug) {
  return db_.read([&](store::Tx& tx) {
    auto e = crypto::is_uuid(id_or_slug) ? store::events::find_by_id(tx, id_or_slug)
                                         : store::events::find_by_slug(tx, id_or_slug);
    if (!e || e->status == EventStatus::Draft) {
      throw NotFound("Event not found", "EVENT_NOT_FOUND");
    }
    auto room_id = store::seating::event_room(tx, e->id);
    auto room = room_id ? store::seating::find_room_head(tx, *room_id) : std::nullopt;
    if (!room) throw NotFound("This event has no seat map", "EVENT_NOT_SEATED");
    SeatMap map;
    map.event_id = e->id;
    map.room_id = room->id;
    map.room_name = room->name;
    map.rows = room->rows;
    map.seats_per_row = room->seats_per_row;
    map.seats = store::seating::seat_map(tx, e->id, room->id, clock_.now());
    return map;
  });
}

Availability SeatingService::seat_availability(const std::string& event_id) {
  const Timestamp now = clock_.now();
  auto seats =
      db_.read([&](store::Tx& tx) { return store::seating::unavailable_seats(tx, event_id, now); });
  Availability out;
  for (auto& s : seats) {
    if (s.held_until && (!out.until || *s.held_until < *out.until)) out.until = s.held_until;
    out.seats.emplace(std::move(s.seat_id), s.state);
  }
  return out;
}

}  // namespace evient
