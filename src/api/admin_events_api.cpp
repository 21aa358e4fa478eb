// Admin events and ticket types:
//   GET/POST /api/admin/events, GET/PUT/DELETE /api/admin/events/:id
//   GET/POST /api/admin/events/:id/ticket-types, PUT/DELETE /api/admin/ticket-types/:id
// (the last two also as /api/ticket-types/:id for the organisers' React client;
// its other paths are in react_admin_api.cpp).
// Bodies are parsed field by field from an allow-list; anything else (ids,
// quantity_sold, created_at...) is ignored.
#include "api/admin_routes.hpp"
#include "api/admin_serializers.hpp"
#include "api/serializers.hpp"
#include "core/money.hpp"
#include "http/envelope.hpp"
#include "http/query.hpp"
#include "services/admin_event_service.hpp"
#include "services/admin_rules.hpp"

namespace evient::api {
namespace json = boost::json;
namespace {

constexpr std::int64_t kMaxQuantity = 10'000'000;
constexpr std::int64_t kMaxSortOrder = 1'000'000;

std::optional<Minor> money_field(const http::JsonBody& body, const char* key, Validator& v) {
  const json::value* raw = body.get(key);
  if (!raw) return std::nullopt;
  auto m = money_from_json(*raw);
  if (!m) v.add(key, "INVALID_AMOUNT", std::string(key) + " must be a non-negative amount");
  return m;
}

}  // namespace

namespace admin {

EventInput parse_event(const http::JsonBody& body, bool creating) {
  Validator v;
  EventInput in;
  if (creating || body.object().contains("title"))
    in.title = body.line("title", v, http::Presence::Required, 200);
  in.slug = body.string("slug", v, http::Presence::Optional, 80);
  in.description = admin::nullable_text(body, "description", v, 5000);
  in.content = admin::nullable_text(body, "content", v, 200'000, admin::Whitespace::Keep);
  in.location = admin::nullable_text(body, "location", v, 255);
  in.banner_image = admin::nullable_url(body, "banner_image", v);
  in.thumbnail_image = admin::nullable_url(body, "thumbnail_image", v);
  in.category = admin::nullable_text(body, "category", v, 50, admin::Whitespace::SingleLine);
  in.start_time = admin::nullable_time(body, "start_time", v);
  in.end_time = admin::nullable_time(body, "end_time", v);
  if (auto status = body.string("status", v, http::Presence::Optional, 20)) {
    in.status = parse<EventStatus>(*status);
    if (!in.status) {
      v.add("status", "INVALID", "status must be draft, published, completed or cancelled");
    }
  }
  in.is_hot = body.boolean("is_hot", v, http::Presence::Optional);
  v.throw_if_any();
  return in;
}

TicketTypeInput parse_ticket_type(const http::JsonBody& body) {
  Validator v;
  TicketTypeInput in;
  if (body.object().contains("name")) in.name = body.line("name", v, http::Presence::Required, 100);
  in.description = admin::nullable_text(body, "description", v, 1000);
  in.price = money_field(body, "price", v);
  if (const json::value* raw = body.object().if_contains("original_price")) {
    if (raw->is_null()) {
      in.original_price = std::optional<Minor>{};
    } else if (auto m = money_field(body, "original_price", v)) {
      in.original_price = std::optional<Minor>(*m);
    }
  }
  in.quantity_total = admin::bounded_integer(body, "quantity_total", v, 0, kMaxQuantity);
  if (auto status = body.string("status", v, http::Presence::Optional, 20)) {
    in.status = parse<TicketTypeStatus>(*status);
    if (!in.status) v.add("status", "INVALID", "status must be active, sold_out or hidden");
  }
  in.sort_order = admin::bounded_integer(body, "sort_order", v, 0, kMaxSortOrder);
  v.throw_if_any();
  return in;
}

}  // namespace admin

namespace {
using admin::parse_event;
using admin::parse_ticket_type;

void register_events(http::Router& r, AdminEventService& admin_events) {
  r.get("/api/admin/events", http::Access::Admin, [&admin_events](http::Request& req) {
    const http::PageRequest page = http::parse_page(req, 20);
    AdminEventQuery q;
    q.limit = page.limit;
    q.offset = page.offset();
    if (auto status = http::query_text(req, "status", 20)) {
      q.status = parse<EventStatus>(*status);
      if (!q.status) throw ValidationError("status", "INVALID", "unknown status");
    }
    q.category = http::query_text(req, "category", 50);
    q.search = http::query_text(req, "search");
    EventPage result = admin_events.list(q);
    return http::paged(to_array(result.items, event_card_json), page, result.total);
  });

  r.post("/api/admin/events", http::Access::Admin, [&admin_events](http::Request& req) {
    http::JsonBody body(req);
    Event e = admin_events.create(req.user().user_id, parse_event(body, true));
    return http::created(admin_event_detail_json(e, {}), "Event created");
  });

  r.get("/api/admin/events/:id", http::Access::Admin, [&admin_events](http::Request& req) {
    EventDetail d = admin_events.get(http::uuid_param(req, "id", "EVENT_NOT_FOUND"));
    return http::ok(admin_event_detail_json(d.event, d.ticket_types));
  });

  r.put("/api/admin/events/:id", http::Access::Admin, [&admin_events](http::Request& req) {
    const std::string id = http::uuid_param(req, "id", "EVENT_NOT_FOUND");
    http::JsonBody body(req);
    EventUpdate u = admin_events.update(req.user().user_id, id, parse_event(body, false));
    return http::ok(admin_event_update_json(u, admin_events.ticket_types(id)),
                    u.cancellation ? "Event cancelled" : "Event updated");
  });

  r.del("/api/admin/events/:id", http::Access::Admin, [&admin_events](http::Request& req) {
    admin_events.remove(req.user().user_id, http::uuid_param(req, "id", "EVENT_NOT_FOUND"));
    return http::ok(nullptr, "Event deleted");
  });
}

void register_ticket_types(http::Router& r, AdminEventService& admin_events) {
  r.get("/api/admin/events/:id/ticket-types", http::Access::Admin,
        [&admin_events](http::Request& req) {
          auto types = admin_events.ticket_types(http::uuid_param(req, "id", "EVENT_NOT_FOUND"));
          return http::ok(to_array(types, admin_ticket_type_json));
        });

  r.post("/api/admin/events/:id/ticket-types", http::Access::Admin,
         [&admin_events](http::Request& req) {
           const std::string event_id = http::uuid_param(req, "id", "EVENT_NOT_FOUND");
           http::JsonBody body(req);
           if (!body.object().contains("name")) {
             throw ValidationError("name", "REQUIRED", "name is required");
           }
           TicketType t = admin_events.create_ticket_type(req.user().user_id, event_id,
                                                          parse_ticket_type(body));
           return http::created(admin_ticket_type_json(t), "Ticket type created");
         });

  // The organisers' React client writes a type under /api/ticket-types/:id.
  for (const char* path : {"/api/admin/ticket-types/:id", "/api/ticket-types/:id"}) {
    r.put(path, http::Access::Admin, [&admin_events](http::Request& req) {
      const std::string id = http::uuid_param(req, "id", "TICKET_TYPE_NOT_FOUND");
      http::JsonBody body(req);
      TicketType t =
          admin_events.update_ticket_type(req.user().user_id, id, parse_ticket_type(body));
      return http::ok(admin_ticket_type_json(t), "Ticket type updated");
    });

    r.del(path, http::Access::Admin, [&admin_events](http::Request& req) {
      admin_events.remove_ticket_type(req.user().user_id,
                                      http::uuid_param(req, "id", "TICKET_TYPE_NOT_FOUND"));
      return http::ok(nullptr, "Ticket type deleted");
    });
  }
}

}  // namespace

void register_admin_event_routes(http::Router& r, AdminEventService& admin_events) {
  register_events(r, admin_events);
  register_ticket_types(r, admin_events);
}

}  // namespace evient::api
