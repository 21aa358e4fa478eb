#include "api/routes.hpp"
#include "core/errors.hpp"
#include "http/envelope.hpp"

namespace evient::api {

void register_health_routes(http::Router& r, std::function<bool()> database_ready) {
  // Liveness: the process answers.
  r.get("/healthz", http::Access::Public, [](http::Request&) {
    return http::ok({{"status", "ok"}});
  });
  // Readiness: the database answers too; a load balancer stops sending traffic otherwise.
  r.get("/readyz", http::Access::Public, [ready = std::move(database_ready)](http::Request&) {
    if (!ready()) throw ApiError(503, "NOT_READY", "Database is not reachable");
    return http::ok({{"status", "ready"}});
  });
}

}  // namespace evient::api
