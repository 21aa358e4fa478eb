#include "api/routes.hpp"
#include "core/errors.hpp"
#include "http/envelope.hpp"

namespace evient::api {

void register_health_routes(http::Router& r, Services& s) {
  // Liveness: the process answers.
  r.get("/healthz", http::Access::Public, [](http::Request&) {
    return http::ok({{"status", "ok"}});
  });
  // Readiness: the database answers too; a load balancer stops sending traffic otherwise.
  r.get("/readyz", http::Access::Public, [&s](http::Request&) {
    if (!s.db.ping()) throw ApiError(503, "NOT_READY", "Database is not reachable");
    return http::ok({{"status", "ready"}});
  });
}

}  // namespace evient::api
