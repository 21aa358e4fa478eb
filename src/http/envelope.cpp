#include "http/envelope.hpp"

#include <charconv>

namespace evient::http {
namespace json = boost::json;

namespace {

Response make(unsigned status, json::object envelope) {
  Response r;
  r.status = status;
  r.body = json::serialize(envelope);
  return r;
}

json::object success_envelope(json::value data, std::string_view message) {
  json::object o;
  o["success"] = true;
  o["data"] = std::move(data);
  o["message"] = message.empty() ? json::value(nullptr) : json::value(json::string(message));
  o["error"] = nullptr;
  return o;
}

std::int64_t parse_positive(const Request& request, const char* name, std::int64_t fallback,
                            Validator& v) {
  const std::string* raw = request.query_param(name);
  if (!raw || raw->empty()) return fallback;
  std::int64_t n = 0;
  auto [ptr, ec] = std::from_chars(raw->data(), raw->data() + raw->size(), n);
  if (ec != std::errc() || ptr != raw->data() + raw->size() || n < 1) {
    v.add(name, "INVALID", std::string(name) + " must be a positive integer");
    return fallback;
  }
  return n;
}

}  // namespace

Response ok(json::value data, std::string_view message) {
  return make(200, success_envelope(std::move(data), message));
}

Response created(json::value data, std::string_view message) {
  return make(201, success_envelope(std::move(data), message));
}

namespace {

// `pages` repeats total_pages for the organisers' React client, which reads it.
json::object pagination(const PageRequest& page, std::int64_t total) {
  const std::int64_t pages = total == 0 ? 0 : (total + page.limit - 1) / page.limit;
  return {{"page", page.page},
          {"limit", page.limit},
          {"total", total},
          {"total_pages", pages},
          {"pages", pages}};
}

}  // namespace

Response paged(json::array items, const PageRequest& page, std::int64_t total) {
  json::object o = success_envelope(std::move(items), {});
  o["pagination"] = pagination(page, total);
  return make(200, std::move(o));
}

Response paged(json::array items, const PageRequest& page, std::int64_t total, json::object extra) {
  json::object o = success_envelope(std::move(items), {});
  o["pagination"] = pagination(page, total);
  for (auto& [key, value] : extra) o[key] = std::move(value);
  return make(200, std::move(o));
}

Response error_response(const ApiError& e) {
  json::array details;
  for (const auto& d : e.details()) {
    details.push_back({{"field", d.field}, {"code", d.code}, {"message", d.message}});
  }
  json::object error{{"code", e.code()}, {"details", std::move(details)}};
  json::object o;
  o["success"] = false;
  o["data"] = e.data();
  o["message"] = e.what();
  o["error"] = std::move(error);
  Response r = make(e.status(), std::move(o));
  if (e.status() == 401) r.headers.emplace_back("WWW-Authenticate", "Bearer");
  if (e.retry_after().count() > 0) {
    r.headers.emplace_back("Retry-After", std::to_string(e.retry_after().count()));
  }
  return r;
}

Response internal_error(std::string_view request_id) {
  ApiError e(500, "INTERNAL",
             "Something went wrong on our side (request " + std::string(request_id) + ")");
  return error_response(e);
}

PageRequest parse_page(const Request& request, std::int64_t default_limit, std::int64_t max_limit) {
  Validator v;
  PageRequest p;
  p.page = parse_positive(request, "page", 1, v);
  p.limit = std::min(parse_positive(request, "limit", default_limit, v), max_limit);
  v.throw_if_any();
  // Keep offsets far from overflow whatever page a client asks for.
  p.page = std::min<std::int64_t>(p.page, 1'000'000'000 / p.limit);
  return p;
}

}  // namespace evient::http
