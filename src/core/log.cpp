#include "core/log.hpp"

#include <unistd.h>

#include <atomic>
#include <string>

#include "core/time.hpp"

namespace evient::log {
namespace {

std::atomic<bool> g_access_log{true};

void emit(std::string_view level, std::string_view line) {
  std::string out = format_iso(SystemClock().now());
  out += ' ';
  out += level;
  out += ' ';
  out += line;
  out += '\n';
  // Best effort: a failed log write must never fail a request.
  [[maybe_unused]] auto n = ::write(STDERR_FILENO, out.data(), out.size());
}

}  // namespace

void info(std::string_view line) {
  emit("INFO", line);
}
void warn(std::string_view line) {
  emit("WARN", line);
}
void error(std::string_view line) {
  emit("ERROR", line);
}
void set_access_log(bool enabled) {
  g_access_log = enabled;
}
bool access_log_enabled() {
  return g_access_log;
}

}  // namespace evient::log
