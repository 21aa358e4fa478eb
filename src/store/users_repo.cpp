#include "store/users_repo.hpp"

#include "core/crypto.hpp"
#include "core/text.hpp"
#include "store/bulk_insert.hpp"
#include "store/params.hpp"
#include "store/rows.hpp"

namespace evient::store::users {
namespace {

const std::string kSelect = std::string("SELECT ") + rows::kUserColumns + " FROM users u";
const std::string kFindById = kSelect + " WHERE u.id = $1";
const std::string kFindByEmail = kSelect + " WHERE u.email = $1";
// Every authenticated request: the user and whether the token was ended, in one
// round trip.
const std::string kFindForToken = std::string("SELECT ") + rows::kUserColumns +
                                  ", EXISTS (SELECT 1 FROM revoked_tokens r WHERE r.token_id = $2) "
                                  "AS token_revoked FROM users u WHERE u.id = $1";
constexpr const char* kInsertHead =
    "INSERT INTO users (id, email, password_hash, full_name, avatar_url, role, created_at, "
    "updated_at, is_active, token_version, search_text)";
const std::string kInsert = insert_values_sql(kInsertHead, 1);
constexpr const char* kUpdateProfile =
    "UPDATE users SET full_name = $2, avatar_url = $3, updated_at = $4, search_text = $5 "
    "WHERE id = $1";
constexpr const char* kUpdatePassword =
    "UPDATE users SET password_hash = $2, updated_at = $3, token_version = token_version + 1 "
    "WHERE id = $1";
constexpr const char* kCountAll = "SELECT COUNT(*) FROM users";
constexpr const char* kUpdateAdminFields =
    "UPDATE users SET full_name = $2, role = $3, is_active = $4, updated_at = $5, "
    "token_version = token_version + $6, search_text = $7 WHERE id = $1";
constexpr const char* kCountActiveAdmins =
    "SELECT COUNT(*) FROM users WHERE role = 'admin' AND is_active = TRUE";

std::optional<User> first(const Result& r) {
  if (r.empty()) return std::nullopt;
  return rows::user(r[0]);
}

std::string search_text_of(const std::string& email, const std::optional<std::string>& name) {
  return text::fold(email + " " + name.value_or(""));
}

// The parameters of kInsertHead, in its order.
std::vector<Param> user_params(const User& u) {
  return {u.id,
          u.email,
          u.password_hash,
          text_or_null(u.full_name),
          text_or_null(u.avatar_url),
          text_of(u.role),
          ts(u.created_at),
          ts(u.updated_at),
          u.is_active,
          u.token_version,
          search_text_of(u.email, u.full_name)};
}

void apply_filter(QueryBuilder& q, const UserFilter& f) {
  if (!f.search.empty())
    q.where("u.search_text LIKE " + q.bind(like_contains(f.search)) + " ESCAPE '\\'");
  if (f.role) q.where("u.role = " + q.bind(text_of(*f.role)));
  if (f.is_active) q.where("u.is_active = " + q.bind(*f.is_active));
}

}  // namespace

std::optional<TokenOwner> find_for_token(Tx& tx, const std::string& user_id,
                                         const std::string& token_id) {
  if (!crypto::is_uuid(user_id)) return std::nullopt;
  Result r = tx.exec(kFindForToken, {user_id, token_id});
  if (r.empty()) return std::nullopt;
  return TokenOwner{rows::user(r[0]), r[0].boolean("token_revoked")};
}

std::optional<User> find_by_id(Tx& tx, const std::string& id) {
  if (!crypto::is_uuid(id)) return std::nullopt;
  return first(tx.exec(kFindById, {id}));
}

std::optional<User> find_by_email(Tx& tx, const std::string& email) {
  return first(tx.exec(kFindByEmail, {email}));
}

void insert(Tx& tx, const User& u) {
  tx.exec(kInsert, user_params(u));
}

void insert_many(Tx& tx, const std::vector<User>& users) {
  BulkInsert bulk(tx, kInsertHead);
  for (const auto& u : users) bulk.add(user_params(u));
  bulk.flush();
}

void update_profile(Tx& tx, const User& current, const std::optional<std::string>& full_name,
                    const std::optional<std::string>& avatar_url, Timestamp now) {
  tx.exec(kUpdateProfile, {current.id, text_or_null(full_name), text_or_null(avatar_url), ts(now),
                           search_text_of(current.email, full_name)});
}

void update_password(Tx& tx, const std::string& id, const std::string& hash, Timestamp now) {
  tx.exec(kUpdatePassword, {id, hash, ts(now)});
}

std::int64_t count(Tx& tx) {
  return tx.exec(kCountAll)[0].i64(0);
}

std::vector<User> list(Tx& tx, const UserFilter& f, std::int64_t limit, std::int64_t offset) {
  QueryBuilder q;
  apply_filter(q, f);
  const std::string sql = kSelect + q.where_clause() + " ORDER BY u.created_at DESC, u.id LIMIT " +
                          q.bind(limit) + " OFFSET " + q.bind(offset);
  return rows::all(tx.exec(sql, q.params()), rows::user);
}

std::int64_t count(Tx& tx, const UserFilter& f) {
  QueryBuilder q;
  apply_filter(q, f);
  return tx.exec("SELECT COUNT(*) FROM users u" + q.where_clause(), q.params())[0].i64(0);
}

void update_admin_fields(Tx& tx, const User& u, bool bump_token_version, Timestamp now) {
  tx.exec(kUpdateAdminFields,
          {u.id, text_or_null(u.full_name), text_of(u.role), u.is_active, ts(now),
           std::int64_t{bump_token_version ? 1 : 0}, search_text_of(u.email, u.full_name)});
}

std::int64_t count_active_admins(Tx& tx) {
  return tx.exec(kCountActiveAdmins)[0].i64(0);
}

}  // namespace evient::store::users
