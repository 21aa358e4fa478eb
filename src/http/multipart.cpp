#include "http/multipart.hpp"

#include <algorithm>
#include <utility>

#include "core/errors.hpp"
#include "core/text.hpp"

namespace evient::http {
namespace {

constexpr std::string_view kCrlf = "\r\n";

[[noreturn]] void malformed(const std::string& why) {
  throw BadRequest("Malformed multipart/form-data body: " + why, "BAD_MULTIPART");
}

bool is_tchar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// RFC 2046 bchars: the boundary's alphabet (space allowed, but not last).
bool is_bchar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

void skip_spaces(std::string_view& s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
}

std::string_view take_token(std::string_view& s) {
  std::size_t n = 0;
  while (n < s.size() && is_tchar(s[n])) ++n;
  std::string_view token = s.substr(0, n);
  s.remove_prefix(n);
  return token;
}

// token or quoted-string (with quoted-pair escapes).
std::string take_value(std::string_view& s) {
  if (s.empty() || s.front() != '"') {
    std::string_view token = take_token(s);
    if (token.empty()) malformed("a parameter has no value");
    return std::string(token);
  }
  s.remove_prefix(1);
  std::string out;
  while (!s.empty() && s.front() != '"') {
    char c = s.front();
    s.remove_prefix(1);
    if (c == '\\') {
      if (s.empty()) break;
      c = s.front();
      s.remove_prefix(1);
    }
    // Control characters (CR, LF, NUL...) have no place in a header value.
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) {
      malformed("a control character in a quoted parameter");
    }
    out += c;
  }
  if (s.empty()) malformed("an unterminated quoted parameter");
  s.remove_prefix(1);
  return out;
}

using Params = std::vector<std::pair<std::string, std::string>>;

// `; name=value` pairs after a media type or disposition type. Names are
// lower-cased; a name given twice is refused (which one would count?).
Params parse_params(std::string_view s) {
  Params params;
  skip_spaces(s);
  while (!s.empty()) {
    if (s.front() != ';') malformed("expected ';' between parameters");
    s.remove_prefix(1);
    skip_spaces(s);
    if (s.empty()) break;  // a trailing ';' is harmless
    std::string name = text::ascii_lower(take_token(s));
    if (name.empty()) malformed("a parameter has no name");
    skip_spaces(s);
    if (s.empty() || s.front() != '=') malformed("parameter '" + name + "' has no '='");
    s.remove_prefix(1);
    skip_spaces(s);
    std::string value = take_value(s);
    skip_spaces(s);
    for (const auto& [n, v] : params) {
      if (n == name) malformed("parameter '" + name + "' is given twice");
    }
    params.emplace_back(std::move(name), std::move(value));
  }
  return params;
}

const std::string* find_param(const Params& params, std::string_view name) {
  for (const auto& [n, v] : params) {
    if (n == name) return &v;
  }
  return nullptr;
}

// One part's header block (without the blank line): fills name, filename, content type.
void parse_part_headers(std::string_view block, MultipartPart& part) {
  bool disposition = false;
  bool content_type = false;
  while (!block.empty()) {
    const std::size_t end = block.find(kCrlf);
    std::string_view line = block.substr(0, end);
    block = end == std::string_view::npos ? std::string_view{} : block.substr(end + 2);
    if (line.find_first_of("\r\n") != std::string_view::npos) malformed("a bare CR or LF");
    if (line.empty() || line.front() == ' ' || line.front() == '\t') {
      malformed("a folded or empty header line");
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) malformed("a header line without ':'");
    std::string_view raw_name = line.substr(0, colon);
    std::string_view check = raw_name;
    if (take_token(check).size() != raw_name.size() || raw_name.empty()) {
      malformed("an invalid header name");
    }
    const std::string name = text::ascii_lower(raw_name);
    std::string_view value = line.substr(colon + 1);
    skip_spaces(value);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    if (name == "content-disposition") {
      if (disposition) malformed("Content-Disposition is given twice");
      disposition = true;
      std::string_view rest = value;
      if (text::ascii_lower(take_token(rest)) != "form-data") {
        malformed("a part's Content-Disposition is not form-data");
      }
      const Params params = parse_params(rest);
      const std::string* field = find_param(params, "name");
      if (!field || field->empty()) malformed("a part has no field name");
      part.name = *field;
      if (const std::string* file = find_param(params, "filename")) part.filename = *file;
    } else if (name == "content-type") {
      if (content_type) malformed("Content-Type is given twice in a part");
      content_type = true;
      part.content_type = text::ascii_lower(value);
    } else if (name == "content-transfer-encoding") {
      // Deprecated by RFC 7578 and never sent by browsers: the data is taken as is.
      malformed("Content-Transfer-Encoding is not supported");
    }
    // Other part headers carry nothing we use.
  }
  if (!disposition) malformed("a part has no Content-Disposition");
}

}  // namespace

