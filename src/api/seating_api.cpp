// Rooms (admin, in the organisers' client's dialect): GET/POST /api/rooms,
// GET/PUT/DELETE /api/rooms/:id, PATCH /api/rooms/:id/toggle,
// PATCH /api/rooms/:id/seats/:seatId/toggle, PUT /api/rooms/:id/seats.
// An event's seating (admin): GET/PUT /api/admin/events/:id/seating,
// PUT /api/admin/events/:id/seating/blocks.
// The public seat map: GET /api/events/:id/seats (cached like the catalogue).
#include <set>

#include "api/admin_routes.hpp"
#include "api/admin_serializers.hpp"
#include "api/cached_response.hpp"
#include "api/serializers.hpp"
#include "core/crypto.hpp"
#include "http/envelope.hpp"
#include "services/seating_service.hpp"

namespace evient::api {
namespace json = boost::json;

namespace {

constexpr std::size_t kMaxIds = static_cast<std::size_t>(kMaxRoomRows * kMaxSeatsPerRow);
constexpr std::size_t kMaxZones = 100;

RoomInput parse_room(const http::JsonBody& body, http::Presence presence) {
  Validator v;
  RoomInput in;
  in.name = body.line("name", v, presence, 200);
  in.rows = admin::bounded_integer(body, "rows", v, 1, kMaxRoomRows);
  in.seats_per_row = admin::bounded_integer(body, "seatsPerRow", v, 1, kMaxSeatsPerRow);
  in.is_active = body.boolean("isActive", v, http::Presence::Optional);
  if (presence == http::Presence::Required) {
    if (!in.rows && !body.has("rows")) v.add("rows", "REQUIRED", "rows is required");
    if (!in.seats_per_row && !body.has("seatsPerRow")) {
      v.add("seatsPerRow", "REQUIRED", "seatsPerRow is required");
    }
  }
  v.throw_if_any();
  return in;
}

// A list of ids (UUIDs), at most kMaxIds, none twice.
std::vector<std::string> id_list(const json::value* value, const std::string& field, Validator& v,
                                 bool required) {
  std::vector<std::string> out;
  if (!value || value->is_null()) {
    if (required) v.add(field, "REQUIRED", field + " is required");
    return out;
  }
  if (!value->is_array()) {
    v.add(field, "INVALID_TYPE", field + " must be an array of seat ids");
    return out;
  }
  const json::array& a = value->as_array();
  if (a.size() > kMaxIds) {
    v.add(field, "TOO_MANY", field + " has too many entries");
    return out;
  }
  std::set<std::string> seen;
  for (const auto& id : a) {
    if (!id.is_string() || !crypto::is_uuid(id.as_string())) {
      v.add(field, "INVALID", field + " must hold seat ids");
      return {};
    }
    if (!seen.insert(std::string(id.as_string())).second) {
      v.add(field, "DUPLICATE", field + " names a seat twice");
      return {};
    }
    out.emplace_back(id.as_string());
  }
  return out;
}

std::vector<SeatToggle> parse_seat_toggles(const http::JsonBody& body) {
  Validator v;
  std::vector<SeatToggle> out;
  const json::value* seats = body.get("seats");
  if (!seats || !seats->is_array()) {
    throw ValidationError("seats", "REQUIRED", "seats must be an array of {id, isActive}");
  }
  if (seats->as_array().size() > kMaxIds) {
    throw ValidationError("seats", "TOO_MANY", "seats has too many entries");
  }
  for (std::size_t i = 0; i < seats->as_array().size(); ++i) {
    const json::value& s = seats->as_array()[i];
    const std::string at = "seats[" + std::to_string(i) + "]";
    const json::value* id = s.is_object() ? s.as_object().if_contains("id") : nullptr;
    const json::value* active = s.is_object() ? s.as_object().if_contains("isActive") : nullptr;
    if (!id || !id->is_string() || !crypto::is_uuid(id->as_string())) {
      v.add(at + ".id", "INVALID", "id must be a seat id");
      continue;
    }
    if (!active || !active->is_bool()) {
      v.add(at + ".isActive", "INVALID", "isActive must be true or false");
      continue;
    }
    out.push_back({std::string(id->as_string()), active->as_bool()});
  }
  v.throw_if_any();
  return out;
}

SeatingInput parse_seating(const http::JsonBody& body) {
  Validator v;
  SeatingInput in;
  const json::value* room = body.get("room_id");
  if (room && !room->is_null()) {
    if (!room->is_string() || !crypto::is_uuid(room->as_string())) {
      v.add("room_id", "INVALID", "room_id must be a room id or null");
    } else {
      in.room_id = std::string(room->as_string());
    }
  } else if (!body.object().contains("room_id")) {
    v.add("room_id", "REQUIRED", "room_id is required (null: the event is not seated)");
  }
  const json::value* zones = body.get("zones");
  if (zones && !zones->is_array()) {
    v.add("zones", "INVALID_TYPE", "zones must be an array");
  } else if (zones && zones->as_array().size() > kMaxZones) {
    v.add("zones", "TOO_MANY", "zones has too many entries");
  } else if (zones) {
    const json::array& a = zones->as_array();
    for (std::size_t i = 0; i < a.size(); ++i) {
      const std::string at = "zones[" + std::to_string(i) + "]";
      if (!a[i].is_object()) {
        v.add(at, "INVALID_TYPE", at + " must be an object");
        continue;
      }
      const json::object& o = a[i].as_object();
      ZoneInput z;
      const json::value* type = o.if_contains("ticket_type_id");
      if (!type || !type->is_string() || !crypto::is_uuid(type->as_string())) {
        v.add(at + ".ticket_type_id", "INVALID", "ticket_type_id must be a ticket type id");
      } else {
        z.ticket_type_id = std::string(type->as_string());
      }
      const json::value* rows = o.if_contains("rows");
      if (rows && !rows->is_null()) {
        if (!rows->is_array() || rows->as_array().size() > static_cast<std::size_t>(kMaxRoomRows)) {
          v.add(at + ".rows", "INVALID", "rows must be an array of row labels");
        } else {
          for (const auto& r : rows->as_array()) {
            if (!r.is_string() || r.as_string().empty() || r.as_string().size() > 4) {
              v.add(at + ".rows", "INVALID", "rows must be an array of row labels");
              break;
            }
            z.rows.emplace_back(r.as_string());
          }
        }
      }
      z.seat_ids = id_list(o.if_contains("seat_ids"), at + ".seat_ids", v, false);
      if (z.rows.empty() && z.seat_ids.empty()) {
        v.add(at, "REQUIRED", at + " needs rows or seat_ids");
      }
      in.zones.push_back(std::move(z));
    }
  }
  v.throw_if_any();
  return in;
}

// The public seat map with a hole where each zoned seat's state goes (a seat
// in no zone reads disabled until the seating changes, a catalogue write).
json::object seat_map_template(const SeatMap& m, TemplateBuilder& b) {
  json::object o = seat_map_json(m);
  json::array& seats = o["seats"].as_array();
  for (std::size_t i = 0; i < m.seats.size(); ++i) {
    const SeatMapSeat& s = m.seats[i];
    if (!s.ticket_type_id) continue;
    b.saw_seat(m.event_id, s.id, s.state);
    if (s.held_until) b.valid_until(*s.held_until);
    seats[i].as_object()["state"] = b.hole(AvailabilitySlot::Field::SeatState, {s.id});
  }
  return o;
}

}  // namespace

void register_seating_routes(http::Router& r, SeatingService& seating) {
  // The client's event page asks for the rooms without a token, and its axios
  // layer sends any 401 to the login page: everyone gets an answer, only admins
  // see the rooms.
  r.get("/api/rooms", http::Access::Optional, [&seating](http::Request& req) {
    if (!req.auth || !req.user().is_admin()) return http::ok(json::array{});
    return http::ok(to_array(seating.rooms(), room_json));
  });

  r.get("/api/rooms/:id", http::Access::Admin, [&seating](http::Request& req) {
    return http::ok(room_json(seating.room(req.param("id"))));
  });

  r.post("/api/rooms", http::Access::Admin, [&seating](http::Request& req) {
    http::JsonBody body(req);
    const RoomInput in = parse_room(body, http::Presence::Required);
    return http::created(room_json(seating.create_room(req.user().user_id, in)), "Room created");
  });

  r.put("/api/rooms/:id", http::Access::Admin, [&seating](http::Request& req) {
    http::JsonBody body(req);
    const RoomInput in = parse_room(body, http::Presence::Optional);
    return http::ok(room_json(seating.update_room(req.user().user_id, req.param("id"), in)),
                    "Room updated");
  });

  r.del("/api/rooms/:id", http::Access::Admin, [&seating](http::Request& req) {
    seating.remove_room(req.user().user_id, req.param("id"));
    return http::ok(nullptr, "Room deleted");
  });

  r.patch("/api/rooms/:id/toggle", http::Access::Admin, [&seating](http::Request& req) {
    return http::ok(room_json(seating.toggle_room(req.user().user_id, req.param("id"))));
  });

  r.patch("/api/rooms/:id/seats/:seatId/toggle", http::Access::Admin,
          [&seating](http::Request& req) {
            return http::ok(room_json(
                seating.toggle_seat(req.user().user_id, req.param("id"), req.param("seatId"))));
          });

  r.put("/api/rooms/:id/seats", http::Access::Admin, [&seating](http::Request& req) {
    http::JsonBody body(req);
    const auto seats = parse_seat_toggles(body);
    return http::ok(room_json(seating.set_seats(req.user().user_id, req.param("id"), seats)),
                    "Seats updated");
  });

  r.get("/api/admin/events/:id/seating", http::Access::Admin, [&seating](http::Request& req) {
    return http::ok(event_seating_json(seating.seating(req.param("id"))));
  });

  r.put("/api/admin/events/:id/seating", http::Access::Admin, [&seating](http::Request& req) {
    http::JsonBody body(req);
    const SeatingInput in = parse_seating(body);
    return http::ok(
        event_seating_json(seating.set_seating(req.user().user_id, req.param("id"), in)),
        "Seating updated");
  });

  r.put("/api/admin/events/:id/seating/blocks", http::Access::Admin,
        [&seating](http::Request& req) {
          http::JsonBody body(req);
          Validator v;
          const auto ids = id_list(body.get("seat_ids"), "seat_ids", v, true);
          const auto blocked = body.boolean("blocked", v, http::Presence::Required);
          v.throw_if_any();
          return http::ok(block_result_json(
              seating.set_blocks(req.user().user_id, req.param("id"), ids, *blocked), *blocked));
        });

  // Seat states change with every sale, the rest of the map only with a
  // catalogue write: the states are holes, overlaid after a sale.
  r.get(
      "/api/events/:id/seats", http::Access::Public,
      [&seating](http::Request& req) {
        const std::string& id = req.param("id");
        return cached_page(
            seating.cache(), "seats/" + id,
            [&](TemplateBuilder& b) {
              return http::ok(seat_map_template(seating.seat_map(id), b));
            },
            [&seating](const PageTemplate& page) {
              // A map without zoned seats has no holes to fill.
              if (page.seats_of_event.empty()) return Availability{};
              return seating.seat_availability(page.seats_of_event);
            });
      },
      [&seating](http::Request& req) {
        return peek_cached(seating.cache(), "seats/" + req.param("id"));
      });
}

}  // namespace evient::api
