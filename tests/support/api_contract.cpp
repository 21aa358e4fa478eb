#include "support/api_contract.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <cstdlib>
#include <stdexcept>
#include <valijson/adapters/boost_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "api/openapi.hpp"
#include "support/http_client.hpp"

namespace evient::test {
namespace json = boost::json;
namespace {

// Statuses any route may answer without listing them (the pipeline's and the
// server's own: bad target text, wrong method, body too large, wrong media
// type, headers too large, a bug, the database out): the operation's `default`.
bool generic_status(unsigned status) {
  return status == 400 || status == 405 || status == 413 || status == 415 || status == 431 ||
         status == 500 || status == 503;
}

// Paths the server answers itself; any other is the web app's (not in the contract).
bool server_path(std::string_view path) {
  return path == "/api" || path.starts_with("/api/") || path == "/healthz" || path == "/readyz" ||
         path == "/metrics";
}

// With EVIENT_CONTRACT_COVERAGE=<file>, each checked operation and status is
// appended there as a line ("get /api/events/{id} 200"): which parts of the
// contract the suite exercises. One write per line, so parallel test
// processes do not interleave.
void note_coverage(const std::string& line) {
  static const char* const kFile = std::getenv("EVIENT_CONTRACT_COVERAGE");
  if (!kFile || !*kFile) return;
  const int fd = ::open(kFile, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return;
  const std::string text = line + "\n";
  [[maybe_unused]] const auto written = ::write(fd, text.data(), text.size());
  ::close(fd);
}

std::vector<std::string_view> split(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 1;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A JSON pointer ("#/components/schemas/User") into `root`.
const json::value& follow(const json::value& root, std::string_view ref) {
  if (!ref.starts_with("#/")) throw std::runtime_error("unsupported $ref " + std::string(ref));
  boost::system::error_code ec;
  const json::value* target = root.find_pointer(ref.substr(1), ec);
  if (!target) throw std::runtime_error("$ref " + std::string(ref) + " resolves to nothing");
  return *target;
}

json::value resolve(const json::value& v, const json::value& root, int depth) {
  if (depth > 64) throw std::runtime_error("$ref chain too deep (a cycle?)");
  if (v.is_array()) {
    json::array out;
    for (const auto& item : v.as_array()) out.push_back(resolve(item, root, depth + 1));
    return out;
  }
  if (!v.is_object()) return v;
  const json::object& o = v.as_object();
  if (const auto* ref = o.if_contains("$ref"); ref && ref->is_string()) {
    return resolve(follow(root, ref->as_string()), root, depth + 1);
  }
  json::object out;
  for (const auto& [key, value] : o) out[key] = resolve(value, root, depth + 1);
  return out;
}

std::string describe(const valijson::ValidationResults& results) {
  std::string out;
  for (const auto& error : results) {
    std::string at;
    for (const auto& part : error.context) at += part;
    out += "\n    at " + at + ": " + error.description;
  }
  return out;
}

}  // namespace

json::value resolve_refs(const json::value& schema, const json::value& root) {
  return resolve(schema, root, 0);
}

struct ApiContract::Compiled {
  std::string media_type;  // "application/json", "text/csv", ...
  valijson::Schema schema;
  bool has_schema = false;

  Compiled(std::string media, const json::value* resolved) : media_type(std::move(media)) {
    if (!resolved || media_type != "application/json") return;
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::BoostJsonAdapter adapter(*resolved);
    parser.populateSchema(adapter, schema);
    has_schema = true;
  }

  std::string validate(const HttpResponse& response) const {
    std::string type = response.header("content-type");
    type = lower(type.substr(0, type.find(';')));
    while (!type.empty() && type.back() == ' ') type.pop_back();
    // "image/*" documents any image type (an uploaded file served as it is).
    const bool matches = media_type.ends_with("/*")
                             ? type.starts_with(media_type.substr(0, media_type.size() - 1))
                             : type == media_type;
    if (!matches) {
      return "content type " + (type.empty() ? std::string("(none)") : type) + ", documented " +
             media_type;
    }
    if (!has_schema) return {};
    boost::system::error_code ec;
    json::value body = json::parse(response.body, ec);
    if (ec) return "body is not JSON: " + ec.message();
    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::BoostJsonAdapter adapter(body);
    if (validator.validate(schema, adapter, &results)) return {};
    return "body does not match the schema:" + describe(results);
  }
};

ApiContract::ApiContract(const json::value& document) : document_(document) {
  // Every reference resolves, and none loops (each shared schema once).
  if (const auto* components = document_.as_object().if_contains("components")) {
    for (const auto& [section, entries] : components->as_object()) {
      for (const auto& [name, entry] : entries.as_object()) resolve_refs(entry, document_);
    }
  }
  for (const auto& [path, item] : document_.at("paths").as_object()) {
    auto& methods = paths_[std::string(path)];
    for (const auto& [method, op] : item.as_object()) {
      if (!op.is_object() || !op.as_object().contains("responses")) continue;  // e.g. parameters
      Responses& responses = methods[lower(method)];
      for (const auto& [status, raw] : op.at("responses").as_object()) {
        resolve_refs(raw, document_);
        responses[std::string(status)] = &raw;
      }
    }
  }
}

const ApiContract::Compiled& ApiContract::compiled(const std::string& key,
                                                   const json::value& raw) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = compiled_.find(key);
  if (it != compiled_.end()) return *it->second;
  const json::value response = resolve_refs(raw, document_);
  std::unique_ptr<Compiled> c;
  const json::object* content = nullptr;
  if (const auto* found = response.as_object().if_contains("content")) {
    content = &found->as_object();
  }
  if (!content || content->empty()) {
    c = std::make_unique<Compiled>("", nullptr);
  } else {
    // One media type per response: the server sends one.
    const auto& [media, entry] = *content->begin();
    c = std::make_unique<Compiled>(std::string(media), entry.as_object().if_contains("schema"));
  }
  return *compiled_.emplace(key, std::move(c)).first->second;
}

ApiContract::~ApiContract() = default;

const ApiContract& ApiContract::served() {
  static const ApiContract kContract(api::openapi_document());
  return kContract;
}

std::size_t ApiContract::compile_all() const {
  std::size_t n = 0;
  for (const auto& [tmpl, methods] : paths_) {
    for (const auto& [verb, responses] : methods) {
      for (const auto& [status, raw] : responses) {
        compiled(verb + " " + tmpl + " " + status, *raw);
        ++n;
      }
    }
  }
  return n;
}

std::optional<std::string> ApiContract::path_template(std::string_view path) const {
  const auto segments = split(path);
  std::optional<std::string> best;
  std::size_t best_literals = 0;
  for (const auto& [tmpl, methods] : paths_) {
    const auto parts = split(tmpl);
    if (parts.size() != segments.size()) continue;
    std::size_t literals = 0;
    bool ok = true;
    for (std::size_t i = 0; ok && i < parts.size(); ++i) {
      if (parts[i].starts_with('{') && parts[i].ends_with('}')) {
        ok = !segments[i].empty();
      } else if (parts[i] == segments[i]) {
        ++literals;
      } else {
        ok = false;
      }
    }
    if (ok && (!best || literals > best_literals)) {
      best = tmpl;
      best_literals = literals;
    }
  }
  return best;
}

std::string ApiContract::check(std::string_view method, std::string_view target,
                               const HttpResponse& response) const {
  const std::string verb = lower(method);
  if (verb == "head" || verb == "options") return {};  // no body; CORS preflight
  std::string_view path = target.substr(0, target.find('?'));
  if (!server_path(path)) return {};
  // Revalidation of a cached response carries no body.
  if (response.status == 304) return {};
  const auto tmpl = path_template(path);
  const auto methods = tmpl ? paths_.find(*tmpl) : paths_.end();
  const Responses* op = nullptr;
  if (methods != paths_.end()) {
    auto it = methods->second.find(verb);
    if (it != methods->second.end()) op = &it->second;
  }
  if (!op) {
    // Nothing documented answers this: only an error envelope may come back
    // (ROUTE_NOT_FOUND, METHOD_NOT_ALLOWED, or what the server refuses first).
    if (response.status < 400) {
      return "status " + std::to_string(response.status) + " for an undocumented operation";
    }
    static const json::value kError = json::parse(
        R"({"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}})");
    return compiled("error", kError).validate(response);
  }
  const std::string status = std::to_string(response.status);
  auto it = op->find(status);
  if (it == op->end() && generic_status(response.status)) it = op->find("default");
  if (it == op->end()) {
    return "status " + status + " is not documented for " + verb + " " + *tmpl;
  }
  const std::string key = verb + " " + *tmpl + " " + it->first;
  note_coverage(verb + " " + *tmpl + " " + status);
  std::string why = compiled(key, *it->second).validate(response);
  if (!why.empty()) why = "(" + lower(method) + " " + *tmpl + " " + it->first + ") " + why;
  return why;
}

}  // namespace evient::test
