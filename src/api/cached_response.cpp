#include "api/cached_response.hpp"

namespace evient::api {

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

}  // namespace evient::api
