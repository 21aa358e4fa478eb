#include "store/inventory_repo.hpp"

namespace evient::store::inventory {

std::vector<TypeCounts> per_type(Tx& tx) {
  Result r = tx.exec(
      "SELECT t.id, t.name, t.event_id, t.quantity_sold, "
      "(SELECT COUNT(*) FROM tickets k WHERE k.ticket_type_id = t.id "
      "AND k.status IN ('valid', 'used')), "
      "(SELECT COALESCE(SUM(i.quantity), 0) FROM order_items i JOIN orders o "
      "ON o.id = i.order_id WHERE i.ticket_type_id = t.id AND o.status = 'pending') "
      "FROM ticket_types t ORDER BY t.event_id, t.id");
  std::vector<TypeCounts> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) {
    out.push_back(
        {r[i].text(0), r[i].text(1), r[i].text(2), r[i].i64(3), r[i].i64(4), r[i].i64(5)});
  }
  return out;
}

}  // namespace evient::store::inventory
