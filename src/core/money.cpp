#include "core/money.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <stdexcept>
#include <utility>

namespace evient {
namespace {

constexpr Minor kMaxMajor = 10'000'000'000'000;  // 10^13 major units

Currency& current() {
  static Currency c;
  return c;
}

Minor minor_per_major() {
  Minor scale = 1;
  for (int i = 0; i < currency().exponent; ++i) scale *= 10;
  return scale;
}

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

// Parses the major part digit by digit, stopping as soon as it exceeds the cap,
// so arbitrarily long input can never overflow.
std::optional<Minor> parse_major(std::string_view digits) {
  Minor value = 0;
  for (char c : digits) {
    value = value * 10 + (c - '0');
    if (value > kMaxMajor) return std::nullopt;
  }
  return value;
}

// Exact decimal text ("19.99", "150000", "1.50") to minor units. Trailing zeros in
// the fraction carry no value, so "150000.00" is accepted for a currency without decimals.
std::optional<Minor> parse_decimal(std::string_view s) {
  auto dot = s.find('.');
  std::string_view whole = s.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? "" : s.substr(dot + 1);
  if (!all_digits(whole)) return std::nullopt;
  if (dot != std::string_view::npos && !all_digits(fraction)) return std::nullopt;
  while (!fraction.empty() && fraction.back() == '0') fraction.remove_suffix(1);
  if (fraction.size() > static_cast<std::size_t>(currency().exponent)) return std::nullopt;

  auto major = parse_major(whole);
  if (!major) return std::nullopt;
  Minor minor = 0;
  for (int i = 0; i < currency().exponent; ++i) {
    std::size_t idx = static_cast<std::size_t>(i);
    minor = minor * 10 + (idx < fraction.size() ? fraction[idx] - '0' : 0);
  }
  Minor total = *major * minor_per_major() + minor;
  if (total > kMaxMajor * minor_per_major()) return std::nullopt;
  return total;
}

// A JSON number arrives as a binary double; its shortest round-trip decimal form
// is exactly what the client wrote (19.99 -> "19.99"), which is then parsed exactly.
std::optional<Minor> from_double(double d) {
  if (!std::isfinite(d) || d < 0 || d > static_cast<double>(kMaxMajor)) return std::nullopt;
  if (d == 0) return Minor{0};  // also covers -0.0, whose text would carry a sign
  char buf[512];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed);
  if (ec != std::errc{}) return std::nullopt;
  return parse_decimal(std::string_view(buf, static_cast<std::size_t>(end - buf)));
}

std::optional<Minor> from_major_integer(std::uint64_t major) {
  if (major > static_cast<std::uint64_t>(kMaxMajor)) return std::nullopt;
  return static_cast<Minor>(major) * minor_per_major();
}

}  // namespace

void set_currency(Currency c) {
  if (c.exponent < 0 || c.exponent > 2)
    throw std::invalid_argument("currency exponent must be 0..2");
  current() = std::move(c);
}

const Currency& currency() {
  return current();
}

boost::json::value money_to_json(Minor amount) {
  if (currency().exponent == 0) return boost::json::value(amount);
  // Only for display: the double nearest to the exact decimal text.
  return boost::json::value(std::strtod(money_to_string(amount).c_str(), nullptr));
}

std::string money_to_string(Minor amount) {
  // Work on the magnitude as unsigned so INT64_MIN has a representable absolute value.
  std::uint64_t magnitude =
      amount < 0 ? 0 - static_cast<std::uint64_t>(amount) : static_cast<std::uint64_t>(amount);
  auto scale = static_cast<std::uint64_t>(minor_per_major());
  std::string out = amount < 0 ? "-" : "";
  out += std::to_string(magnitude / scale);
  if (currency().exponent == 0) return out;
  std::string fraction = std::to_string(magnitude % scale);
  out += '.';
  out.append(static_cast<std::size_t>(currency().exponent) - fraction.size(), '0');
  return out + fraction;
}

std::optional<Minor> money_from_json(const boost::json::value& v) {
  if (v.is_int64()) {
    if (v.get_int64() < 0) return std::nullopt;
    return from_major_integer(static_cast<std::uint64_t>(v.get_int64()));
  }
  if (v.is_uint64()) return from_major_integer(v.get_uint64());
  if (v.is_double()) return from_double(v.get_double());
  if (v.is_string()) return parse_decimal(v.get_string());
  return std::nullopt;
}

}  // namespace evient
