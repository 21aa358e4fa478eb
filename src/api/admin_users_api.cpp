// Admin users: GET /api/admin/users, GET/PUT/DELETE /api/admin/users/:id.
// Only full_name, role and is_active can change; DELETE deactivates.
#include "api/admin_routes.hpp"
#include "api/serializers.hpp"
#include "core/text.hpp"
#include "http/envelope.hpp"
#include "http/query.hpp"
#include "services/admin_service.hpp"

namespace evient::api {
namespace {}  // namespace

void register_admin_user_routes(http::Router& r, AdminService& admin) {
  r.get("/api/admin/users", http::Access::Admin, [&admin](http::Request& req) {
    const http::PageRequest page = http::parse_page(req, 20);
    UserFilter f;
    if (auto search = http::query_text(req, "search")) f.search = text::fold(*search);
    if (auto role = http::query_text(req, "role", 10)) {
      f.role = parse<Role>(*role);
      if (!f.role) throw ValidationError("role", "INVALID", "unknown role");
    }
    f.is_active = http::query_bool(req, "is_active");
    UserPage result = admin.users(f, page.limit, page.offset());
    return http::paged(to_array(result.items, user_json), page, result.total);
  });

  r.get("/api/admin/users/:id", http::Access::Admin, [&admin](http::Request& req) {
    return http::ok(user_json(admin.user(http::uuid_param(req, "id", "USER_NOT_FOUND"))));
  });

  r.put("/api/admin/users/:id", http::Access::Admin, [&admin](http::Request& req) {
    const std::string id = http::uuid_param(req, "id", "USER_NOT_FOUND");
    http::JsonBody body(req);
    Validator v;
    UserAdminInput in;
    in.full_name = admin::nullable_text(body, "full_name", v, 100, admin::Whitespace::SingleLine);
    if (auto role = body.string("role", v, http::Presence::Optional, 10)) {
      in.role = parse<Role>(*role);
      if (!in.role) v.add("role", "INVALID", "role must be user or admin");
    }
    in.is_active = body.boolean("is_active", v, http::Presence::Optional);
    v.throw_if_any();
    return http::ok(user_json(admin.update_user(req.user().user_id, id, in)), "User updated");
  });

  r.del("/api/admin/users/:id", http::Access::Admin, [&admin](http::Request& req) {
    const std::string id = http::uuid_param(req, "id", "USER_NOT_FOUND");
    return http::ok(user_json(admin.deactivate_user(req.user().user_id, id)), "User deactivated");
  });
}

}  // namespace evient::api
