#pragma once
// The audit log of admin writes (migration 0003_audit_log.sql).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.hpp"

namespace evient::store::audit {

struct Entry {
  std::string id;
  std::optional<std::string> actor_id;
  std::string action;       // e.g. "event.update", "ticket.check_in"
  std::string entity_type;  // e.g. "event", "ticket_type", "user", "banner", "ticket"
  std::string entity_id;
  std::optional<std::string> before_json;
  std::optional<std::string> after_json;
  Timestamp created_at{};
};

struct Filter {
  std::optional<std::string> entity_type;
  std::optional<std::string> entity_id;
};

void insert(Tx& tx, const Entry& e);
// Newest first.
std::vector<Entry> list(Tx& tx, const Filter& f, std::int64_t limit, std::int64_t offset);
std::int64_t count(Tx& tx, const Filter& f);

}  // namespace evient::store::audit
