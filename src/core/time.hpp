#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace evient {

// "2026-12-25T19:00:00Z" — the one format used in JSON and in SQLite storage.
std::string format_iso(Timestamp t);
// "2026-12-25" (UTC date).
std::string format_date(Timestamp t);

// Accepts "2026-12-25T19:00:00Z", "2026-12-25T19:00:00.123Z", "2026-12-25T19:00:00+07:00",
// "2026-12-25 19:00:00" (UTC assumed) and PostgreSQL's text output
// "2026-12-25 19:00:00+00" / "2026-12-25 19:00:00.123456+00". Fractions are truncated.
// Returns nullopt for anything else, including out-of-range fields.
std::optional<Timestamp> parse_iso(std::string_view s);

}  // namespace evient
