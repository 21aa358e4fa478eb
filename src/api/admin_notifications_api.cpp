// POST /api/admin/notifications {title, message, type, user_ids? | event_id?}:
// one notification to each chosen user, to every holder of a valid or used
// ticket of the event, or (neither given) to every active user. Returns {sent}.
#include "api/admin_routes.hpp"
#include "core/crypto.hpp"
#include "http/envelope.hpp"
#include "services/admin_order_service.hpp"

namespace evient::api {
namespace json = boost::json;
namespace {

constexpr std::size_t kMaxTitle = 200;
constexpr std::size_t kMaxMessage = 2000;
constexpr std::size_t kMaxUserIds = 1000;

// user_ids: a non-empty array of strings; which of them exist is the service's check.
std::optional<std::vector<std::string>> parse_user_ids(const http::JsonBody& body, Validator& v) {
  const json::value* raw = body.get("user_ids");
  if (!raw) return std::nullopt;
  if (!raw->is_array() || raw->as_array().empty() || raw->as_array().size() > kMaxUserIds) {
    v.add("user_ids", "INVALID",
          "user_ids must be a non-empty array of at most " + std::to_string(kMaxUserIds) +
              " user ids");
    return std::nullopt;
  }
  std::vector<std::string> ids;
  for (const auto& id : raw->as_array()) {
    if (!id.is_string()) {
      v.add("user_ids", "INVALID_TYPE", "user_ids must hold strings");
      return std::nullopt;
    }
    ids.emplace_back(id.as_string());
  }
  return ids;
}

BroadcastInput parse_broadcast(const http::JsonBody& body) {
  Validator v;
  BroadcastInput in;
  auto title = body.line("title", v, http::Presence::Required, kMaxTitle);
  auto message = body.string("message", v, http::Presence::Required, kMaxMessage);
  std::optional<NotificationType> type;
  if (auto text = body.string("type", v, http::Presence::Optional, 20)) {
    type = parse<NotificationType>(*text);
    if (!type) v.add("type", "INVALID", "type must be system, order or promotion");
  }
  in.user_ids = parse_user_ids(body, v);
  in.event_id = body.string("event_id", v, http::Presence::Optional, 64);
  if (in.event_id && !crypto::is_uuid(*in.event_id)) {
    v.add("event_id", "INVALID", "event_id must be a UUID");
  }
  if (body.has("user_ids") && body.has("event_id")) {
    v.add("user_ids", "CONFLICT", "give user_ids or event_id, not both");
  }
  v.throw_if_any();
  in.title = *title;
  in.message = *message;
  if (type) in.type = *type;
  return in;
}

}  // namespace

void register_admin_notification_routes(http::Router& r, AdminBroadcastService& admin_broadcast) {
  r.post("/api/admin/notifications", http::Access::Admin, [&admin_broadcast](http::Request& req) {
    http::JsonBody body(req);
    const BroadcastInput in = parse_broadcast(body);
    BroadcastResult result = admin_broadcast.broadcast(req.user().user_id, in);
    return http::created(json::object{{"sent", result.sent}, {"audience", result.audience}},
                         "Notification sent");
  });
}

}  // namespace evient::api
