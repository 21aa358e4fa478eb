// GET /api/banners: what the home page carousel shows.
#include "api/cached_response.hpp"
#include "api/routes.hpp"
#include "api/serializers.hpp"
#include "http/envelope.hpp"
#include "services/catalog_service.hpp"

namespace evient::api {

void register_banner_routes(http::Router& r, Services& s) {
  r.get("/api/banners", http::Access::Public, [&s](http::Request&) {
    return cached_response(s.catalog->cache(), "banners",
                           [&] { return http::ok(to_array(s.catalog->banners(), banner_json)); });
  });
}

}  // namespace evient::api
