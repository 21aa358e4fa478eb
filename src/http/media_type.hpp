#pragma once
// What a JSON endpoint's body may be declared as. A body declared as anything
// else (a form post, text/plain) is refused with 415 before it is parsed. A body
// without Content-Type is read as JSON, so clients that forget the header (curl
// -d, scripts) still work: the JSON parser refuses what is not JSON (400), and
// tokens travel in a header, never a cookie, so a cross-site form gains nothing.
#include "http/message.hpp"

namespace evient::http {

// Throws ApiError 415 UNSUPPORTED_MEDIA_TYPE when the request has a body whose
// Content-Type is present and not application/json (parameters such as
// charset allowed). Called by whatever reads a request body as JSON (JsonBody);
// endpoints that take raw bodies (payment webhooks) do not call it.
void check_json_media_type(const Request& request);

}  // namespace evient::http
