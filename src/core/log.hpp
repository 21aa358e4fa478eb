#pragma once
// One-line log records on stderr. Each record is written with a single write(2)
// so lines from different threads never interleave.
#include <string_view>

namespace evient::log {

void info(std::string_view line);
void warn(std::string_view line);
void error(std::string_view line);
// Access log can be switched off (benchmarks measure the server, not the terminal).
void set_access_log(bool enabled);
bool access_log_enabled();

}  // namespace evient::log
