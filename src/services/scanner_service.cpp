#include "services/scanner_service.hpp"

#include "core/crypto.hpp"
#include "core/errors.hpp"
#include "core/metrics.hpp"
#include "services/audit_trail.hpp"
#include "store/db.hpp"
#include "store/scanner_repo.hpp"

namespace evient {
namespace {

ScannedTicket find_or_throw(store::Tx& tx, const std::string& code) {
  auto s = store::scanner::find_by_code(tx, code);
  if (!s) throw NotFound("No ticket has this code", "TICKET_NOT_FOUND");
  return *s;
}

std::string normalized(std::string_view code) {
  std::string c = crypto::normalize_ticket_code(code);
  if (c.empty() || c.size() > 64) throw NotFound("No ticket has this code", "TICKET_NOT_FOUND");
  return c;
}

}  // namespace

ScanReason scan_verdict(const ScannedTicket& s, const std::optional<std::string>& event_id,
                        Timestamp now, std::chrono::seconds window) {
  if (event_id && *event_id != s.ticket.event_id) return ScanReason::WrongEvent;
  if (s.ticket.status == TicketStatus::Cancelled) return ScanReason::Cancelled;
  if (s.ticket.status == TicketStatus::Used) return ScanReason::AlreadyUsed;
  // A cancelled (or unpublished, or closed) event admits nobody, whatever its
  // tickets say: a ticket sold in a race with the cancellation stays outside.
  if (s.event_status != EventStatus::Published) return ScanReason::EventNotOn;
  if (s.event_start) {
    const Timestamp end = s.event_end.value_or(*s.event_start);
    if (now < *s.event_start - window || now > end + window) return ScanReason::EventNotToday;
  }
  return ScanReason::Ok;
}

ScannerService::ScannerService(store::Database& db, const Clock& clock,
                               std::chrono::seconds door_window)
    : db_(db), clock_(clock), window_(door_window) {}

ScanResult ScannerService::validate(std::string_view code,
                                    const std::optional<std::string>& event_id) {
  const std::string c = normalized(code);
  const Timestamp now = clock_.now();
  return db_.read([&](store::Tx& tx) {
    ScanResult r;
    r.scanned = find_or_throw(tx, c);
    r.reason = scan_verdict(r.scanned, event_id, now, window_);
    r.valid = r.reason == ScanReason::Ok;
    return r;
  });
}

ScanResult ScannerService::check_in(const std::string& actor_id, std::string_view code,
                                    const std::optional<std::string>& event_id) {
  const std::string c = normalized(code);
  const Timestamp now = clock_.now();
  // Look the ticket up in a read transaction: refused scans never take the write
  // lock, and accepted ones hold it only for the update and the audit row. The
  // conditional update below, not this read, decides who wins a race.
  ScanResult r = validate(c, event_id);
  if (r.reason != ScanReason::Ok) {
    r.valid = false;
    return r;
  }
  const bool won = db_.batched([&](store::Tx& tx) {
    if (!store::scanner::mark_used(tx, c, event_id, now)) return false;
    const Ticket before = r.scanned.ticket;
    Ticket after = before;
    after.status = TicketStatus::Used;
    after.used_at = now;
    audit::record(tx, actor_id, "ticket.check_in", "ticket", before.id, audit::snapshot(before),
                  audit::snapshot(after), now);
    return true;
  });
  if (!won) {
    // Another door won between our read and our update: report what it left.
    r = validate(c, event_id);
    if (r.reason == ScanReason::Ok) r.reason = ScanReason::AlreadyUsed;
    r.valid = false;
    return r;
  }
  metrics::registry().check_ins.inc();
  r.scanned.ticket.status = TicketStatus::Used;
  r.scanned.ticket.used_at = now;
  r.valid = true;
  return r;
}

ScanResult ScannerService::undo(const std::string& actor_id, std::string_view code) {
  const std::string c = normalized(code);
  const Timestamp now = clock_.now();
  return db_.batched([&](store::Tx& tx) {
    ScanResult r;
    r.scanned = find_or_throw(tx, c);
    const Ticket before = r.scanned.ticket;
    if (!store::scanner::mark_unused(tx, c)) {
      throw Conflict("NOT_CHECKED_IN", "This ticket is not checked in",
                     boost::json::object{{"status", to_text(before.status)}});
    }
    r.scanned.ticket.status = TicketStatus::Valid;
    r.scanned.ticket.used_at.reset();
    r.reason = scan_verdict(r.scanned, std::nullopt, now, window_);
    r.valid = r.reason == ScanReason::Ok;
    audit::record(tx, actor_id, "ticket.undo_check_in", "ticket", before.id,
                  audit::snapshot(before), audit::snapshot(r.scanned.ticket), now);
    return r;
  });
}

}  // namespace evient
