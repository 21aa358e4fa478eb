#include "http/framing.hpp"

#include <algorithm>
#include <cctype>

namespace evient::http {
namespace {

std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool is_chunked(std::string_view value) {
  constexpr std::string_view kChunked = "chunked";
  value = trim_ows(value);
  return value.size() == kChunked.size() &&
         std::equal(value.begin(), value.end(), kChunked.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == b;
         });
}

}  // namespace

std::optional<std::string> framing_problem(const FramingFields& fields) {
  if (!fields.transfer_encoding.empty()) {
    if (fields.version < 11) return "Transfer-Encoding is not allowed in HTTP/1.0";
    if (fields.transfer_encoding.size() != 1 || !is_chunked(fields.transfer_encoding.front())) {
      return "Unsupported Transfer-Encoding: only 'chunked' is accepted";
    }
  }
  if (fields.host_fields > 1) return "More than one Host header";
  if (fields.version >= 11 && fields.host_fields == 0) return "HTTP/1.1 requires a Host header";
  return std::nullopt;
}

}  // namespace evient::http
