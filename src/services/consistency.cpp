#include "services/consistency.hpp"

namespace evient {

std::vector<InventoryDrift> check_inventory(store::Database& db) {
  return db.read([](store::Tx& tx) {
    store::Result r = tx.exec(
        "SELECT t.id, t.name, t.event_id, t.quantity_sold, "
        "(SELECT COUNT(*) FROM tickets k WHERE k.ticket_type_id = t.id "
        "AND k.status IN ('valid', 'used')), "
        "(SELECT COALESCE(SUM(i.quantity), 0) FROM order_items i JOIN orders o "
        "ON o.id = i.order_id WHERE i.ticket_type_id = t.id AND o.status = 'pending') "
        "FROM ticket_types t ORDER BY t.event_id, t.id");
    std::vector<InventoryDrift> out;
    for (std::size_t i = 0; i < r.size(); ++i) {
      InventoryDrift d{r[i].text(0), r[i].text(1), r[i].text(2),
                       r[i].i64(3),  r[i].i64(4),  r[i].i64(5)};
      if (d.difference() != 0) out.push_back(std::move(d));
    }
    return out;
  });
}

}  // namespace evient
