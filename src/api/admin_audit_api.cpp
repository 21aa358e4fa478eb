// GET /api/admin/audit-log?entity_type=&entity_id=&page=: admin writes, newest first.
#include "api/admin_routes.hpp"
#include "api/admin_serializers.hpp"
#include "api/serializers.hpp"
#include "http/envelope.hpp"
#include "http/query.hpp"
#include "services/admin_service.hpp"

namespace evient::api {

void register_admin_audit_routes(http::Router& r, AdminService& admin) {
  r.get("/api/admin/audit-log", http::Access::Admin, [&admin](http::Request& req) {
    const http::PageRequest page = http::parse_page(req, 50);
    AuditFilter f;
    f.entity_type = http::query_text(req, "entity_type", 50);
    f.entity_id = http::query_text(req, "entity_id", 64);
    AuditPage result = admin.audit_log(f, page.limit, page.offset());
    return http::paged(to_array(result.items, audit_entry_json), page, result.total);
  });
}

}  // namespace evient::api
