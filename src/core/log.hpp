#pragma once
// One-line log records on stderr. Each record is written with a single write(2)
// so lines from different threads never interleave.
#include <string>
#include <string_view>

namespace evient::log {

void info(std::string_view line);
void warn(std::string_view line);
void error(std::string_view line);
// Access log can be switched off (benchmarks measure the server, not the terminal).
void set_access_log(bool enabled);
bool access_log_enabled();
// What a record carries: control characters (C0, DEL, C1) and backslashes
// escaped (\n, \x1b, \u0085, \\), so text a client sent (a path, an email)
// can neither start a forged record nor drive a terminal. Every record goes
// through it.
std::string escape(std::string_view text);

}  // namespace evient::log
