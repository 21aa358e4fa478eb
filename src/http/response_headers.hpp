#pragma once
// Headers every response gets from the pipeline, whatever the handler set.
#include "http/message.hpp"

namespace evient::http {

// X-Content-Type-Options: nosniff on every response. Cache-Control: no-store on
// every response to an authenticated request (tokens, ticket codes, personal
// data) and on everything under /api/auth/ and /api/payments/ (tokens, orders
// behind a signed link). Public catalogue responses keep their own caching.
void apply_response_headers(const Request& request, Response& response);

// The pipeline's own errors (before routing) carry no data: nosniff only.
void apply_error_headers(Response& response);

}  // namespace evient::http
