#include "tools/consistency.hpp"

#include "store/seating_repo.hpp"

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

std::vector<std::string> check_seating(store::Database& db) {
  return db.read([](store::Tx& tx) {
    std::vector<std::string> out;
    for (const auto& c : store::seating::seated_type_counts(tx)) {
      if (c.quantity_total != c.sellable_seats || c.quantity_sold != c.taken_seats) {
        out.push_back("ticket_type " + c.ticket_type_id +
                      ": quantity_total=" + std::to_string(c.quantity_total) +
                      " sellable_seats=" + std::to_string(c.sellable_seats) +
                      " quantity_sold=" + std::to_string(c.quantity_sold) +
                      " held_or_sold_seats=" + std::to_string(c.taken_seats));
      }
    }
    if (auto n = store::seating::seats_sold_twice(tx); n > 0) {
      out.push_back(std::to_string(n) + " seat(s) with more than one live ticket");
    }
    if (auto n = store::seating::sold_seats_without_ticket(tx); n > 0) {
      out.push_back(std::to_string(n) + " sold seat(s) without a live ticket");
    }
    if (auto n = store::seating::tickets_on_unsold_seat(tx); n > 0) {
      out.push_back(std::to_string(n) + " live ticket(s) on a seat that is not sold");
    }
    return out;
  });
}

}  // namespace evient
