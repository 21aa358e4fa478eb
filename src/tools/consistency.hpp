#pragma once
// The inventory invariant, checked on demand (`evient check`): for every ticket
// type, quantity_sold equals its issued valid/used tickets plus the units held
// by pending orders.
#include <string>
#include <vector>

#include "store/db.hpp"
#include "store/inventory_repo.hpp"

namespace evient {

// A ticket type's counter beside what it counts (store/inventory_repo.hpp).
struct InventoryDrift : store::inventory::TypeCounts {
  std::int64_t difference() const { return quantity_sold - issued - reserved; }
};

// Every ticket type whose counter disagrees; empty when all is consistent.
std::vector<InventoryDrift> check_inventory(store::Database& db);

// The seated events' invariants, one line per breach; empty when all hold:
// a seated type's quantity_total counts its sellable seats (available, held,
// sold) and quantity_sold its held and sold ones; no seat has two live
// tickets; every sold seat has its live ticket and every live seated ticket
// its sold seat.
std::vector<std::string> check_seating(store::Database& db);

}  // namespace evient
