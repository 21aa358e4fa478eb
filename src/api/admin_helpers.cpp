#include "api/admin_routes.hpp"
#include "core/text.hpp"
#include "core/time.hpp"

namespace evient::api::admin {
namespace json = boost::json;

std::optional<std::optional<std::string>> nullable_text(const http::JsonBody& body, const char* key,
                                                        Validator& v, std::size_t max_len,
                                                        Whitespace ws) {
  const json::value* raw = body.object().if_contains(key);
  if (!raw) return std::nullopt;
  if (raw->is_null()) return std::optional<std::string>{};
  auto s = ws == Whitespace::Keep ? body.raw_string(key, v, http::Presence::Optional, max_len)
           : ws == Whitespace::SingleLine ? body.line(key, v, http::Presence::Optional, max_len)
                                          : body.string(key, v, http::Presence::Optional, max_len);
  if (!s) return std::nullopt;  // the validator has the reason
  if (s->empty()) return std::optional<std::string>{};
  return std::optional<std::string>(*s);
}

std::optional<std::optional<std::string>> nullable_url(const http::JsonBody& body, const char* key,
                                                       Validator& v) {
  auto url = nullable_text(body, key, v, 2048);
  if (url && *url && !text::is_http_url_or_path(**url)) {
    v.add(key, "INVALID_URL",
          std::string(key) + " must be an http(s) URL or a path starting with /");
    return std::nullopt;
  }
  return url;
}

std::optional<std::optional<Timestamp>> nullable_time(const http::JsonBody& body, const char* key,
                                                      Validator& v) {
  auto raw = nullable_text(body, key, v, 64);
  if (!raw) return std::nullopt;
  if (!*raw) return std::optional<Timestamp>{};
  auto t = parse_iso(**raw);
  if (!t) {
    v.add(key, "INVALID_TIME", std::string(key) + " must be an ISO-8601 time");
    return std::nullopt;
  }
  return std::optional<Timestamp>(*t);
}

std::optional<std::int64_t> bounded_integer(const http::JsonBody& body, const char* key,
                                            Validator& v, std::int64_t min, std::int64_t max) {
  auto n = body.integer(key, v, http::Presence::Optional);
  if (n && (*n < min || *n > max)) {
    v.add(key, "OUT_OF_RANGE",
          std::string(key) + " must be between " + std::to_string(min) + " and " +
              std::to_string(max));
    return std::nullopt;
  }
  return n;
}

}  // namespace evient::api::admin
