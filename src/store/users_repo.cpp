#include "store/users_repo.hpp"

#include "core/crypto.hpp"
#include "core/text.hpp"
#include "store/params.hpp"

namespace evient::store::users {
namespace {

constexpr const char* kColumns =
    "id, email, password_hash, full_name, avatar_url, role, created_at, updated_at, is_active, "
    "token_version";

User from_row(const Result::Row& r) {
  User u;
  u.id = r.text(0);
  u.email = r.text(1);
  u.password_hash = r.text(2);
  u.full_name = r.opt_text(3);
  u.avatar_url = r.opt_text(4);
  u.role = r.text(5);
  u.created_at = r.time(6);
  u.updated_at = r.time(7);
  u.is_active = r.boolean(8);
  u.token_version = r.i64(9);
  return u;
}

std::optional<User> first(const Result& r) {
  if (r.empty()) return std::nullopt;
  return from_row(r[0]);
}

std::string search_text_of(const std::string& email, const std::optional<std::string>& name) {
  return text::fold(email + " " + name.value_or(""));
}

void apply_filter(QueryBuilder& q, const UserFilter& f) {
  if (!f.search.empty())
    q.where("search_text LIKE " + q.bind(like_contains(f.search)) + " ESCAPE '\\'");
  if (f.role) q.where("role = " + q.bind(*f.role));
  if (f.is_active) q.where("is_active = " + q.bind(*f.is_active));
}

}  // namespace

std::optional<User> find_by_id(Tx& tx, const std::string& id) {
  if (!crypto::is_uuid(id)) return std::nullopt;
  return first(tx.exec(std::string("SELECT ") + kColumns + " FROM users WHERE id = $1", {id}));
}

std::optional<User> find_by_email(Tx& tx, const std::string& email) {
  return first(
      tx.exec(std::string("SELECT ") + kColumns + " FROM users WHERE email = $1", {email}));
}

void insert(Tx& tx, const User& u) {
  tx.exec(
      "INSERT INTO users (id, email, password_hash, full_name, avatar_url, role, created_at, "
      "updated_at, is_active, token_version, search_text) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
      {u.id, u.email, u.password_hash, text_or_null(u.full_name), text_or_null(u.avatar_url),
       u.role, ts(u.created_at), ts(u.updated_at), u.is_active, u.token_version,
       search_text_of(u.email, u.full_name)});
}

void update_profile(Tx& tx, const User& current, const std::optional<std::string>& full_name,
                    const std::optional<std::string>& avatar_url, Timestamp now) {
  tx.exec(
      "UPDATE users SET full_name = $2, avatar_url = $3, updated_at = $4, search_text = $5 "
      "WHERE id = $1",
      {current.id, text_or_null(full_name), text_or_null(avatar_url), ts(now),
       search_text_of(current.email, full_name)});
}

void update_password(Tx& tx, const std::string& id, const std::string& hash, Timestamp now) {
  tx.exec(
      "UPDATE users SET password_hash = $2, updated_at = $3, token_version = token_version + 1 "
      "WHERE id = $1",
      {id, hash, ts(now)});
}

std::int64_t count(Tx& tx) {
  return tx.exec("SELECT COUNT(*) FROM users")[0].i64(0);
}

std::vector<User> list(Tx& tx, const UserFilter& f, std::int64_t limit, std::int64_t offset) {
  QueryBuilder q;
  apply_filter(q, f);
  std::string sql = std::string("SELECT ") + kColumns + " FROM users" + q.where_clause() +
                    " ORDER BY created_at DESC, id LIMIT " + q.bind(limit) + " OFFSET " +
                    q.bind(offset);
  Result r = tx.exec(sql, q.params());
  std::vector<User> out;
  for (std::size_t i = 0; i < r.size(); ++i) out.push_back(from_row(r[i]));
  return out;
}

std::int64_t count(Tx& tx, const UserFilter& f) {
  QueryBuilder q;
  apply_filter(q, f);
  return tx.exec("SELECT COUNT(*) FROM users" + q.where_clause(), q.params())[0].i64(0);
}

void update_admin_fields(Tx& tx, const User& u, bool bump_token_version, Timestamp now) {
  tx.exec(
      "UPDATE users SET full_name = $2, role = $3, is_active = $4, updated_at = $5, "
      "token_version = token_version + $6, search_text = $7 WHERE id = $1",
      {u.id, text_or_null(u.full_name), u.role, u.is_active, ts(now),
       std::int64_t{bump_token_version ? 1 : 0}, search_text_of(u.email, u.full_name)});
}

std::int64_t count_active_admins(Tx& tx) {
  return tx.exec("SELECT COUNT(*) FROM users WHERE role = 'admin' AND is_active = TRUE")[0].i64(0);
}

}  // namespace evient::store::users
