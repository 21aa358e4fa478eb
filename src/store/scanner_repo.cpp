#include "store/scanner_repo.hpp"

#include "store/params.hpp"

namespace evient::store::scanner {

std::optional<ScannedTicket> find_by_code(Tx& tx, const std::string& code) {
  Result r = tx.exec(
      "SELECT t.id, t.order_id, t.ticket_type_id, t.user_id, t.event_id, t.ticket_code, t.status, "
      "t.used_at, t.price_at_purchase, t.created_at, e.title, e.start_time, e.end_time, e.status, "
      "tt.name, u.full_name, u.email FROM tickets t "
      "JOIN events e ON e.id = t.event_id JOIN ticket_types tt ON tt.id = t.ticket_type_id "
      "JOIN users u ON u.id = t.user_id WHERE t.ticket_code = $1",
      {code});
  if (r.empty()) return std::nullopt;
  const auto row = r[0];
  ScannedTicket s;
  s.ticket.id = row.text(0);
  s.ticket.order_id = row.text(1);
  s.ticket.ticket_type_id = row.text(2);
  s.ticket.user_id = row.text(3);
  s.ticket.event_id = row.text(4);
  s.ticket.ticket_code = row.text(5);
  s.ticket.status = row.text(6);
  s.ticket.used_at = row.opt_time(7);
  s.ticket.price_at_purchase = row.i64(8);
  s.ticket.created_at = row.time(9);
  s.event_title = row.text(10);
  s.event_start = row.opt_time(11);
  s.event_end = row.opt_time(12);
  s.event_status = row.text(13);
  s.ticket_type_name = row.text(14);
  s.holder_name = row.opt_text(15);
  s.holder_email = row.text(16);
  return s;
}

bool mark_used(Tx& tx, const std::string& code, const std::optional<std::string>& event_id,
               Timestamp now) {
  if (event_id) {
    return tx.exec(
                 "UPDATE tickets SET status = 'used', used_at = $2 "
                 "WHERE ticket_code = $1 AND status = 'valid' AND event_id = $3",
                 {code, ts(now), *event_id})
               .affected() == 1;
  }
  return tx.exec(
               "UPDATE tickets SET status = 'used', used_at = $2 "
               "WHERE ticket_code = $1 AND status = 'valid'",
               {code, ts(now)})
             .affected() == 1;
}

bool mark_unused(Tx& tx, const std::string& code) {
  return tx.exec(
               "UPDATE tickets SET status = 'valid', used_at = NULL "
               "WHERE ticket_code = $1 AND status = 'used'",
               {code})
             .affected() == 1;
}

}  // namespace evient::store::scanner
