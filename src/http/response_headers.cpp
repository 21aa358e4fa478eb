#include "http/response_headers.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace evient::http {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string* find_header(Response& response, std::string_view name) {
  for (auto& [key, value] : response.headers) {
    if (iequals(key, name)) return &value;
  }
  return nullptr;
}

bool carries_secrets(const Request& request) {
  return request.auth.has_value() || request.path.starts_with("/api/auth/") ||
         request.path.starts_with("/api/payments/");
}

}  // namespace

void apply_error_headers(Response& response) {
  if (!find_header(response, "X-Content-Type-Options")) {
    response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  }
}

void apply_response_headers(const Request& request, Response& response) {
  apply_error_headers(response);
  if (!carries_secrets(request)) return;
  std::string* cache = find_header(response, "Cache-Control");
  if (!cache) {
    response.headers.emplace_back("Cache-Control", "no-store");
  } else if (cache->find("no-store") == std::string::npos) {
    *cache = "no-store";
  }
}

}  // namespace evient::http
