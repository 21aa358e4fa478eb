// The public catalogue: GET /api/events, /api/events/featured, /api/events/:id
#include "api/cached_response.hpp"
#include "api/routes.hpp"
#include "api/serializers.hpp"
#include "http/envelope.hpp"
#include "http/query.hpp"
#include "services/catalog_service.hpp"

namespace evient::api {
void register_event_routes(http::Router& r, CatalogService& catalog) {
  r.get("/api/events", http::Access::Public, [&catalog](http::Request& req) {
    // Validation first: only well-formed queries reach the cache.
    http::PageRequest page = http::parse_page(req);
    EventQuery q;
    q.page = page.page;
    q.limit = page.limit;
    q.category = http::query_text(req, "category");
    q.search = http::query_text(req, "search");
    const std::string* upcoming = req.query_param("upcoming");
    q.upcoming = upcoming && (*upcoming == "true" || *upcoming == "1");
    return cached_response(catalog.cache(), CatalogService::cache_key(q), [&] {
      EventPage result = catalog.list(q);
      return http::paged(to_array(result.items, event_card_json), page, result.total);
    });
  });

  r.get("/api/events/featured", http::Access::Public, [&catalog](http::Request&) {
    return cached_response(catalog.cache(), "featured",
                           [&] { return http::ok(to_array(catalog.featured(), event_card_json)); });
  });

  r.get("/api/events/:id", http::Access::Public, [&catalog](http::Request& req) {
    const std::string& id = req.param("id");
    return cached_response(catalog.cache(), "event/" + id,
                           [&] { return http::ok(event_detail_json(catalog.detail(id))); });
  });
}

}  // namespace evient::api
