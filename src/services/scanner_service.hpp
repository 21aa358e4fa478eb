#pragma once
// The door: validate a ticket code (read only), check it in (one conditional
// update decides between two doors scanning the same code) and undo a
// mistaken check-in.
#include <chrono>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "domain/views.hpp"
#include "services/store_handles.hpp"

namespace evient {

struct ScanResult {
  bool valid = false;
  ScanReason reason = ScanReason::Ok;
  ScannedTicket scanned;
};

// Why a ticket may not enter now (ScanReason::Ok when it may). The door is
// open from `window` before the event starts until `window` after it ends.
ScanReason scan_verdict(const ScannedTicket& s, const std::optional<std::string>& event_id,
                        Timestamp now, std::chrono::seconds window);

class ScannerService {
 public:
  ScannerService(store::Database& db, const Clock& clock, std::chrono::seconds door_window);

  // Throws NotFound (TICKET_NOT_FOUND) for an unknown code. Changes nothing.
  ScanResult validate(std::string_view code, const std::optional<std::string>& event_id);
  // valid=true when this call checked the ticket in; otherwise nothing changed
  // and `reason` says why. Throws NotFound for an unknown code.
  ScanResult check_in(const std::string& actor_id, std::string_view code,
                      const std::optional<std::string>& event_id);
  // used -> valid. Throws NotFound, or Conflict NOT_CHECKED_IN.
  ScanResult undo(const std::string& actor_id, std::string_view code);

 private:
  store::Database& db_;
  const Clock& clock_;
  std::chrono::seconds window_;
};

}  // namespace evient
