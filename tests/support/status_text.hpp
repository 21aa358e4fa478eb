#pragma once
// Tests state statuses in the text the API and the database use: a domain
// enum compares equal to its text (domain/status.hpp) and prints as it.
#include <ostream>
#include <string_view>

#include "domain/status.hpp"

namespace evient {

template <class E>
requires requires {
  EnumText<E>::kValues;
}
bool operator==(E value, std::string_view text) {
  return to_text(value) == text;
}

template <class E>
requires requires {
  EnumText<E>::kValues;
}
std::ostream& operator<<(std::ostream& os, E value) {
  return os << to_text(value);
}

}  // namespace evient
