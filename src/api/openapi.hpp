#pragma once
// The OpenAPI 3.1 document of every route. Its source is src/api/openapi/:
// openapi.json (info, tags, shared components) and paths/<area>.json, one file
// per area, each {"paths": {...}} and optionally {"components": {...}}. The
// build embeds the files (cmake/embed_openapi.cmake); they are merged once, at
// first use, into the document served at GET /api/openapi.json.
#include <boost/json/value.hpp>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "http/router.hpp"
#include "http/static_files.hpp"

namespace evient::api {

struct OpenApiPart {
  std::string_view name;  // relative path of the source file, for messages
  std::string_view text;  // its JSON
};

// The source files as the build embedded them (generated).
const std::vector<OpenApiPart>& embedded_openapi_parts();

// Merges `parts`: the one named "openapi.json" is the base; every other adds its
// paths and components. Throws std::runtime_error naming the file on invalid
// JSON, on a path + method or a component defined twice, or without a base.
boost::json::value assemble_openapi(const std::vector<OpenApiPart>& parts);

// The embedded parts assembled (once), and its serialised text.
const boost::json::value& openapi_document();
const std::string& openapi_text();

// GET /api/openapi.json, and GET /api/docs: the Swagger UI page of the web
// build (`web`), or a 404 saying so when the server runs without it.
void register_openapi_routes(http::Router& r, std::shared_ptr<const http::StaticFiles> web);

}  // namespace evient::api
