#include "store/tickets_repo.hpp"

#include "core/crypto.hpp"
#include "store/bulk_insert.hpp"
#include "store/params.hpp"
#include "store/rows.hpp"

namespace evient::store::tickets {
namespace {

constexpr const char* kInsertHead =
    "INSERT INTO tickets (id, order_id, ticket_type_id, user_id, event_id, ticket_code, status, "
    "used_at, price_at_purchase, created_at, seat_id)";
const std::string kInsert = insert_values_sql(kInsertHead, 1);
const std::string kSelect = std::string("SELECT ") + rows::kTicketColumns + " FROM tickets k";
const std::string kFind = kSelect + " WHERE k.id = $1";
const std::string kFindForUser = kSelect + " WHERE k.id = $1 AND k.user_id = $2";
const std::string kListForOrder = kSelect + " WHERE k.order_id = $1 ORDER BY k.created_at, k.id";
constexpr const char* kCancelValidForOrder =
    "UPDATE tickets SET status = 'cancelled' WHERE order_id = $1 AND status = 'valid' "
    "RETURNING ticket_type_id";
constexpr const char* kCountUsedForOrder =
    "SELECT COUNT(*) FROM tickets WHERE order_id = $1 AND status = 'used'";
// The wallet card: the ticket with what it shows of its event and type.
const std::string kSelectWallet =
    std::string("SELECT ") + rows::kTicketColumns +
    ", e.title AS e_title, e.slug AS e_slug, e.start_time AS e_start_time, "
    "e.end_time AS e_end_time, e.location AS e_location, e.banner_image AS e_banner_image, "
    "e.thumbnail_image AS e_thumbnail_image, t.name AS t_name, o.is_test AS o_is_test "
    "FROM tickets k JOIN events e ON e.id = k.event_id "
    "JOIN ticket_types t ON t.id = k.ticket_type_id JOIN orders o ON o.id = k.order_id";

// The parameters of kInsertHead, in its order.
std::vector<Param> ticket_params(const Ticket& t) {
  return {t.id,
          t.order_id,
          t.ticket_type_id,
          t.user_id,
          t.event_id,
          t.ticket_code,
          text_of(t.status),
          ts_or_null(t.used_at),
          t.price_at_purchase,
          ts(t.created_at),
          t.seat ? Param(t.seat->id) : Param(nullptr)};
}

std::string wallet_where(QueryBuilder& q, const std::string& user_id,
                         const std::optional<TicketStatus>& status) {
  std::string where = " WHERE k.user_id = " + q.bind(user_id);
  if (status) where += " AND k.status = " + q.bind(text_of(*status));
  return where;
}

WalletTicket wallet_ticket(const Result::Row& r) {
  WalletTicket w;
  w.ticket = rows::ticket(r);
  w.event.id = w.ticket.event_id;
  w.event.title = r.text("e_title");
  w.event.slug = r.text("e_slug");
  w.event.start_time = r.opt_time("e_start_time");
  w.event.end_time = r.opt_time("e_end_time");
  w.event.location = r.opt_text("e_location");
  w.event.banner_image = r.opt_text("e_banner_image");
  w.event.thumbnail_image = r.opt_text("e_thumbnail_image");
  w.ticket_type_name = r.text("t_name");
  w.is_test = r.boolean("o_is_test");
  return w;
}

std::optional<Ticket> first(const Result& r) {
  if (r.empty()) return std::nullopt;
  return rows::ticket(r[0]);
}

}  // namespace

void insert(Tx& tx, const Ticket& t) {
  tx.exec(kInsert, ticket_params(t));
}

void insert_many(Tx& tx, const std::vector<Ticket>& tickets) {
  BulkInsert bulk(tx, kInsertHead);
  for (const auto& t : tickets) bulk.add(ticket_params(t));
  bulk.flush();
}

std::vector<Ticket> list_for_order(Tx& tx, const std::string& order_id) {
  return rows::all(tx.exec(kListForOrder, {order_id}), rows::ticket);
}

std::map<std::string, std::int64_t> cancel_valid_for_order(Tx& tx, const std::string& order_id) {
  Result r = tx.exec(kCancelValidForOrder, {order_id});
  std::map<std::string, std::int64_t> out;
  for (std::size_t i = 0; i < r.size(); ++i) ++out[r[i].text(0)];
  return out;
}

std::int64_t count_used_for_order(Tx& tx, const std::string& order_id) {
  return tx.exec(kCountUsedForOrder, {order_id})[0].i64(0);
}

std::optional<Ticket> find(Tx& tx, const std::string& id) {
  if (!crypto::is_uuid(id)) return std::nullopt;
  return first(tx.exec(kFind, {id}));
}

std::optional<Ticket> find_for_user(Tx& tx, const std::string& user_id, const std::string& id) {
  if (!crypto::is_uuid(id)) return std::nullopt;
  return first(tx.exec(kFindForUser, {id, user_id}));
}

std::vector<WalletTicket> wallet(Tx& tx, const std::string& user_id,
                                 const std::optional<TicketStatus>& status, std::int64_t limit,
                                 std::int64_t offset) {
  QueryBuilder q;
  const std::string where = wallet_where(q, user_id, status);
  const std::string sql = kSelectWallet + where +
                          " ORDER BY e.start_time ASC, k.created_at ASC, k.id ASC LIMIT " +
                          q.bind(limit) + " OFFSET " + q.bind(offset);
  return rows::all(tx.exec(sql, q.params()), wallet_ticket);
}

std::int64_t wallet_count(Tx& tx, const std::string& user_id,
                          const std::optional<TicketStatus>& status) {
  QueryBuilder q;
  const std::string where = wallet_where(q, user_id, status);
  return tx.exec("SELECT COUNT(*) FROM tickets k" + where, q.params())[0].i64(0);
}

}  // namespace evient::store::tickets
