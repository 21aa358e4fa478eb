#pragma once
// Pure admin rules, unit-tested on their own: event status transitions, slugs,
// CSV fields.
#include <string>
#include <string_view>
#include <vector>

#include "domain/status.hpp"

namespace evient::admin_rules {

// draft -> published -> completed; any -> cancelled; cancelled is final.
// Staying in the same status is always allowed.
bool event_transition_allowed(EventStatus from, EventStatus to);
// The same rule on statuses as text; a text that is no event status never
// transitions.
bool event_transition_allowed(std::string_view from, std::string_view to);
// [a-z0-9-], 1..80 chars, no leading/trailing or doubled '-'.
bool is_valid_slug(std::string_view slug);
// "base", "base-2", "base-3"... (n >= 1; 1 is the base itself), kept within 80 chars.
std::string numbered_slug(std::string_view base, int n);

// One RFC 4180 field: quoted when it holds a comma, quote, CR or LF, quotes
// doubled. A field a spreadsheet would run as a formula (leading = + - @, tab or
// CR) gets a leading ' first.
std::string csv_field(std::string_view value);
// Fields joined by ',' and terminated by CRLF.
std::string csv_row(const std::vector<std::string>& fields);

}  // namespace evient::admin_rules
