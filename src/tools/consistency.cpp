#include "tools/consistency.hpp"

namespace evient {

std::vector<InventoryDrift> check_inventory(store::Database& db) {
  return db.read([](store::Tx& tx) {
    std::vector<InventoryDrift> out;
    for (auto& c : store::inventory::per_type(tx)) {
      InventoryDrift d{std::move(c)};
      if (d.difference() != 0) out.push_back(std::move(d));
    }
    return out;
  });
}

}  // namespace evient
