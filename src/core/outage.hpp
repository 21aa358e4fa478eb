#pragma once
// When the process last found a dependency out (core/errors.hpp's Unavailable).
// /readyz reports a recent outage as not ready: a database that answers a
// ping may still be unable to write (a full disk), and only the failed writes
// know. Process-wide, like the access-log switch: one process, one database.
#include <chrono>

namespace evient::outage {

// Records an outage seen now.
void note();
// Whether one was seen within `window`.
bool seen_within(std::chrono::steady_clock::duration window);

}  // namespace evient::outage
