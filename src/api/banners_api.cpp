// GET /api/banners: what the home page carousel shows.
#include "api/cached_response.hpp"
#include "api/routes.hpp"
#include "api/serializers.hpp"
#include "http/envelope.hpp"
#include "services/catalog_service.hpp"

namespace evient::api {

void register_banner_routes(http::Router& r, CatalogService& catalog) {
  r.get("/api/banners", http::Access::Public, [&catalog](http::Request&) {
    return cached_response(catalog.cache(), "banners",
                           [&] { return http::ok(to_array(catalog.banners(), banner_json)); });
  });
}

}  // namespace evient::api
