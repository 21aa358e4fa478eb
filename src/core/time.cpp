#include "core/time.hpp"

#include <chrono>
#include <cstdio>

namespace evient {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

// A forward-only cursor over the input; every reader either consumes exactly what
// it expects or leaves the position alone and reports false.
class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}

  bool at_end() const { return pos_ == s_.size(); }

  bool accept(char c) {
    if (at_end() || s_[pos_] != c) return false;
    ++pos_;
    return true;
  }

  bool number(int width, int& out) {
    if (s_.size() - pos_ < static_cast<std::size_t>(width)) return false;
    int value = 0;
    for (int i = 0; i < width; ++i) {
      char c = s_[pos_ + i];
      if (c < '0' || c > '9') return false;
      value = value * 10 + (c - '0');
    }
    pos_ += width;
    out = value;
    return true;
  }

  // Fractional seconds are truncated, so the digits are only checked and skipped.
  bool skip_digits() {
    std::size_t start = pos_;
    while (!at_end() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
    return pos_ > start;
  }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
};

struct Fields {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
};

bool read_date(Cursor& c, Fields& f) {
  return c.number(4, f.year) && c.accept('-') && c.number(2, f.month) && c.accept('-') &&
         c.number(2, f.day);
}

bool read_clock(Cursor& c, Fields& f) {
  if (!(c.number(2, f.hour) && c.accept(':') && c.number(2, f.minute) && c.accept(':') &&
        c.number(2, f.second))) {
    return false;
  }
  return !c.accept('.') || c.skip_digits();
}

// "+07:00", "+0700", "+07" (PostgreSQL) or "-05:30"; returns the offset east of UTC.
std::optional<seconds> read_numeric_offset(Cursor& c) {
  int sign = 0;
  if (c.accept('+')) sign = 1;
  if (sign == 0 && c.accept('-')) sign = -1;
  if (sign == 0) return std::nullopt;
  int h = 0, m = 0;
  if (!c.number(2, h)) return std::nullopt;
  bool colon = c.accept(':');
  if (!c.number(2, m) && colon) return std::nullopt;
  if (h > 23 || m > 59) return std::nullopt;
  return sign * (hours(h) + minutes(m));
}

// A 'T' separator demands an explicit zone: without one, a browser's
// datetime-local value would silently be read as UTC instead of local time.
std::optional<seconds> read_zone(Cursor& c, bool zone_required) {
  if (c.accept('Z')) return seconds(0);
  if (c.at_end()) return zone_required ? std::nullopt : std::optional(seconds(0));
  return read_numeric_offset(c);
}

std::optional<Timestamp> to_timestamp(const Fields& f, seconds offset) {
  std::chrono::year_month_day ymd{std::chrono::year(f.year),
                                  std::chrono::month(static_cast<unsigned>(f.month)),
                                  std::chrono::day(static_cast<unsigned>(f.day))};
  if (!ymd.ok() || f.hour > 23 || f.minute > 59 || f.second > 59) return std::nullopt;
  auto local = std::chrono::sys_days(ymd) + hours(f.hour) + minutes(f.minute) + seconds(f.second);
  return Timestamp(local - offset);
}

std::string format_ymd(std::chrono::sys_days day) {
  std::chrono::year_month_day ymd{day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

}  // namespace

std::string format_iso(Timestamp t) {
  auto day = std::chrono::floor<days>(t);
  std::chrono::hh_mm_ss hms{t - day};
  char buf[16];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02dZ", static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  return format_ymd(day) + buf;
}

std::string format_date(Timestamp t) {
  return format_ymd(std::chrono::floor<days>(t));
}

std::optional<Timestamp> parse_iso(std::string_view s) {
  Cursor c(s);
  Fields f;
  if (!read_date(c, f)) return std::nullopt;
  bool t_separator = c.accept('T');
  if (!t_separator && !c.accept(' ')) return std::nullopt;
  if (!read_clock(c, f)) return std::nullopt;
  auto offset = read_zone(c, t_separator);
  if (!offset || !c.at_end()) return std::nullopt;
  return to_timestamp(f, *offset);
}

}  // namespace evient
