#pragma once
// The audit log of admin writes (migration 0003_audit_log.sql).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/views.hpp"
#include "store/db.hpp"

namespace evient::store::audit {

using Entry = evient::AuditEntry;

using Filter = evient::AuditFilter;

void insert(Tx& tx, const Entry& e);
// Newest first.
std::vector<Entry> list(Tx& tx, const Filter& f, std::int64_t limit, std::int64_t offset);
std::int64_t count(Tx& tx, const Filter& f);

}  // namespace evient::store::audit
