// The OpenAPI document's own rules (assembly of the area files, references,
// completeness of each operation) and the checker HttpClient runs on every
// response (templates, statuses, schemas through valijson, $ref resolution).
#include "support/api_contract.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "api/openapi.hpp"
#include "support/http_client.hpp"

namespace evient::test {
namespace {
namespace json = boost::json;

HttpResponse response(unsigned status, std::string body,
                      std::string content_type = "application/json") {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers["content-type"] = std::move(content_type);
  return r;
}

// A small document in the shape of ours: one schema reached through two refs.
const char* kDocument = R"({
  "openapi": "3.1.0",
  "paths": {
    "/api/things/{id}": {"get": {"responses": {
      "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
      "404": {"$ref": "#/components/responses/NotFound"}}}},
    "/api/things/latest": {"get": {"responses": {
      "200": {"description": "OK", "content": {"text/csv": {"schema": {"type": "string"}}}}}}},
    "/api/things/{id}/picture": {"get": {"responses": {
      "200": {"description": "OK", "content": {"image/*": {"schema": {"type": "string"}}}}}}}
  },
  "components": {
    "responses": {"NotFound": {"description": "x", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}},
    "schemas": {
      "Thing": {"type": "object", "required": ["id", "size"], "additionalProperties": false,
                "properties": {"id": {"type": "string"}, "size": {"$ref": "#/components/schemas/Size"}, "note": {"type": ["string", "null"]}}},
      "Size": {"type": "integer", "minimum": 1},
      "Error": {"type": "object", "required": ["success", "error"], "properties": {"success": {"const": false}}}
    }
  }
})";

TEST(ApiContractTest, RefsAreResolvedAndEnforced) {
  ApiContract contract(json::parse(kDocument));
  EXPECT_EQ(contract.check("GET", "/api/things/7", response(200, R"({"id":"7","size":3})")), "");
  EXPECT_EQ(
      contract.check("GET", "/api/things/7", response(200, R"({"id":"7","size":3,"note":null})")),
      "");
  // Size is a $ref: its minimum applies.
  EXPECT_NE(contract.check("GET", "/api/things/7", response(200, R"({"id":"7","size":0})")), "");
  EXPECT_NE(contract.check("GET", "/api/things/7", response(200, R"({"id":"7"})")), "");
  EXPECT_NE(contract.check("GET", "/api/things/7", response(200, R"({"id":7,"size":1})")), "");
  EXPECT_NE(
      contract.check("GET", "/api/things/7", response(200, R"({"id":"7","size":1,"extra":1})")),
      "");
  // A response reached through components/responses, whose schema is a $ref too.
  EXPECT_EQ(contract.check("GET", "/api/things/7",
                           response(404, R"({"success":false,"error":{"code":"X"}})")),
            "");
  EXPECT_NE(contract.check("GET", "/api/things/7",
                           response(404, R"({"success":true,"error":{"code":"X"}})")),
            "");
}

TEST(ApiContractTest, UndocumentedStatusesAndOperationsFail) {
  ApiContract contract(json::parse(kDocument));
  const std::string why =
      contract.check("GET", "/api/things/7", response(409, R"({"success":false,"error":{}})"));
  EXPECT_NE(why.find("409"), std::string::npos) << why;
  // No such operation: a success is a contract breach.
  EXPECT_NE(contract.check("POST", "/api/things/7", response(200, "{}")), "");
  EXPECT_NE(contract.check("GET", "/api/nothing", response(200, "{}")), "");
  // ... but the web app's pages are not the API's.
  EXPECT_EQ(contract.check("GET", "/events/some-slug", response(200, "<html>", "text/html")), "");
}

TEST(ApiContractTest, NonJsonResponsesAreCheckedForTheirContentType) {
  ApiContract contract(json::parse(kDocument));
  EXPECT_EQ(contract.check("GET", "/api/things/latest",
                           response(200, "a,b\n", "text/csv; charset=utf-8")),
            "");
  EXPECT_NE(contract.check("GET", "/api/things/latest", response(200, "{}")), "");
  EXPECT_EQ(contract.check("GET", "/api/things/7/picture", response(200, "PNG", "image/png")), "");
  EXPECT_NE(contract.check("GET", "/api/things/7/picture", response(200, "{}")), "");
}

