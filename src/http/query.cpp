#include "http/query.hpp"

#include "core/crypto.hpp"
#include "core/errors.hpp"
#include "core/text.hpp"

namespace evient::http {

std::optional<std::string> query_text(const Request& req, const char* name, std::size_t max_len) {
  const std::string* raw = req.query_param(name);
  if (!raw) return std::nullopt;
  std::string v = text::trim(*raw);
  if (v.empty()) return std::nullopt;
  if (v.size() > max_len) {
    throw ValidationError(name, "TOO_LONG", std::string(name) + " is too long");
  }
  if (!text::is_valid_utf8(v)) {
    throw ValidationError(name, "INVALID", std::string(name) + " is not UTF-8");
  }
  return v;
}

std::optional<bool> query_bool(const Request& req, const char* name) {
  auto v = query_text(req, name, 10);
  if (!v) return std::nullopt;
  if (*v == "true" || *v == "1") return true;
  if (*v == "false" || *v == "0") return false;
  throw ValidationError(name, "INVALID", std::string(name) + " must be true or false");
}

std::optional<std::string> query_uuid(const Request& req, const char* name) {
  auto v = query_text(req, name, 64);
  if (v && !crypto::is_uuid(*v)) {
    throw ValidationError(name, "INVALID", std::string(name) + " must be a UUID");
  }
  return v;
}

std::string uuid_param(const Request& req, const char* name, const char* not_found_code) {
  const std::string& v = req.param(name);
  if (!crypto::is_uuid(v)) throw NotFound("Not found", not_found_code);
  return v;
}

}  // namespace evient::http
