#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/models.hpp"
#include "domain/views.hpp"
#include "store/db.hpp"

namespace evient::store::users {

std::optional<User> find_by_id(Tx& tx, const std::string& id);
// The token's user, and whether the token (its jti) was ended by a logout or a
// refresh (store/revoked_tokens_repo.hpp).
struct TokenOwner {
  User user;
  bool token_revoked = false;
};
std::optional<TokenOwner> find_for_token(Tx& tx, const std::string& user_id,
                                         const std::string& token_id);
std::optional<User> find_by_email(Tx& tx, const std::string& email);
// Throws ConstraintViolation("uniq_users_email") on a duplicate.
void insert(Tx& tx, const User& user);
// Many at once in multi-row statements (the bench data set).
void insert_many(Tx& tx, const std::vector<User>& users);
// `current` is the row as the caller just read it (its email feeds search_text).
void update_profile(Tx& tx, const User& current, const std::optional<std::string>& full_name,
                    const std::optional<std::string>& avatar_url, Timestamp now);
// Also bumps token_version so every token issued before stops working.
void update_password(Tx& tx, const std::string& id, const std::string& hash, Timestamp now);
std::int64_t count(Tx& tx);

using UserFilter = evient::UserFilter;
std::vector<User> list(Tx& tx, const UserFilter& f, std::int64_t limit, std::int64_t offset);
std::int64_t count(Tx& tx, const UserFilter& f);
// Admin changes; role/is_active changes bump token_version.
void update_admin_fields(Tx& tx, const User& user, bool bump_token_version, Timestamp now);
std::int64_t count_active_admins(Tx& tx);

}  // namespace evient::store::users
