#include "api/routes.hpp"
#include "core/errors.hpp"
#include "core/outage.hpp"
#include "http/envelope.hpp"

namespace evient::api {
namespace {

struct NotReady : ApiError {
  explicit NotReady(std::string message) : ApiError(503, "NOT_READY", std::move(message)) {
    set_retry_after(std::chrono::seconds(5));
  }
};

}  // namespace

void register_health_routes(http::Router& r, std::function<bool()> database_ready) {
  // Liveness: the process answers.
  r.get("/healthz", http::Access::Public, [](http::Request&) {
    return http::ok({{"status", "ok"}});
  });
  // Readiness: the database answers too, and no request found it out (a full
  // disk still answers a ping) in the last seconds; a load balancer stops
  // sending traffic otherwise. Both clear by themselves once it is back.
  r.get("/readyz", http::Access::Public, [ready = std::move(database_ready)](http::Request&) {
    if (!ready()) throw NotReady("Database is not reachable");
    if (outage::seen_within(std::chrono::seconds(5))) {
      throw NotReady("Database failed a request in the last seconds");
    }
    return http::ok({{"status", "ready"}});
  });
}

}  // namespace evient::api
