#pragma once
// The inventory invariant, checked on demand (`evient check`): for every ticket
// type, quantity_sold equals its issued valid/used tickets plus the units held
// by pending orders.
#include <string>
#include <vector>

#include "store/db.hpp"

namespace evient {

struct InventoryDrift {
  std::string ticket_type_id;
  std::string ticket_type_name;
  std::string event_id;
  std::int64_t quantity_sold = 0;
  std::int64_t issued = 0;    // valid + used tickets
  std::int64_t reserved = 0;  // units in pending orders
  std::int64_t difference() const { return quantity_sold - issued - reserved; }
};

// Every ticket type whose counter disagrees; empty when all is consistent.
std::vector<InventoryDrift> check_inventory(store::Database& db);

}  // namespace evient