std::string multipart_boundary(std::string_view content_type) {
  std::string_view s = content_type;
  skip_spaces(s);
  const std::string type = text::ascii_lower(take_token(s));
  std::string subtype;
  if (!s.empty() && s.front() == '/') {
    s.remove_prefix(1);
    subtype = text::ascii_lower(take_token(s));
  }
  if (type != "multipart" || subtype != "form-data") {
    throw ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "Request body must be multipart/form-data");
  }
  const Params params = parse_params(s);
  const std::string* boundary = find_param(params, "boundary");
  if (!boundary) malformed("the Content-Type has no boundary");
  if (boundary->empty() || boundary->size() > 70 || boundary->back() == ' ' ||
      !std::all_of(boundary->begin(), boundary->end(), is_bchar)) {
    malformed("the boundary is not 1-70 allowed characters");
  }
  return *boundary;
}

std::vector<MultipartPart> parse_multipart(std::string_view body, std::string_view boundary,
                                           const MultipartLimits& limits) {
  const std::string delimiter = "--" + std::string(boundary);
  const std::string next_delimiter = "\r\n" + delimiter;
  // No preamble: browsers and curl never send one, and text before the first
  // delimiter is where a smuggled second reading of the body would hide.
  if (!body.starts_with(delimiter)) malformed("the body does not start with the boundary");
  std::size_t pos = delimiter.size();
  std::vector<MultipartPart> parts;
  for (;;) {
    std::string_view after = body.substr(pos);
    if (after.starts_with("--")) {
      after.remove_prefix(2);
      if (!after.empty() && after != kCrlf) malformed("data after the closing boundary");
      return parts;
    }
    // Transport padding, then the line end.
    skip_spaces(after);
    if (!after.starts_with(kCrlf)) malformed("the boundary line does not end in CRLF");
    after.remove_prefix(2);
    pos = body.size() - after.size();

    if (parts.size() == limits.max_parts) malformed("too many parts");
    const std::size_t header_end = body.find("\r\n\r\n", pos);
    const bool no_headers = body.substr(pos).starts_with(kCrlf);
    if (no_headers) malformed("a part has no Content-Disposition");
    if (header_end == std::string_view::npos) malformed("a part's headers do not end");
    if (header_end - pos > limits.max_part_header_bytes) malformed("a part's headers are too long");
    MultipartPart part;
    parse_part_headers(body.substr(pos, header_end - pos), part);

    const std::size_t data_start = header_end + 4;
    const std::size_t data_end = body.find(next_delimiter, data_start);
    if (data_end == std::string_view::npos) malformed("the body has no closing boundary");
    part.data = body.substr(data_start, data_end - data_start);
    parts.push_back(std::move(part));
    pos = data_end + next_delimiter.size();
  }
}

std::vector<MultipartPart> read_multipart(const Request& request, const MultipartLimits& limits) {
  const std::string* content_type = request.header("content-type");
  if (!content_type) {
    throw ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "Request body must be multipart/form-data");
  }
  return parse_multipart(request.body, multipart_boundary(*content_type), limits);
}

const MultipartPart& single_part(const std::vector<MultipartPart>& parts, std::string_view name) {
  const MultipartPart* found = nullptr;
  for (const auto& p : parts) {
    if (p.name != name) continue;
    if (found) malformed("field '" + std::string(name) + "' is given twice");
    found = &p;
  }
  if (!found) {
    throw ValidationError(std::string(name), "REQUIRED",
                          "The form has no '" + std::string(name) + "' field");
  }
  return *found;
}

}  // namespace evient::http
