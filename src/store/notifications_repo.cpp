#include "store/notifications_repo.hpp"

#include "core/crypto.hpp"
#include "store/params.hpp"

namespace evient::store::notifications {

void insert(Tx& tx, const Notification& n) {
  tx.exec(
      "INSERT INTO notifications (id, user_id, title, message, type, is_read, created_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {n.id, n.user_id, text_or_null(n.title), text_or_null(n.message), n.type, n.is_read,
       ts(n.created_at)});
}

std::vector<Notification> list_for_user(Tx& tx, const std::string& user_id, std::int64_t limit,
                                        std::int64_t offset) {
  Result r = tx.exec(
      "SELECT id, user_id, title, message, type, is_read, created_at FROM notifications "
      "WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3",
      {user_id, limit, offset});
  std::vector<Notification> out;
  for (std::size_t i = 0; i < r.size(); ++i) {
    Notification n;
    n.id = r[i].text(0);
    n.user_id = r[i].text(1);
    n.title = r[i].opt_text(2);
    n.message = r[i].opt_text(3);
    n.type = r[i].text(4);
    n.is_read = r[i].boolean(5);
    n.created_at = r[i].time(6);
    out.push_back(std::move(n));
  }
  return out;
}

std::int64_t count_for_user(Tx& tx, const std::string& user_id) {
  return tx.exec("SELECT COUNT(*) FROM notifications WHERE user_id = $1", {user_id})[0].i64(0);
}

std::int64_t unread_count(Tx& tx, const std::string& user_id) {
  return tx
      .exec("SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND is_read = FALSE",
            {user_id})[0]
      .i64(0);
}

bool mark_read(Tx& tx, const std::string& user_id, const std::string& id) {
  if (!crypto::is_uuid(id)) return false;
  Result r =
      tx.exec("UPDATE notifications SET is_read = TRUE WHERE id = $1 AND user_id = $2 RETURNING id",
              {id, user_id});
  return !r.empty();
}

std::int64_t mark_all_read(Tx& tx, const std::string& user_id) {
  return tx
      .exec("UPDATE notifications SET is_read = TRUE WHERE user_id = $1 AND is_read = FALSE",
            {user_id})
      .affected();
}

}  // namespace evient::store::notifications
