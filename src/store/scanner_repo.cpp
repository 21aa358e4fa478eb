#include "store/scanner_repo.hpp"

#include "store/params.hpp"
#include "store/rows.hpp"

namespace evient::store::scanner {
namespace {

// The ticket (rows::kTicketColumns) with what the door shows beside it.
const std::string kFindByCode =
    std::string("SELECT ") + rows::kTicketColumns +
    ", e.title AS event_title, e.start_time AS event_start, e.end_time AS event_end, "
    "e.status AS event_status, t.name AS ticket_type_name, u.full_name AS holder_name, "
    "u.email AS holder_email FROM tickets k JOIN events e ON e.id = k.event_id "
    "JOIN ticket_types t ON t.id = k.ticket_type_id JOIN users u ON u.id = k.user_id "
    "WHERE k.ticket_code = $1";
constexpr const char* kMarkUsed =
    "UPDATE tickets SET status = 'used', used_at = $2 WHERE ticket_code = $1 AND status = 'valid'";
constexpr const char* kMarkUsedForEvent =
    "UPDATE tickets SET status = 'used', used_at = $2 "
    "WHERE ticket_code = $1 AND status = 'valid' AND event_id = $3";
constexpr const char* kMarkUnused =
    "UPDATE tickets SET status = 'valid', used_at = NULL WHERE ticket_code = $1 AND status = "
    "'used'";

}  // namespace

std::optional<ScannedTicket> find_by_code(Tx& tx, const std::string& code) {
  Result r = tx.exec(kFindByCode, {code});
  if (r.empty()) return std::nullopt;
  const auto row = r[0];
  ScannedTicket s;
  s.ticket = rows::ticket(row);
  s.event_title = row.text("event_title");
  s.event_start = row.opt_time("event_start");
  s.event_end = row.opt_time("event_end");
  s.event_status = parse_or_throw<EventStatus>(row.text("event_status"));
  s.ticket_type_name = row.text("ticket_type_name");
  s.holder_name = row.opt_text("holder_name");
  s.holder_email = row.text("holder_email");
  return s;
}

bool mark_used(Tx& tx, const std::string& code, const std::optional<std::string>& event_id,
               Timestamp now) {
  if (event_id) return tx.exec(kMarkUsedForEvent, {code, ts(now), *event_id}).affected() == 1;
  return tx.exec(kMarkUsed, {code, ts(now)}).affected() == 1;
}

bool mark_unused(Tx& tx, const std::string& code) {
  return tx.exec(kMarkUnused, {code}).affected() == 1;
}

}  // namespace evient::store::scanner
