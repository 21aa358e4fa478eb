#pragma once
// Request framing rules checked on a parsed header, before any body is read.
// A message whose body length the server and a proxy in front of it could read
// differently is the root of request smuggling, so anything doubtful is refused
// (400) and the connection closed (RFC 9112 sections 3.2 and 6.3).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace evient::http {

struct FramingFields {
  unsigned version = 11;                            // 10 for HTTP/1.0, 11 for HTTP/1.1
  std::vector<std::string_view> transfer_encoding;  // every Transfer-Encoding field, in order
  std::size_t host_fields = 0;                      // how many Host fields
};

// Why the request cannot be framed safely, or nullopt when it can. Refused: a
// Transfer-Encoding other than exactly "chunked" (gzip, identity, "chunked,
// identity", repeated fields), any Transfer-Encoding on HTTP/1.0, HTTP/1.1
// without exactly one Host field, more than one Host field on any version.
std::optional<std::string> framing_problem(const FramingFields& fields);

}  // namespace evient::http
