// GET /api/admin/audit-log?entity_type=&entity_id=&page=: admin writes, newest first.
#include "api/admin_routes.hpp"
#include "api/serializers.hpp"
#include "http/envelope.hpp"
#include "services/audit_trail.hpp"

namespace evient::api {

void register_admin_audit_routes(http::Router& r, Services& s) {
  r.get("/api/admin/audit-log", http::Access::Admin, [&s](http::Request& req) {
    const http::PageRequest page = http::parse_page(req, 50);
    store::audit::Filter f;
    f.entity_type = admin::query_text(req, "entity_type", 50);
    f.entity_id = admin::query_text(req, "entity_id", 64);
    audit::Page result = audit::list(s.db, f, page.limit, page.offset());
    return http::paged(to_array(result.items, admin::audit_entry_json), page, result.total);
  });
}

void register_admin_routes(http::Router& r, Services& s) {
  register_admin_stats_routes(r, s);
  register_admin_scanner_routes(r, s);
  register_admin_event_routes(r, s);
  register_admin_attendee_routes(r, s);
  register_admin_user_routes(r, s);
  register_admin_banner_routes(r, s);
  register_admin_audit_routes(r, s);
}

}  // namespace evient::api
