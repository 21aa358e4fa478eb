#pragma once
// Money is an integer count of the currency's minor unit (VND has none, USD has
// cents). The exponent lives here and nowhere else; no binary floating point is
// ever used for arithmetic or storage.
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace evient {

using Minor = std::int64_t;

struct Currency {
  std::string code = "VND";
  int exponent = 0;  // number of decimals, 0..2
};

// Process-wide currency, set once from configuration at start-up.
void set_currency(Currency c);
const Currency& currency();

// JSON number for a minor amount: an integer when exponent is 0, otherwise a
// number with exactly `exponent` decimals at most (e.g. 1999 -> 19.99).
boost::json::value money_to_json(Minor amount);
// "19.99" / "150000".
std::string money_to_string(Minor amount);

// Parses a JSON value (integer, decimal number or decimal string) into minor
// units. Rejects negatives, more decimals than the currency has, and values
// above 10^13 major units. Returns nullopt when invalid.
std::optional<Minor> money_from_json(const boost::json::value& v);

}  // namespace evient
