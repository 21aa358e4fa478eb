#pragma once
// Records admin writes in audit_log, inside the caller's transaction, with the
// entity before and after as JSON. (AdminService reads the log.)
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/models.hpp"
#include "domain/views.hpp"
#include "services/store_handles.hpp"

namespace evient::audit {

void record(store::Tx& tx, const std::string& actor_id, const std::string& action,
            const std::string& entity_type, const std::string& entity_id,
            const boost::json::value& before, const boost::json::value& after, Timestamp now);

// What the log keeps of each entity (never a password hash).
boost::json::value snapshot(const Event& e);
boost::json::value snapshot(const TicketType& t);
boost::json::value snapshot(const User& u);
boost::json::value snapshot(const Banner& b);
boost::json::value snapshot(const Ticket& t);

}  // namespace evient::audit
