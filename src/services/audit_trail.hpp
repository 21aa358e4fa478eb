#pragma once
// Records admin writes in audit_log, inside the caller's transaction, with the
// entity before and after as JSON. Also the admin's read of the log.
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <vector>

#include "store/audit_repo.hpp"
#include "store/db.hpp"
#include "store/models.hpp"

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

struct Page {
  std::vector<store::audit::Entry> items;
  std::int64_t total = 0;
};
Page list(store::Database& db, const store::audit::Filter& f, std::int64_t limit,
          std::int64_t offset);

}  // namespace evient::audit
