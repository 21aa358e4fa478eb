#include "store/tickets_repo.hpp"

#include "core/crypto.hpp"
#include "store/params.hpp"

namespace evient::store::tickets {
namespace {

constexpr const char* kColumns =
    "k.id, k.order_id, k.ticket_type_id, k.user_id, k.event_id, k.ticket_code, k.status, "
    "k.used_at, k.price_at_purchase, k.created_at";
constexpr std::size_t kColumnCount = 10;

Ticket from_row(const Result::Row& r) {
  Ticket t;
  t.id = r.text(0);
  t.order_id = r.text(1);
  t.ticket_type_id = r.text(2);
  t.user_id = r.text(3);
  t.event_id = r.text(4);
  t.ticket_code = r.text(5);
  t.status = r.text(6);
  t.used_at = r.opt_time(7);
  t.price_at_purchase = r.i64(8);
  t.created_at = r.time(9);
  return t;
}

std::string wallet_where(QueryBuilder& q, const std::string& user_id,
                         const std::optional<std::string>& status) {
  std::string where = " WHERE k.user_id = " + q.bind(user_id);
  if (status) where += " AND k.status = " + q.bind(*status);
  return where;
}

}  // namespace

void insert(Tx& tx, const Ticket& t) {
  tx.exec(
      "INSERT INTO tickets (id, order_id, ticket_type_id, user_id, event_id, ticket_code, status, "
      "used_at, price_at_purchase, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
      {t.id, t.order_id, t.ticket_type_id, t.user_id, t.event_id, t.ticket_code, t.status,
       ts_or_null(t.used_at), t.price_at_purchase, ts(t.created_at)});
}

std::vector<Ticket> list_for_order(Tx& tx, const std::string& order_id) {
  Result r = tx.exec(std::string("SELECT ") + kColumns +
                         " FROM tickets k WHERE k.order_id = $1 ORDER BY k.created_at, k.id",
                     {order_id});
  std::vector<Ticket> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) out.push_back(from_row(r[i]));
  return out;
}

std::map<std::string, std::int64_t> cancel_valid_for_order(Tx& tx, const std::string& order_id) {
  Result r = tx.exec(
      "UPDATE tickets SET status = 'cancelled' WHERE order_id = $1 AND status = 'valid' "
      "RETURNING ticket_type_id",
      {order_id});
  std::map<std::string, std::int64_t> out;
  for (std::size_t i = 0; i < r.size(); ++i) ++out[r[i].text(0)];
  return out;
}

std::int64_t count_used_for_order(Tx& tx, const std::string& order_id) {
  return tx
      .exec("SELECT COUNT(*) FROM tickets WHERE order_id = $1 AND status = 'used'", {order_id})[0]
      .i64(0);
}

std::optional<Ticket> find(Tx& tx, const std::string& id) {
  if (!crypto::is_uuid(id)) return std::nullopt;
  Result r = tx.exec(std::string("SELECT ") + kColumns + " FROM tickets k WHERE k.id = $1", {id});
  if (r.empty()) return std::nullopt;
  return from_row(r[0]);
}

std::optional<Ticket> find_for_user(Tx& tx, const std::string& user_id, const std::string& id) {
  if (!crypto::is_uuid(id)) return std::nullopt;
  Result r = tx.exec(
      std::string("SELECT ") + kColumns + " FROM tickets k WHERE k.id = $1 AND k.user_id = $2",
      {id, user_id});
  if (r.empty()) return std::nullopt;
  return from_row(r[0]);
}

std::vector<WalletTicket> wallet(Tx& tx, const std::string& user_id,
                                 const std::optional<std::string>& status, std::int64_t limit,
                                 std::int64_t offset) {
  QueryBuilder q;
  const std::string where = wallet_where(q, user_id, status);
  const std::string sql =
      std::string("SELECT ") + kColumns +
      ", e.title, e.slug, e.start_time, e.end_time, e.location, e.banner_image, "
      "e.thumbnail_image, t.name FROM tickets k JOIN events e ON e.id = k.event_id "
      "JOIN ticket_types t ON t.id = k.ticket_type_id" +
      where + " ORDER BY e.start_time ASC, k.created_at ASC, k.id ASC LIMIT " + q.bind(limit) +
      " OFFSET " + q.bind(offset);
  Result r = tx.exec(sql, q.params());
  std::vector<WalletTicket> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) {
    WalletTicket w;
    w.ticket = from_row(r[i]);
    const std::size_t c = kColumnCount;
    w.event.id = w.ticket.event_id;
    w.event.title = r[i].text(c);
    w.event.slug = r[i].text(c + 1);
    w.event.start_time = r[i].opt_time(c + 2);
    w.event.end_time = r[i].opt_time(c + 3);
    w.event.location = r[i].opt_text(c + 4);
    w.event.banner_image = r[i].opt_text(c + 5);
    w.event.thumbnail_image = r[i].opt_text(c + 6);
    w.ticket_type_name = r[i].text(c + 7);
    out.push_back(std::move(w));
  }
  return out;
}

std::int64_t wallet_count(Tx& tx, const std::string& user_id,
                          const std::optional<std::string>& status) {
  QueryBuilder q;
  const std::string where = wallet_where(q, user_id, status);
  return tx.exec("SELECT COUNT(*) FROM tickets k" + where, q.params())[0].i64(0);
}

}  // namespace evient::store::tickets
