#include "http/target_text.hpp"

#include "core/errors.hpp"
#include "core/text.hpp"

namespace evient::http {
namespace {

bool acceptable(std::string_view s) {
  return text::is_valid_utf8(s) && text::is_single_line(s);
}

}  // namespace

void check_target_text(const Request& request) {
  bool ok = acceptable(request.path);
  for (const auto& [name, value] : request.query) ok = ok && acceptable(name) && acceptable(value);
  if (!ok) {
    throw BadRequest("The request path and query must be UTF-8 without control characters",
                     "INVALID_ENCODING");
  }
}

}  // namespace evient::http
