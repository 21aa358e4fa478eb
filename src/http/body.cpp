#include "http/body.hpp"

#include "core/text.hpp"
#include "http/media_type.hpp"

namespace evient::http {
namespace json = boost::json;

namespace {

bool has_nul(std::string_view s) {
  return s.find('\0') != std::string_view::npos;
}

// Depth is bounded by parse_options::max_depth.
bool contains_nul(const json::value& v) {
  if (v.is_string()) return has_nul(v.get_string());
  if (v.is_array()) {
    for (const auto& item : v.get_array()) {
      if (contains_nul(item)) return true;
    }
  } else if (v.is_object()) {
    for (const auto& [key, item] : v.get_object()) {
      if (has_nul(key) || contains_nul(item)) return true;
    }
  }
  return false;
}

}  // namespace

json::value parse_json(std::string_view body) {
  boost::system::error_code ec;
  json::parse_options opts;
  opts.max_depth = 32;
  json::value v = json::parse(body, ec, {}, opts);
  if (ec) throw BadRequest("Request body is not valid JSON", "INVALID_JSON");
  if (contains_nul(v)) {
    throw BadRequest("Request body must not contain NUL characters", "INVALID_JSON");
  }
  return v;
}

bool check_single_line(std::string_view key, std::string_view value, Validator& v) {
  if (text::is_single_line(value)) return true;
  const std::string name(key);
  v.add(name, "INVALID_CHARACTERS", name + " must be one line without control characters");
  return false;
}

JsonBody::JsonBody(const Request& request) {
  check_json_media_type(request);
  if (request.body.empty()) throw BadRequest("Request body is required", "INVALID_JSON");
  json::value v = parse_json(request.body);
  if (!v.is_object()) throw BadRequest("Request body must be a JSON object", "INVALID_JSON");
  object_ = std::move(v.as_object());
}

const json::value* JsonBody::get(std::string_view key) const {
  auto it = object_.find(key);
  if (it == object_.end() || it->value().is_null()) return nullptr;
  return &it->value();
}

bool JsonBody::has(std::string_view key) const {
  return get(key) != nullptr;
}

std::optional<std::string> JsonBody::raw_string(std::string_view key, Validator& v,
                                                Presence presence, std::size_t max_len) const {
  const json::value* val = get(key);
  const std::string name(key);
  if (!val) {
    if (presence == Presence::Required) v.add(name, "REQUIRED", name + " is required");
    return std::nullopt;
  }
  if (!val->is_string()) {
    v.add(name, "INVALID_TYPE", name + " must be a string");
    return std::nullopt;
  }
  std::string s(val->as_string());
  if (!text::is_valid_utf8(s)) {
    v.add(name, "INVALID", name + " must be valid UTF-8");
    return std::nullopt;
  }
  if (s.size() > max_len) {
    v.add(name, "TOO_LONG", name + " must be at most " + std::to_string(max_len) + " bytes");
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> JsonBody::string(std::string_view key, Validator& v, Presence presence,
                                            std::size_t max_len) const {
  auto s = raw_string(key, v, presence, max_len);
  if (!s) return s;
  std::string t = text::trim(*s);
  if (t.empty() && presence == Presence::Required) {
    v.add(std::string(key), "REQUIRED", std::string(key) + " must not be empty");
    return std::nullopt;
  }
  if (!text::is_free_text(t)) {
    v.add(std::string(key), "INVALID_CHARACTERS",
          std::string(key) + " must not contain control characters");
    return std::nullopt;
  }
  return t;
}

std::optional<std::string> JsonBody::line(std::string_view key, Validator& v, Presence presence,
                                          std::size_t max_len) const {
  auto s = string(key, v, presence, max_len);
  if (s && !check_single_line(key, *s, v)) return std::nullopt;
  return s;
}

std::optional<std::int64_t> JsonBody::integer(std::string_view key, Validator& v,
                                              Presence presence) const {
  const json::value* val = get(key);
  const std::string name(key);
  if (!val) {
    if (presence == Presence::Required) v.add(name, "REQUIRED", name + " is required");
    return std::nullopt;
  }
  if (val->is_int64()) return val->as_int64();
  if (val->is_uint64() && val->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(val->as_uint64());
  }
  v.add(name, "INVALID_TYPE", name + " must be an integer");
  return std::nullopt;
}

std::optional<bool> JsonBody::boolean(std::string_view key, Validator& v, Presence presence) const {
  const json::value* val = get(key);
  const std::string name(key);
  if (!val) {
    if (presence == Presence::Required) v.add(name, "REQUIRED", name + " is required");
    return std::nullopt;
  }
  if (!val->is_bool()) {
    v.add(name, "INVALID_TYPE", name + " must be true or false");
    return std::nullopt;
  }
  return val->as_bool();
}

}  // namespace evient::http
