#pragma once
// What the door scanner reads and writes: a ticket found by its code with the
// event, type and holder it belongs to, and the conditional check-in update.
#include <optional>
#include <string>

#include "domain/models.hpp"
#include "domain/views.hpp"
#include "store/db.hpp"

namespace evient::store::scanner {

using ScannedTicket = evient::ScannedTicket;

// `code` must already be normalised (crypto::normalize_ticket_code).
std::optional<ScannedTicket> find_by_code(Tx& tx, const std::string& code);
// valid -> used, only when still valid (and for `event_id` when given). The
// affected-row count decides who wins when two doors scan at once.
bool mark_used(Tx& tx, const std::string& code, const std::optional<std::string>& event_id,
               Timestamp now);
// used -> valid with used_at cleared, only when used.
bool mark_unused(Tx& tx, const std::string& code);

}  // namespace evient::store::scanner
