#pragma once
// The decoded path and query reach handlers, the database and the logs: they
// must be UTF-8 without control characters. PostgreSQL refuses NUL and invalid
// UTF-8 outright (a 500 before this check), SQLite would store them.
#include "http/message.hpp"

namespace evient::http {

// Throws BadRequest (400 INVALID_ENCODING) when the decoded path, a query
// parameter's name or its value is not UTF-8 or holds a control character.
void check_target_text(const Request& request);

}  // namespace evient::http
