#include "api/admin_routes.hpp"
#include "api/serializers.hpp"
#include "core/crypto.hpp"
#include "core/money.hpp"
#include "core/text.hpp"
#include "core/time.hpp"

namespace evient::api::admin {
namespace json = boost::json;

std::optional<std::string> query_text(const http::Request& req, const char* name,
                                      std::size_t max_len) {
  const std::string* raw = req.query_param(name);
  if (!raw) return std::nullopt;
  std::string v = text::trim(*raw);
  if (v.empty()) return std::nullopt;
  if (v.size() > max_len || !text::is_valid_utf8(v)) {
    throw ValidationError(name, "INVALID", std::string(name) + " is too long or not UTF-8");
  }
  return v;
}

std::optional<bool> query_bool(const http::Request& req, const char* name) {
  auto v = query_text(req, name, 10);
  if (!v) return std::nullopt;
  if (*v == "true" || *v == "1") return true;
  if (*v == "false" || *v == "0") return false;
  throw ValidationError(name, "INVALID", std::string(name) + " must be true or false");
}

std::optional<std::string> query_uuid(const http::Request& req, const char* name) {
  auto v = query_text(req, name, 64);
  if (v && !crypto::is_uuid(*v)) {
    throw ValidationError(name, "INVALID", std::string(name) + " must be a UUID");
  }
  return v;
}

std::string uuid_param(const http::Request& req, const char* name, const char* not_found_code) {
  const std::string& v = req.param(name);
  if (!crypto::is_uuid(v)) throw NotFound("Not found", not_found_code);
  return v;
}

std::optional<std::optional<std::string>> nullable_text(const http::JsonBody& body, const char* key,
                                                        Validator& v, std::size_t max_len,
                                                        bool trim) {
  const json::value* raw = body.object().if_contains(key);
  if (!raw) return std::nullopt;
  if (raw->is_null()) return std::optional<std::string>{};
  auto s = trim ? body.string(key, v, false, max_len) : body.raw_string(key, v, false, max_len);
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
  auto n = body.integer(key, v, false);
  if (n && (*n < min || *n > max)) {
    v.add(key, "OUT_OF_RANGE",
          std::string(key) + " must be between " + std::to_string(min) + " and " +
              std::to_string(max));
    return std::nullopt;
  }
  return n;
}

json::object scan_json(const ScanResult& r) {
  const auto& s = r.scanned;
  return {{"valid", r.valid},
          {"reason", r.reason},
          {"ticket",
           {{"id", s.ticket.id},
            {"code", s.ticket.ticket_code},
            {"status", s.ticket.status},
            {"used_at", opt_time(s.ticket.used_at)},
            {"price_at_purchase", money_to_json(s.ticket.price_at_purchase)}}},
          {"event",
           {{"id", s.ticket.event_id},
            {"title", s.event_title},
            {"start_time", opt_time(s.event_start)},
            {"end_time", opt_time(s.event_end)},
            {"status", s.event_status}}},
          {"ticket_type", {{"id", s.ticket.ticket_type_id}, {"name", s.ticket_type_name}}},
          {"holder", {{"full_name", opt(s.holder_name)}, {"email", s.holder_email}}}};
}

json::object admin_ticket_type_json(const TicketType& t) {
  json::object o = ticket_type_json(t);
  // Admins see the stored status (what they set) beside what buyers see.
  o["status"] = t.status;
  o["effective_status"] = t.effective_status();
  return o;
}

json::object audit_entry_json(const store::audit::Entry& e) {
  auto parsed = [](const std::optional<std::string>& s) -> json::value {
    if (!s) return nullptr;
    boost::system::error_code ec;
    json::value v = json::parse(*s, ec);
    return ec ? json::value(json::string(*s)) : v;
  };
  return {{"id", e.id},
          {"actor_id", opt(e.actor_id)},
          {"action", e.action},
          {"entity_type", e.entity_type},
          {"entity_id", e.entity_id},
          {"before", parsed(e.before_json)},
          {"after", parsed(e.after_json)},
          {"created_at", format_iso(e.created_at)}};
}

}  // namespace evient::api::admin
