#include "store/maintenance_repo.hpp"

#include <string>

namespace evient::store::maintenance {

void delete_all_rows(Tx& tx) {
  for (const char* table : {"notifications", "tickets", "order_seats", "order_items", "orders",
                            "banners", "event_seats", "ticket_types", "events", "seats", "rooms",
                            "idempotency_keys", "audit_log", "users"}) {
    tx.exec(std::string("DELETE FROM ") + table);
  }
}

}  // namespace evient::store::maintenance
