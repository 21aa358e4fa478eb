#pragma once
// The spec's response envelope, for every response including errors:
//   {"success":true,"data":...,"message":null,"error":null}
//   {"success":false,"data":null,"message":"...","error":{"code":"...","details":[...]}}
// Paginated lists put the items in `data` and add `pagination` beside it.
#include <boost/json.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/errors.hpp"
#include "http/message.hpp"

namespace evient::http {

struct PageRequest {
  std::int64_t page = 1;
  std::int64_t limit = 10;
  std::int64_t offset() const { return (page - 1) * limit; }
};

Response ok(boost::json::value data, std::string_view message = {});
Response created(boost::json::value data, std::string_view message = {});
Response paged(boost::json::array items, const PageRequest& page, std::int64_t total);
// The same, with extra top-level fields beside `pagination` (e.g. unread_count).
Response paged(boost::json::array items, const PageRequest& page, std::int64_t total,
               boost::json::object extra);
Response error_response(const ApiError& e);
Response internal_error(std::string_view request_id);

// ?page=&limit= with limit capped at `max_limit`; non-numbers and values < 1 are a 422.
PageRequest parse_page(const Request& request, std::int64_t default_limit = 10,
                       std::int64_t max_limit = 100);

}  // namespace evient::http
