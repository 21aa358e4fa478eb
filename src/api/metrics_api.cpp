// GET /metrics: the Prometheus text format (core/metrics.hpp). With a token
// configured (EVIENT_METRICS_TOKEN) it needs `Authorization: Bearer <token>`;
// without one it answers loopback clients only, so an instance reachable from
// the internet does not publish its traffic by default.
#include "api/routes.hpp"
#include "core/crypto.hpp"
#include "core/errors.hpp"
#include "core/metrics.hpp"

namespace evient::api {
namespace {

bool is_loopback(std::string_view address) {
  if (address.starts_with("::ffff:")) address.remove_prefix(7);
  return address.starts_with("127.") || address == "::1";
}

}  // namespace

void register_metrics_routes(http::Router& r, std::string token) {
  r.get("/metrics", http::Access::Public, [token = std::move(token)](http::Request& req) {
    if (token.empty()) {
      if (!is_loopback(req.remote_address)) {
        throw Forbidden("Metrics are served to this machine only; set EVIENT_METRICS_TOKEN",
                        "FORBIDDEN");
      }
    } else if (!crypto::constant_time_equal(http::bearer_token(req), token)) {
      throw Unauthorized("Wrong metrics token", "INVALID_TOKEN");
    }
    http::Response res;
    res.content_type = "text/plain; version=0.0.4; charset=utf-8";
    res.body = metrics::registry().render();
    res.headers.emplace_back("Cache-Control", "no-store");
    return res;
  });
}

}  // namespace evient::api
