#pragma once
#include <optional>
#include <vector>

#include "domain/models.hpp"
#include "store/db.hpp"

namespace evient::store::banners {

// Active banners, highest priority first.
std::vector<Banner> list_active(Tx& tx);
std::vector<Banner> list_all(Tx& tx, std::int64_t limit, std::int64_t offset);
std::int64_t count_all(Tx& tx);
std::optional<Banner> find(Tx& tx, std::int64_t id);
// Locks the row until commit (PostgreSQL): a change computed from the row
// (a toggle) cannot interleave with another.
std::optional<Banner> find_for_update(Tx& tx, std::int64_t id);
// Returns the new id.
std::int64_t insert(Tx& tx, const Banner& b);
// Many at once, ids chosen by the database (the bench data set).
void insert_many(Tx& tx, const std::vector<Banner>& banners);
void update(Tx& tx, const Banner& b);
void remove(Tx& tx, std::int64_t id);

}  // namespace evient::store::banners
