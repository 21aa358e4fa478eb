#pragma once
// Typed, validating access to query parameters and route captures.
#include <cstddef>
#include <optional>
#include <string>

#include "http/message.hpp"

namespace evient::http {

// ?name=... trimmed; nullopt when absent or empty. Longer than max_len is 422
// TOO_LONG, not UTF-8 is 422 INVALID.
std::optional<std::string> query_text(const Request& req, const char* name,
                                      std::size_t max_len = 200);
// ?name=true|false|1|0; 422 otherwise.
std::optional<bool> query_bool(const Request& req, const char* name);
// ?name=<uuid>; 422 when malformed.
std::optional<std::string> query_uuid(const Request& req, const char* name);
// A route capture that must be a UUID; anything else is the given 404.
std::string uuid_param(const Request& req, const char* name, const char* not_found_code);

}  // namespace evient::http
