// Admin banners: GET/POST /api/admin/banners, PUT/DELETE /api/admin/banners/:id.
// The organisers' React client writes through POST /api/banners and PUT/DELETE
// /api/banners/:id (the same handlers) and PATCH /api/banners/:id/toggle; its
// GET /api/banners stays the public list (banners_api.cpp).
#include <charconv>

#include "api/admin_routes.hpp"
#include "api/serializers.hpp"
#include "core/crypto.hpp"
#include "http/envelope.hpp"
#include "services/admin_service.hpp"

namespace evient::api {
namespace {

constexpr std::int64_t kMaxPriority = 1'000'000;

}  // namespace

namespace admin {

std::int64_t banner_id(const http::Request& req) {
  const std::string& raw = req.param("id");
  std::int64_t id = 0;
  auto [ptr, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), id);
  if (ec != std::errc() || ptr != raw.data() + raw.size() || id < 1) {
    throw NotFound("Banner not found", "BANNER_NOT_FOUND");
  }
  return id;
}

BannerInput parse_banner(const http::JsonBody& body) {
  Validator v;
  BannerInput in;
  in.title = admin::nullable_text(body, "title", v, 200, admin::Whitespace::SingleLine);
  in.image_url = admin::nullable_url(body, "image_url", v);
  in.link_url = admin::nullable_url(body, "link_url", v);
  in.event_id = admin::nullable_text(body, "event_id", v, 64);
  if (in.event_id && *in.event_id && !crypto::is_uuid(**in.event_id)) {
    v.add("event_id", "INVALID", "event_id must be a UUID");
  }
  // `order` is the React client's name for it; `priority` wins when both come.
  const char* priority =
      body.object().contains("priority") || !body.object().contains("order") ? "priority" : "order";
  in.priority = admin::bounded_integer(body, priority, v, -kMaxPriority, kMaxPriority);
  in.is_active = body.boolean("is_active", v, http::Presence::Optional);
  in.is_homepage = body.boolean("is_homepage", v, http::Presence::Optional);
  v.throw_if_any();
  return in;
}

}  // namespace admin

using admin::banner_id;
using admin::parse_banner;

void register_admin_banner_routes(http::Router& r, AdminService& admin) {
  r.get("/api/admin/banners", http::Access::Admin, [&admin](http::Request& req) {
    const http::PageRequest page = http::parse_page(req, 20);
    BannerPage result = admin.banners(page.limit, page.offset());
    return http::paged(to_array(result.items, banner_json), page, result.total);
  });

  for (const std::string base : {"/api/admin/banners", "/api/banners"}) {
    r.post(base, http::Access::Admin, [&admin](http::Request& req) {
      http::JsonBody body(req);
      BannerInput in = parse_banner(body);
      if (!in.image_url || !*in.image_url) {
        throw ValidationError("image_url", "REQUIRED", "image_url is required");
      }
      return http::created(banner_json(admin.create_banner(req.user().user_id, in)),
                           "Banner created");
    });

    r.put(base + "/:id", http::Access::Admin, [&admin](http::Request& req) {
      const std::int64_t id = banner_id(req);
      http::JsonBody body(req);
      return http::ok(banner_json(admin.update_banner(req.user().user_id, id, parse_banner(body))),
                      "Banner updated");
    });

    r.del(base + "/:id", http::Access::Admin, [&admin](http::Request& req) {
      admin.remove_banner(req.user().user_id, banner_id(req));
      return http::ok(nullptr, "Banner deleted");
    });
  }

  r.patch("/api/banners/:id/toggle", http::Access::Admin, [&admin](http::Request& req) {
    return http::ok(banner_json(admin.toggle_banner(req.user().user_id, banner_id(req))),
                    "Banner updated");
  });
}

}  // namespace evient::api
