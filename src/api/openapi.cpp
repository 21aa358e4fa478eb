#include "api/openapi.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <stdexcept>

#include "core/errors.hpp"

namespace evient::api {
namespace json = boost::json;
namespace {

// The page the web build makes (web/public/api-docs/index.html).
constexpr std::string_view kDocsPage = "/api-docs/index.html";

json::object parse_part(const OpenApiPart& part) {
  boost::system::error_code ec;
  json::value v = json::parse(part.text, ec);
  if (ec)
    throw std::runtime_error("OpenAPI source " + std::string(part.name) + ": " + ec.message());
  if (!v.is_object()) {
    throw std::runtime_error("OpenAPI source " + std::string(part.name) + " is not an object");
  }
  return std::move(v.as_object());
}

json::object& object_member(json::object& o, std::string_view key) {
  json::value& v = o[key];
  if (v.is_null()) v = json::object();
  if (!v.is_object())
    throw std::runtime_error("OpenAPI: " + std::string(key) + " is not an object");
  return v.as_object();
}

// Adds `from`'s members to `into`; a member already there is an error, so two
// area files can never silently override each other.
void merge_unique(json::object& into, const json::object& from, const std::string& where,
                  std::string_view file) {
  for (const auto& [key, value] : from) {
    if (into.contains(key)) {
      throw std::runtime_error("OpenAPI source " + std::string(file) + ": " + where + " " +
                               std::string(key) + " is defined twice");
    }
    into[key] = value;
  }
}

}  // namespace

json::value assemble_openapi(const std::vector<OpenApiPart>& parts) {
  json::object document;
  bool have_base = false;
  for (const auto& part : parts) {
    if (part.name == "openapi.json") {
      document = parse_part(part);
      have_base = true;
    }
  }
  if (!have_base) throw std::runtime_error("OpenAPI source openapi.json is missing");
  for (const auto& part : parts) {
    if (part.name == "openapi.json") continue;
    json::object area = parse_part(part);
    for (const auto& [key, value] : area) {
      if (key != "paths" && key != "components") {
        throw std::runtime_error("OpenAPI source " + std::string(part.name) +
                                 ": only paths and components belong in an area file, not " +
                                 std::string(key));
      }
      if (!value.is_object()) {
        throw std::runtime_error("OpenAPI source " + std::string(part.name) + ": " +
                                 std::string(key) + " is not an object");
      }
    }
    if (const auto* paths = area.if_contains("paths")) {
      json::object& into = object_member(document, "paths");
      for (const auto& [path, operations] : paths->as_object()) {
        if (!operations.is_object()) {
          throw std::runtime_error("OpenAPI source " + std::string(part.name) + ": path " +
                                   std::string(path) + " is not an object");
        }
        // A path may be shared by two areas (different methods), never a method.
        merge_unique(object_member(into, path), operations.as_object(),
                     "operation of " + std::string(path), part.name);
      }
    }
    if (const auto* components = area.if_contains("components")) {
      json::object& into = object_member(document, "components");
      for (const auto& [section, entries] : components->as_object()) {
        if (!entries.is_object()) {
          throw std::runtime_error("OpenAPI source " + std::string(part.name) + ": components." +
                                   std::string(section) + " is not an object");
        }
        merge_unique(object_member(into, section), entries.as_object(),
                     "components." + std::string(section), part.name);
      }
    }
  }
  return document;
}

const json::value& openapi_document() {
  static const json::value kDocument = assemble_openapi(embedded_openapi_parts());
  return kDocument;
}

const std::string& openapi_text() {
  static const std::string kText = json::serialize(openapi_document());
  return kText;
}

void register_openapi_routes(http::Router& r, std::shared_ptr<const http::StaticFiles> web) {
  r.get("/api/openapi.json", http::Access::Public, [](http::Request&) {
    http::Response res;
    res.content_type = "application/json";
    res.body = openapi_text();
    return res;
  });
  r.get("/api/docs", http::Access::Public, [web = std::move(web)](http::Request& req) {
    if (web) {
      if (auto page = web->serve_file(req, kDocsPage)) return std::move(*page);
    }
    throw NotFound(
        "The API documentation page is part of the web build, which this server runs without; "
        "the document itself is at /api/openapi.json",
        "NOT_FOUND");
  });
}

}  // namespace evient::api
