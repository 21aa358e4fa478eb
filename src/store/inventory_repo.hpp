#pragma once
// The inventory counter beside what it counts, per ticket type: for the
// consistency check (tools/consistency.hpp).
#include <cstdint>
#include <string>
#include <vector>

#include "store/db.hpp"

namespace evient::store::inventory {

struct TypeCounts {
  std::string ticket_type_id;
  std::string ticket_type_name;
  std::string event_id;
  std::int64_t quantity_sold = 0;
  std::int64_t issued = 0;    // valid + used tickets
  std::int64_t reserved = 0;  // units in pending orders
};

// Every ticket type, by event then id.
std::vector<TypeCounts> per_type(Tx& tx);

}  // namespace evient::store::inventory
