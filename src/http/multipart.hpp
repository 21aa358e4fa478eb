#pragma once
// A strict multipart/form-data reader (RFC 7578 over RFC 2046), for the image
// uploads. Hand-written because Boost (Beast, URL) has no multipart parser and
// the one route that takes a form needs only a small, bounded subset: a body
// already read in full (and bounded by the server's per-route body limit),
// parts with Content-Disposition: form-data, no nested multiparts, no
// Content-Transfer-Encoding. Anything outside that is refused rather than
// guessed at, so a malformed body can never be read two ways.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace evient::http {

struct MultipartPart {
  std::string name;                     // the form field
  std::optional<std::string> filename;  // present for a file input
  std::string content_type;             // as sent, lower-cased; "" when absent
  std::string_view data;                // a view into the request body
};

struct MultipartLimits {
  std::size_t max_parts = 8;
  std::size_t max_part_header_bytes = 4096;  // all header lines of one part
};

// The boundary of a `multipart/form-data; boundary=...` Content-Type. Throws
// ApiError 415 UNSUPPORTED_MEDIA_TYPE for any other media type, 400
// BAD_MULTIPART for a missing or invalid boundary.
std::string multipart_boundary(std::string_view content_type);

// Splits `body` into its parts. Throws ApiError 400 BAD_MULTIPART when the
// body does not follow the grammar (no opening or closing delimiter, bare LF
// line ends, a part without a form-data name, too many parts or header bytes).
std::vector<MultipartPart> parse_multipart(std::string_view body, std::string_view boundary,
                                           const MultipartLimits& limits = {});

// The request's form parts (multipart_boundary + parse_multipart).
std::vector<MultipartPart> read_multipart(const Request& request,
                                          const MultipartLimits& limits = {});

// The one part named `name`: 422 VALIDATION_FAILED (REQUIRED) when absent,
// 400 BAD_MULTIPART when the field is sent twice.
const MultipartPart& single_part(const std::vector<MultipartPart>& parts, std::string_view name);

}  // namespace evient::http
