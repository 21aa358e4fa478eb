// The public catalogue: GET /api/events, /api/events/featured, /api/events/:id
#include "api/cached_response.hpp"
#include "api/routes.hpp"
#include "api/serializers.hpp"
#include "http/envelope.hpp"
#include "services/catalog_service.hpp"

namespace evient::api {
namespace json = boost::json;

namespace {

std::optional<std::string> query_text(const http::Request& req, const char* name) {
  const std::string* v = req.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  if (v->size() > 200) throw ValidationError(name, "TOO_LONG", std::string(name) + " is too long");
  return *v;
}

}  // namespace

http::Response cached_response(CatalogCache& cache, const std::string& key,
                               const std::function<http::Response()>& build) {
  CatalogCache::Lookup found = cache.get_or_fill(key, [&] {
    http::Response fresh = build();
    return std::move(fresh.body);
  });
  http::Response r;
  r.body = *found.body;
  r.headers.emplace_back("X-Cache", found.hit ? "hit" : "miss");
  return r;
}

void register_event_routes(http::Router& r, Services& s) {
  s.catalog->cache().set_ttl(s.config.cache_ttl);

  r.get("/api/events", http::Access::Public, [&s](http::Request& req) {
    // Validation first: only well-formed queries reach the cache.
    http::PageRequest page = http::parse_page(req);
    EventQuery q;
    q.page = page.page;
    q.limit = page.limit;
    q.category = query_text(req, "category");
    q.search = query_text(req, "search");
    const std::string* upcoming = req.query_param("upcoming");
    q.upcoming = upcoming && (*upcoming == "true" || *upcoming == "1");
    return cached_response(s.catalog->cache(), CatalogService::cache_key(q), [&] {
      EventPage result = s.catalog->list(q);
      return http::paged(to_array(result.items, event_card_json), page, result.total);
    });
  });

  r.get("/api/events/featured", http::Access::Public, [&s](http::Request&) {
    return cached_response(s.catalog->cache(), "featured", [&] {
      return http::ok(to_array(s.catalog->featured(), event_card_json));
    });
  });

  r.get("/api/events/:id", http::Access::Public, [&s](http::Request& req) {
    const std::string& id = req.param("id");
    return cached_response(s.catalog->cache(), "event/" + id, [&] {
      EventDetail d = s.catalog->detail(id);
      json::object o = event_json(d.event);
      o["ticket_types"] = to_array(d.ticket_types, ticket_type_json);
      o["currency"] = currency().code;
      return http::ok(std::move(o));
    });
  });
}

}  // namespace evient::api
