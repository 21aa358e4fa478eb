#include "services/audit_trail.hpp"

#include <boost/json.hpp>

#include "core/crypto.hpp"
#include "core/time.hpp"
#include "store/audit_repo.hpp"
#include "store/db.hpp"

namespace evient::audit {
namespace json = boost::json;
namespace {

json::value opt(const std::optional<std::string>& s) {
  return s ? json::value(json::string(*s)) : json::value(nullptr);
}
json::value opt(const std::optional<Timestamp>& t) {
  return t ? json::value(json::string(format_iso(*t))) : json::value(nullptr);
}
json::value opt(const std::optional<std::int64_t>& n) {
  return n ? json::value(*n) : json::value(nullptr);
}
std::optional<std::string> to_text(const json::value& v) {
  if (v.is_null()) return std::nullopt;
  return json::serialize(v);
}

}  // namespace

void record(store::Tx& tx, const std::string& actor_id, const std::string& action,
            const std::string& entity_type, const std::string& entity_id, const json::value& before,
            const json::value& after, Timestamp now) {
  AuditEntry e;
  e.id = crypto::uuid_v7();
  e.actor_id = actor_id;
  e.action = action;
  e.entity_type = entity_type;
  e.entity_id = entity_id;
  e.before_json = to_text(before);
  e.after_json = to_text(after);
  e.created_at = now;
  store::audit::insert(tx, e);
}

json::value snapshot(const Event& e) {
  return json::object{{"id", e.id},
                      {"title", e.title},
                      {"slug", e.slug},
                      {"description", opt(e.description)},
                      {"content", opt(e.content)},
                      {"location", opt(e.location)},
                      {"start_time", opt(e.start_time)},
                      {"end_time", opt(e.end_time)},
                      {"banner_image", opt(e.banner_image)},
                      {"thumbnail_image", opt(e.thumbnail_image)},
                      {"category", opt(e.category)},
                      {"status", to_text(e.status)},
                      {"is_hot", e.is_hot}};
}

json::value snapshot(const TicketType& t) {
  return json::object{{"id", t.id},
                      {"event_id", t.event_id},
                      {"name", t.name},
                      {"description", opt(t.description)},
                      {"price", t.price},
                      {"original_price", opt(t.original_price)},
                      {"quantity_total", t.quantity_total},
                      {"quantity_sold", t.quantity_sold},
                      {"status", to_text(t.status)},
                      {"sort_order", t.sort_order}};
}

json::value snapshot(const User& u) {
  return json::object{{"id", u.id},
                      {"email", u.email},
                      {"full_name", opt(u.full_name)},
                      {"role", to_text(u.role)},
                      {"is_active", u.is_active}};
}

json::value snapshot(const Banner& b) {
  return json::object{{"id", b.id},
                      {"title", opt(b.title)},
                      {"image_url", opt(b.image_url)},
                      {"link_url", opt(b.link_url)},
                      {"event_id", opt(b.event_id)},
                      {"priority", b.priority},
                      {"is_active", b.is_active},
                      {"is_homepage", b.is_homepage}};
}

json::value snapshot(const Ticket& t) {
  return json::object{{"id", t.id},
                      {"ticket_code", t.ticket_code},
                      {"event_id", t.event_id},
                      {"status", to_text(t.status)},
                      {"used_at", opt(t.used_at)}};
}

}  // namespace evient::audit
