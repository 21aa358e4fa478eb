#pragma once
// The API contract (src/api/openapi/) checked against what the server really
// sends: HttpClient runs every response through ApiContract::check, so each
// integration test also proves the document true for the responses it gets.
// The schemas are JSON Schema in the subset that means the same in draft 7 and
// 2020-12 (OpenAPI 3.1's dialect); valijson (Debian's libvalijson-dev)
// validates them with draft 7 semantics. `$ref`s are resolved here, before
// valijson sees a schema, so a dangling one fails at load, naming it.
#include <boost/json/value.hpp>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace evient::test {

struct HttpResponse;

class ApiContract {
 public:
  // Indexes `document` (an OpenAPI 3.1 object) and resolves every $ref once,
  // throwing std::runtime_error for one that resolves to nothing or loops.
  // A response's schema is compiled when a response first needs it: each test
  // process pays only for the operations it calls.
  explicit ApiContract(const boost::json::value& document);
  ~ApiContract();

  // The document the server embeds, compiled once per process.
  static const ApiContract& served();

  // "" when `response` to `method target` is what the document promises, else
  // why not (the operation or status is undocumented, the content type differs,
  // or the body fails the schema: the validator's errors with their paths).
  std::string check(std::string_view method, std::string_view target,
                    const HttpResponse& response) const;

  // Compiles every response's schema now (what check() would do lazily);
  // returns how many responses there are. For the document's own test.
  std::size_t compile_all() const;

  // The path template ("/api/events/{id}") that `path` falls under, preferring
  // literal segments over parameters; nothing when none does.
  std::optional<std::string> path_template(std::string_view path) const;

 private:
  struct Compiled;
  using Responses = std::map<std::string, const boost::json::value*>;  // "200", "default"

  const Compiled& compiled(const std::string& key, const boost::json::value& response) const;

  boost::json::value document_;
  std::map<std::string, std::map<std::string, Responses>> paths_;  // template -> method -> ...
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::unique_ptr<Compiled>> compiled_;  // "get /x 200" -> schema
};

// {"$ref": "#/..."} replaced by what it points at, recursively, in all of `schema`.
// Throws std::runtime_error when a reference is missing, external, or loops.
boost::json::value resolve_refs(const boost::json::value& schema, const boost::json::value& root);

}  // namespace evient::test
