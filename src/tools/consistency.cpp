#include "tools/consistency.hpp"

#include "store/inventory_repo.hpp"

namespace evient {

std::vector<InventoryDrift> check_inventory(store::Database& db) {
  return db.read([](store::Tx& tx) {
    std::vector<InventoryDrift> out;
    for (auto& c : store::inventory::per_type(tx)) {
      InventoryDrift d{std::move(c.ticket_type_id),
                       std::move(c.ticket_type_name),
                       std::move(c.event_id),
                       c.quantity_sold,
                       c.issued,
                       c.reserved};
      if (d.difference() != 0) out.push_back(std::move(d));
    }
    return out;
  });
}

}  // namespace evient
