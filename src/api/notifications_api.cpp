// GET /api/notifications, PUT /api/notifications/:id/read, PUT /api/notifications/read-all
#include "api/routes.hpp"
#include "api/serializers.hpp"
#include "http/envelope.hpp"
#include "services/notification_service.hpp"

namespace evient::api {

void register_notification_routes(http::Router& r, NotificationService& notifications) {
  r.get("/api/notifications", http::Access::User, [&notifications](http::Request& req) {
    http::PageRequest page = http::parse_page(req, 20, 100);
    NotificationPage result = notifications.list(req.user().user_id, page.limit, page.offset());
    return http::paged(to_array(result.items, notification_json), page, result.total,
                       {{"unread_count", result.unread}});
  });

  r.put("/api/notifications/read-all", http::Access::User, [&notifications](http::Request& req) {
    const std::int64_t marked = notifications.mark_all_read(req.user().user_id);
    return http::ok({{"marked", marked}, {"unread_count", 0}});
  });

  r.put("/api/notifications/:id/read", http::Access::User, [&notifications](http::Request& req) {
    notifications.mark_read(req.user().user_id, req.param("id"));
    return http::ok({{"id", req.param("id")}, {"is_read", true}});
  });
}

}  // namespace evient::api
