#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/models.hpp"
#include "store/db.hpp"

namespace evient::store::notifications {

void insert(Tx& tx, const Notification& n);
std::vector<Notification> list_for_user(Tx& tx, const std::string& user_id, std::int64_t limit,
                                        std::int64_t offset);
std::int64_t count_for_user(Tx& tx, const std::string& user_id);
std::int64_t unread_count(Tx& tx, const std::string& user_id);
// Returns false when no such notification belongs to the user.
bool mark_read(Tx& tx, const std::string& user_id, const std::string& id);
std::int64_t mark_all_read(Tx& tx, const std::string& user_id);

}  // namespace evient::store::notifications
