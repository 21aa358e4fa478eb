// GET /api/banners (and /api/banners/public): what the home page carousel shows.
#include "api/cached_response.hpp"
#include "api/routes.hpp"
#include "api/serializers.hpp"
#include "http/envelope.hpp"
#include "services/catalog_service.hpp"

namespace evient::api {

void register_banner_routes(http::Router& r, CatalogService& catalog) {
  // The home page's banners: active, placed on the home page, by priority.
  // /api/banners/public is the same list under the React client's path.
  for (const char* path : {"/api/banners", "/api/banners/public"}) {
    r.get(
        path, http::Access::Public,
        [&catalog](http::Request&) {
          return cached_response(catalog.cache(), "banners", [&] {
            return http::ok(to_array(catalog.banners(), banner_json));
          });
        },
        [&catalog](http::Request&) { return peek_cached(catalog.cache(), "banners"); });
  }
}

}  // namespace evient::api
