// GET /api/admin/stats[?event_id=]: the dashboard, or one event's numbers.
#include "api/admin_routes.hpp"
#include "api/admin_serializers.hpp"
#include "api/serializers.hpp"
#include "http/envelope.hpp"
#include "http/query.hpp"
#include "services/stats_service.hpp"

namespace evient::api {
void register_admin_stats_routes(http::Router& r, StatsService& stats) {
  r.get("/api/admin/stats", http::Access::Admin, [&stats](http::Request& req) {
    if (auto event_id = http::query_uuid(req, "event_id")) {
      return http::ok(event_stats_json(stats.for_event(*event_id)));
    }
    return http::ok(dashboard_json(stats.dashboard()));
  });
}

}  // namespace evient::api
