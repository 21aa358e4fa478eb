#include "http/media_type.hpp"

#include "core/errors.hpp"
#include "core/text.hpp"

namespace evient::http {

void check_json_media_type(const Request& request) {
  if (request.body.empty()) return;
  const std::string* content_type = request.header("content-type");
  if (!content_type) return;
  const std::string media = text::ascii_lower(
      text::trim(std::string_view(*content_type).substr(0, content_type->find(';'))));
  if (media == "application/json") return;
  throw ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "Request body must be application/json");
}

}  // namespace evient::http
