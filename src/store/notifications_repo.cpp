#include "store/notifications_repo.hpp"

#include "core/crypto.hpp"
#include "store/bulk_insert.hpp"
#include "store/params.hpp"
#include "store/rows.hpp"

namespace evient::store::notifications {
namespace {

const std::string kInsert = insert_values_sql(
    "INSERT INTO notifications (id, user_id, title, message, type, is_read, created_at)", 1);
const std::string kListForUser =
    std::string("SELECT ") + rows::kNotificationColumns +
    " FROM notifications n WHERE n.user_id = $1 ORDER BY n.created_at DESC, n.id DESC "
    "LIMIT $2 OFFSET $3";
constexpr const char* kCountForUser = "SELECT COUNT(*) FROM notifications WHERE user_id = $1";
constexpr const char* kUnreadCount =
    "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND is_read = FALSE";
constexpr const char* kMarkRead =
    "UPDATE notifications SET is_read = TRUE WHERE id = $1 AND user_id = $2 RETURNING id";
constexpr const char* kMarkAllRead =
    "UPDATE notifications SET is_read = TRUE WHERE user_id = $1 AND is_read = FALSE";

}  // namespace

void insert(Tx& tx, const Notification& n) {
  tx.exec(kInsert, {n.id, n.user_id, text_or_null(n.title), text_or_null(n.message),
                    text_of(n.type), n.is_read, ts(n.created_at)});
}

std::vector<Notification> list_for_user(Tx& tx, const std::string& user_id, std::int64_t limit,
                                        std::int64_t offset) {
  return rows::all(tx.exec(kListForUser, {user_id, limit, offset}), rows::notification);
}

std::int64_t count_for_user(Tx& tx, const std::string& user_id) {
  return tx.exec(kCountForUser, {user_id})[0].i64(0);
}

std::int64_t unread_count(Tx& tx, const std::string& user_id) {
  return tx.exec(kUnreadCount, {user_id})[0].i64(0);
}

bool mark_read(Tx& tx, const std::string& user_id, const std::string& id) {
  if (!crypto::is_uuid(id)) return false;
  return !tx.exec(kMarkRead, {id, user_id}).empty();
}

std::int64_t mark_all_read(Tx& tx, const std::string& user_id) {
  return tx.exec(kMarkAllRead, {user_id}).affected();
}

}  // namespace evient::store::notifications
