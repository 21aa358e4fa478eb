#include "store/inventory_repo.hpp"

namespace evient::store::inventory {
namespace {

constexpr const char* kPerType =
    "SELECT t.id, t.name, t.event_id, t.quantity_sold, "
    "(SELECT COUNT(*) FROM tickets k WHERE k.ticket_type_id = t.id "
    "AND k.status IN ('valid', 'used')) AS issued, "
    "(SELECT COALESCE(SUM(i.quantity), 0) FROM order_items i JOIN orders o "
    "ON o.id = i.order_id WHERE i.ticket_type_id = t.id AND o.status = 'pending') AS reserved "
    "FROM ticket_types t ORDER BY t.event_id, t.id";

}  // namespace

std::vector<TypeCounts> per_type(Tx& tx) {
  Result r = tx.exec(kPerType);
  std::vector<TypeCounts> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) {
    out.push_back({r[i].text("id"), r[i].text("name"), r[i].text("event_id"),
                   r[i].i64("quantity_sold"), r[i].i64("issued"), r[i].i64("reserved")});
  }
  return out;
}

}  // namespace evient::store::inventory
