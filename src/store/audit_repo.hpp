#pragma once
// The audit log of admin writes (migration 0003_audit_log.sql); its Entry and
// Filter live in models.hpp, where the API layer may see them.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.hpp"
#include "store/models.hpp"

namespace evient::store::audit {

void insert(Tx& tx, const Entry& e);
// Newest first.
std::vector<Entry> list(Tx& tx, const Filter& f, std::int64_t limit, std::int64_t offset);
std::int64_t count(Tx& tx, const Filter& f);

}  // namespace evient::store::audit