TEST(ApiContractTest, LiteralSegmentsWinOverParameters) {
  ApiContract contract(json::parse(kDocument));
  EXPECT_EQ(contract.path_template("/api/things/latest"), "/api/things/latest");
  EXPECT_EQ(contract.path_template("/api/things/42"), "/api/things/{id}");
  EXPECT_EQ(contract.path_template("/api/things"), std::nullopt);
  EXPECT_EQ(contract.path_template("/api/things/42/more"), std::nullopt);
}

TEST(ApiContractTest, DanglingOrLoopingRefsFailAtLoad) {
  json::value doc = json::parse(kDocument);
  doc.at("components").at("schemas").as_object().erase("Size");
  EXPECT_THROW(ApiContract{doc}, std::runtime_error);
  json::value loop = json::parse(kDocument);
  loop.at("components").at("schemas").at("Size") = {{"$ref", "#/components/schemas/Size"}};
  EXPECT_THROW(ApiContract{loop}, std::runtime_error);
}

TEST(ApiContractTest, AssemblyRefusesDuplicatesAndStrayKeys) {
  const std::string base = R"({"openapi":"3.1.0","paths":{},"components":{"schemas":{"A":{}}}})";
  const std::string a = R"({"paths":{"/x":{"get":{"responses":{}}}}})";
  const std::string b = R"({"paths":{"/x":{"post":{"responses":{}}}}})";
  const json::value ok =
      api::assemble_openapi({{"openapi.json", base}, {"a.json", a}, {"b.json", b}});
  EXPECT_EQ(ok.at("paths").at("/x").as_object().size(), 2u);  // one path, two areas
  EXPECT_THROW(api::assemble_openapi({{"openapi.json", base}, {"a.json", a}, {"c.json", a}}),
               std::runtime_error);
  EXPECT_THROW(api::assemble_openapi(
                   {{"openapi.json", base}, {"d.json", R"({"components":{"schemas":{"A":{}}}})"}}),
               std::runtime_error);
  EXPECT_THROW(api::assemble_openapi({{"openapi.json", base}, {"e.json", R"({"info":{}})"}}),
               std::runtime_error);
  EXPECT_THROW(api::assemble_openapi({{"openapi.json", base}, {"f.json", "{"}}),
               std::runtime_error);
  EXPECT_THROW(api::assemble_openapi({{"a.json", a}}), std::runtime_error);
}

TEST(ApiContractTest, TheServedDocumentCompilesAndEveryOperationIsComplete) {
  const json::value& doc = api::openapi_document();
  EXPECT_EQ(doc.at("openapi"), "3.1.0");
  // Every $ref resolves and every response's schema compiles.
  EXPECT_GT(ApiContract::served().compile_all(), 300u);
  std::set<std::string> operation_ids;
  std::set<std::string> tags;
  for (const auto& t : doc.at("tags").as_array())
    tags.insert(std::string(t.at("name").as_string()));
  for (const auto& [path, item] : doc.at("paths").as_object()) {
    for (const auto& [method, raw] : item.as_object()) {
      const std::string at = std::string(method) + " " + std::string(path);
      const json::object& op = raw.as_object();
      EXPECT_TRUE(op.contains("summary")) << at;
      ASSERT_TRUE(op.contains("operationId")) << at;
      EXPECT_TRUE(operation_ids.insert(std::string(op.at("operationId").as_string())).second)
          << at << ": operationId used twice";
      ASSERT_TRUE(op.contains("tags")) << at;
      for (const auto& t : op.at("tags").as_array()) {
        EXPECT_TRUE(tags.contains(std::string(t.as_string()))) << at << ": undeclared tag " << t;
      }
      const json::object& responses = op.at("responses").as_object();
      EXPECT_TRUE(responses.contains("default")) << at << ": no default (error) response";
      bool success = false;
      for (const auto& [status, r] : responses) success = success || status.starts_with("2");
      EXPECT_TRUE(success) << at << ": no success response";
      // Each {name} in the path is a declared path parameter, and no more.
      std::set<std::string> in_path;
      for (std::size_t i = path.find('{'); i != std::string::npos; i = path.find('{', i + 1)) {
        in_path.insert(std::string(path.substr(i + 1, path.find('}', i) - i - 1)));
      }
      std::set<std::string> declared;
      if (const auto* params = op.if_contains("parameters")) {
        for (const auto& p : params->as_array()) {
          if (p.at("in") == "path") declared.insert(std::string(p.at("name").as_string()));
        }
      }
      EXPECT_EQ(in_path, declared) << at;
    }
  }
  EXPECT_GT(operation_ids.size(), 60u);
}

}  // namespace
}  // namespace evient::test
