#pragma once
// Serves a catalogue response from CatalogCache, building it with `build` on a
// miss. `build` must return a 200 with the default content type and no extra
// headers (what http::ok / http::paged make); errors are thrown, never cached.
// The response says X-Cache: hit|miss.
#include <functional>
#include <string>

#include "http/message.hpp"
#include "services/catalog_cache.hpp"

namespace evient::api {

http::Response cached_response(CatalogCache& cache, const std::string& key,
                               const std::function<http::Response()>& build);

}  // namespace evient::api
