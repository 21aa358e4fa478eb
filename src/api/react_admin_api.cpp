// Admin writes on the paths the organisers' React client uses, beside the
// /api/admin routes and through the same parsers and services (same rules,
// audit entries and errors):
//   POST /api/events (with inline ticket_types[], room_ids and create_banner,
//   one transaction),
//   PUT/DELETE /api/events/:id, GET/POST /api/ticket-types.
// Its other writes share the /api/admin handlers outright: PUT/DELETE
// /api/ticket-types/:id (admin_events_api.cpp), POST /api/banners, PUT/DELETE
// /api/banners/:id and PATCH /api/banners/:id/toggle (admin_banners_api.cpp).
// The public GET /api/events/:id and GET /api/banners are unchanged: the
// router matches method and path, so only the writes need an admin.
#include <string_view>

#include "api/admin_routes.hpp"
#include "api/admin_serializers.hpp"
#include "api/serializers.hpp"
#include "core/crypto.hpp"
#include "http/envelope.hpp"
#include "http/query.hpp"
#include "services/admin_event_service.hpp"
#include "services/admin_service.hpp"
#include "services/seating_service.hpp"

namespace evient::api {
namespace json = boost::json;
namespace {

constexpr std::size_t kMaxInlineTypes = 50;
constexpr std::int64_t kMaxPriority = 1'000'000;

bool is_digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The client sends <input type="datetime-local"> values, "2026-02-14T19:00",
// without seconds or zone, and fills its edit form from
// `new Date(t).toISOString().slice(0, 16)`: UTC. Read them as UTC so an event
// edited there keeps its times; anything else goes to the usual parser.
json::object with_zoned_times(json::object body) {
  for (const char* key : {"start_time", "end_time"}) {
    json::value* v = body.if_contains(key);
    if (!v || !v->is_string()) continue;
    std::string_view s = v->as_string();
    const bool minutes = s.size() == 16;
    const bool seconds = s.size() == 19 && s[16] == ':' && is_digits(s.substr(17, 2));
    if (!(minutes || seconds) || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
        !is_digits(s.substr(0, 4)) || !is_digits(s.substr(5, 2)) || !is_digits(s.substr(8, 2)) ||
        !is_digits(s.substr(11, 2)) || !is_digits(s.substr(14, 2))) {
      continue;
    }
    *v = std::string(s) + (minutes ? ":00Z" : "Z");
  }
  return body;
}

// Runs `parse`, moving its field errors into `v` under `prefix`.
template <class F>
auto collect(Validator& v, const std::string& prefix, F&& parse)
    -> std::optional<decltype(parse())> {
  try {
    return parse();
  } catch (const ValidationError& e) {
    for (const auto& d : e.details()) v.add(prefix + d.field, d.code, d.message);
    return std::nullopt;
  }
}

std::vector<TicketTypeInput> inline_types(const http::JsonBody& body, Validator& v) {
  std::vector<TicketTypeInput> out;
  const json::value* raw = body.get("ticket_types");
  if (!raw) return out;
  if (!raw->is_array()) {
    v.add("ticket_types", "INVALID_TYPE", "ticket_types must be an array");
    return out;
  }
  const json::array& items = raw->as_array();
  if (items.size() > kMaxInlineTypes) {
    v.add("ticket_types", "TOO_MANY",
          "at most " + std::to_string(kMaxInlineTypes) + " ticket types at once");
    return out;
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string at = "ticket_types[" + std::to_string(i) + "]";
    if (!items[i].is_object()) {
      v.add(at, "INVALID_TYPE", at + " must be an object");
      continue;
    }
    http::JsonBody item(items[i].as_object());
    if (auto t = collect(v, at + ".", [&] { return admin::parse_ticket_type(item); })) {
      out.push_back(std::move(*t));
    }
  }
  return out;
}

// room_ids: the client lets several be ticked; an event here sits in one room.
std::optional<std::string> room_of(const http::JsonBody& body, Validator& v) {
  const json::value* raw = body.get("room_ids");
  if (!raw) return std::nullopt;
  if (!raw->is_array()) {
    v.add("room_ids", "INVALID_TYPE", "room_ids must be an array of room ids");
    return std::nullopt;
  }
  const json::array& ids = raw->as_array();
  for (const auto& id : ids) {
    if (!id.is_string()) {
      v.add("room_ids", "INVALID_TYPE", "room_ids must be an array of room ids");
      return std::nullopt;
    }
  }
  if (ids.size() > 1) {
    v.add("room_ids", "TOO_MANY", "an event is seated in one room");
    return std::nullopt;
  }
  if (ids.empty()) return std::nullopt;  // the client's "no room chosen": seating unchanged
  return std::string(ids[0].as_string());
}

// The event form's banner tab: create_banner asks for a banner of the new
// event (its banner_image), placed by banner_is_homepage and banner_priority.
std::optional<BannerInput> banner_of(const http::JsonBody& body, Validator& v) {
  auto wanted = body.boolean("create_banner", v, http::Presence::Optional);
  auto home = body.boolean("banner_is_homepage", v, http::Presence::Optional);
  auto priority = admin::bounded_integer(body, "banner_priority", v, -kMaxPriority, kMaxPriority);
  if (!wanted || !*wanted) return std::nullopt;
  BannerInput in;
  in.is_homepage = home;
  in.priority = priority;
  in.is_active = true;
  return in;
}

// Both steps, in order, in the one transaction.
AdminEventService::AlsoInTx both(AdminEventService::AlsoInTx first,
                                 AdminEventService::AlsoInTx second) {
  if (!first) return second;
  if (!second) return first;
  return [first = std::move(first), second = std::move(second)](store::Tx& tx, const Event& e,
                                                                Timestamp now) {
    first(tx, e, now);
    second(tx, e, now);
  };
}

json::object listing_json(const TicketTypeListing& l) {
  json::object o = ticket_type_json(l.type);  // status: sold_out once nothing is left
  o["stored_status"] = to_text(l.type.status);
  o["event_title"] = l.event_title;
  return o;
}

void register_events(http::Router& r, AdminEventService& events, AdminService& admin,
                     SeatingService& seating) {
  r.post("/api/events", http::Access::Admin, [&events, &admin, &seating](http::Request& req) {
    const http::JsonBody body(with_zoned_times(http::JsonBody(req).object()));
    Validator v;
    auto in = collect(v, "", [&] { return admin::parse_event(body, true); });
    std::vector<TicketTypeInput> types = inline_types(body, v);
    std::optional<std::string> room = room_of(body, v);
    std::optional<BannerInput> banner = banner_of(body, v);
    v.throw_if_any();
    const std::string& actor = req.user().user_id;
    EventDetail d = events.create_with_types(
        actor, *in, types,
        both(room ? seating.seat_in(actor, *room) : AdminEventService::AlsoInTx{},
             banner ? admin.banner_for(actor, *banner) : AdminEventService::AlsoInTx{}));
    return http::created(admin_event_detail_json(d.event, d.ticket_types), "Event created");
  });

  r.put("/api/events/:id", http::Access::Admin, [&events, &seating](http::Request& req) {
    const std::string id = http::uuid_param(req, "id", "EVENT_NOT_FOUND");
    const http::JsonBody body(with_zoned_times(http::JsonBody(req).object()));
    Validator v;
    auto in = collect(v, "", [&] { return admin::parse_event(body, false); });
    std::optional<std::string> room = room_of(body, v);
    v.throw_if_any();
    const std::string& actor = req.user().user_id;
    EventUpdate u = events.update(
        actor, id, *in, room ? seating.seat_in(actor, *room) : AdminEventService::AlsoInTx{});
    return http::ok(admin_event_update_json(u, events.ticket_types(id)),
                    u.cancellation ? "Event cancelled" : "Event updated");
  });

  r.del("/api/events/:id", http::Access::Admin, [&events](http::Request& req) {
    events.remove(req.user().user_id, http::uuid_param(req, "id", "EVENT_NOT_FOUND"));
    return http::ok(nullptr, "Event deleted");
  });
}

void register_ticket_types(http::Router& r, AdminEventService& events) {
  r.get("/api/ticket-types", http::Access::Admin, [&events](http::Request& req) {
    return http::ok(
        to_array(events.all_ticket_types(http::query_uuid(req, "event_id")), listing_json));
  });

  r.post("/api/ticket-types", http::Access::Admin, [&events](http::Request& req) {
    http::JsonBody body(req);
    Validator v;
    auto event_id = body.string("event_id", v, http::Presence::Required, 64);
    auto in = collect(v, "", [&] { return admin::parse_ticket_type(body); });
    v.throw_if_any();
    if (!crypto::is_uuid(*event_id)) throw NotFound("Event not found", "EVENT_NOT_FOUND");
    TicketType t = events.create_ticket_type(req.user().user_id, *event_id, *in);
    return http::created(admin_ticket_type_json(t), "Ticket type created");
  });
}

}  // namespace

void register_react_admin_routes(http::Router& r, AdminEventService& events, AdminService& admin,
                                 SeatingService& seating) {
  register_events(r, events, admin, seating);
  register_ticket_types(r, events);
}

}  // namespace evient::api
