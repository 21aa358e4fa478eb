#include "core/log.hpp"

#include <unistd.h>

#include <atomic>
#include <string>

#include "core/time.hpp"

namespace evient::log {
namespace {

std::atomic<bool> g_access_log{true};

constexpr char kHex[] = "0123456789abcdef";

bool needs_escape(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F || c == '\\' ||
        (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9F &&
         static_cast<unsigned char>(text[i + 1]) >= 0x80)) {
      return true;
    }
  }
  return false;
}

void emit(std::string_view level, std::string_view line) {
  std::string out = format_iso(SystemClock().now());
  out += ' ';
  out += level;
  out += ' ';
  if (needs_escape(line)) {
    out += escape(line);
  } else {
    out += line;
  }
  out += '\n';
  // Best effort: a failed log write must never fail a request.
  [[maybe_unused]] auto n = ::write(STDERR_FILENO, out.data(), out.size());
}

}  // namespace

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    } else if (c == 0xC2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      const auto next = static_cast<unsigned char>(text[++i]);
      out += "\\u00";
      out += kHex[next >> 4];
      out += kHex[next & 0xf];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

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
