#include "store/events_repo.hpp"

#include <map>

#include "core/crypto.hpp"
#include "core/text.hpp"
#include "store/bulk_insert.hpp"
#include "store/params.hpp"
#include "store/rows.hpp"

namespace evient::store::events {
namespace {

// Card extras computed in the same statement (no N+1): the cheapest visible
// price, how many visible types there are and how many still have seats.
constexpr const char* kCardExtras =
    ", (SELECT MIN(t.price) FROM ticket_types t WHERE t.event_id = e.id AND t.status <> 'hidden')"
    " AS min_price"
    ", (SELECT COUNT(*) FROM ticket_types t WHERE t.event_id = e.id AND t.status <> 'hidden')"
    " AS visible_types"
    ", (SELECT COUNT(*) FROM ticket_types t WHERE t.event_id = e.id AND t.status = 'active'"
    " AND t.quantity_sold < t.quantity_total) AS open_types";

const std::string kSelectEvent = std::string("SELECT ") + rows::kEventColumns + " FROM events e";
const std::string kFindById = kSelectEvent + " WHERE e.id = $1";
const std::string kFindBySlug = kSelectEvent + " WHERE e.slug = $1";
constexpr const char* kSlugExists = "SELECT 1 FROM events WHERE slug = $1";
constexpr const char* kInsertHead =
    "INSERT INTO events (id, title, slug, description, content, location, start_time, end_time, "
    "banner_image, thumbnail_image, category, status, is_hot, created_at, updated_at, "
    "search_text)";
const std::string kInsert = insert_values_sql(kInsertHead, 1);
constexpr const char* kUpdate =
    "UPDATE events SET title = $2, slug = $3, description = $4, content = $5, location = $6, "
    "start_time = $7, end_time = $8, banner_image = $9, thumbnail_image = $10, category = $11, "
    "status = $12, is_hot = $13, updated_at = $14, search_text = $15 WHERE id = $1";
constexpr const char* kDeleteBanners = "DELETE FROM banners WHERE event_id = $1";
constexpr const char* kDeleteTypes = "DELETE FROM ticket_types WHERE event_id = $1";
constexpr const char* kDelete = "DELETE FROM events WHERE id = $1";

const std::string kSelectType =
    std::string("SELECT ") + rows::kTicketTypeColumns + " FROM ticket_types t";
constexpr const char* kTypesOrder = " ORDER BY t.sort_order, t.price, t.created_at, t.id";
const std::string kTypesOfEvent = kSelectType + " WHERE t.event_id = $1" + kTypesOrder;
const std::string kVisibleTypesOfEvent =
    kSelectType + " WHERE t.event_id = $1 AND t.status <> 'hidden'" + kTypesOrder;
const std::string kFindType = kSelectType + " WHERE t.id = $1";
constexpr const char* kInsertTypeHead =
    "INSERT INTO ticket_types (id, event_id, name, description, price, original_price, "
    "quantity_total, quantity_sold, status, sort_order, created_at, updated_at)";
const std::string kInsertType = insert_values_sql(kInsertTypeHead, 1);
constexpr const char* kUpdateType =
    "UPDATE ticket_types SET name = $2, description = $3, price = $4, original_price = $5, "
    "quantity_total = $6, status = $7, sort_order = $8, updated_at = $9 "
    "WHERE id = $1 AND quantity_sold <= $6";
constexpr const char* kDeleteType = "DELETE FROM ticket_types WHERE id = $1";

void apply_filter(QueryBuilder& q, const EventFilter& f) {
  if (!f.statuses.empty()) {
    std::string in;
    for (auto s : f.statuses) in += (in.empty() ? "" : ", ") + q.bind(text_of(s));
    q.where("e.status IN (" + in + ")");
  }
  if (f.category) q.where("lower(e.category) = " + q.bind(text::ascii_lower(*f.category)));
  for (const auto& w : f.search_words) {
    q.where("e.search_text LIKE " + q.bind(like_contains(w)) + " ESCAPE '\\'");
  }
  if (f.ends_after) q.where("COALESCE(e.end_time, e.start_time) >= " + q.bind(ts(*f.ends_after)));
  if (f.starts_after) q.where("e.start_time >= " + q.bind(ts(*f.starts_after)));
  if (f.is_hot) q.where("e.is_hot = " + q.bind(*f.is_hot));
}

std::string search_text_of(const Event& e) {
  return text::fold(e.title + " " + e.description.value_or("") + " " + e.location.value_or(""));
}

// The parameters of kInsertHead, in its order.
std::vector<Param> event_params(const Event& e) {
  return {e.id,
          e.title,
          e.slug,
          text_or_null(e.description),
          text_or_null(e.content),
          text_or_null(e.location),
          ts_or_null(e.start_time),
          ts_or_null(e.end_time),
          text_or_null(e.banner_image),
          text_or_null(e.thumbnail_image),
          text_or_null(e.category),
          text_of(e.status),
          e.is_hot,
          ts(e.created_at),
          ts(e.updated_at),
          search_text_of(e)};
}

// The parameters of kInsertTypeHead, in its order.
std::vector<Param> type_params(const TicketType& t) {
  return {t.id,
          t.event_id,
          t.name,
          text_or_null(t.description),
          t.price,
          i64_or_null(t.original_price),
          t.quantity_total,
          t.quantity_sold,
          text_of(t.status),
          t.sort_order,
          ts(t.created_at),
          ts(t.updated_at)};
}

std::optional<Event> first(const Result& r) {
  if (r.empty()) return std::nullopt;
  return rows::event(r[0]);
}

}  // namespace

std::vector<EventCard> list_cards(Tx& tx, const EventFilter& f, std::int64_t limit,
                                  std::int64_t offset) {
  QueryBuilder q;
  apply_filter(q, f);
  // The page is chosen over (start_time, id) alone, then only its rows are
  // read in full with their card extras: sorting whole rows and running the
  // subqueries for every row before the OFFSET cost ~15x more on deep pages.
  std::string sql = std::string("SELECT ") + rows::kEventColumns + kCardExtras +
                    " FROM events e JOIN (SELECT e.id FROM events e" + q.where_clause() +
                    " ORDER BY e.start_time ASC, e.id ASC LIMIT " + q.bind(limit) + " OFFSET " +
                    q.bind(offset) + ") page ON page.id = e.id ORDER BY e.start_time ASC, e.id ASC";
  Result r = tx.exec(sql, q.params());
  return rows::all(r, [](const Result::Row& row) {
    EventCard c;
    c.event = rows::event(row);
    c.event.content.reset();
    c.min_price = row.opt_i64("min_price");
    c.is_sold_out = row.i64("visible_types") > 0 && row.i64("open_types") == 0;
    return c;
  });
}

std::int64_t count(Tx& tx, const EventFilter& f) {
  QueryBuilder q;
  apply_filter(q, f);
  return tx.exec("SELECT COUNT(*) FROM events e" + q.where_clause(), q.params())[0].i64(0);
}

std::optional<Event> find_by_id(Tx& tx, const std::string& id) {
  if (!crypto::is_uuid(id)) return std::nullopt;
  return first(tx.exec(kFindById, {id}));
}

std::optional<Event> find_for_update(Tx& tx, const std::string& id) {
  if (!crypto::is_uuid(id)) return std::nullopt;
  return first(tx.exec(kFindById + std::string(tx.dialect().lock_rows), {id}));
}

std::optional<Event> find_by_slug(Tx& tx, const std::string& slug) {
  return first(tx.exec(kFindBySlug, {slug}));
}

bool slug_exists(Tx& tx, const std::string& slug) {
  return !tx.exec(kSlugExists, {slug}).empty();
}

void insert(Tx& tx, const Event& e) {
  tx.exec(kInsert, event_params(e));
}

void insert_many(Tx& tx, const std::vector<Event>& events) {
  BulkInsert bulk(tx, kInsertHead);
  for (const auto& e : events) bulk.add(event_params(e));
  bulk.flush();
}

void update(Tx& tx, const Event& e) {
  tx.exec(kUpdate, [&] {
    // created_at never changes; PostgreSQL rejects parameters a statement does not use.
    auto p = event_params(e);
    p.erase(p.begin() + 13);
    return p;
  }());
}

void remove(Tx& tx, const std::string& id) {
  tx.exec(kDeleteBanners, {id});
  tx.exec(kDeleteTypes, {id});
  tx.exec(kDelete, {id});
}

std::vector<TicketType> ticket_types(Tx& tx, const std::string& event_id, bool include_hidden) {
  if (!crypto::is_uuid(event_id)) return {};
  return rows::all(tx.exec(include_hidden ? kTypesOfEvent : kVisibleTypesOfEvent, {event_id}),
                   rows::ticket_type);
}

std::vector<TicketType> ticket_types_by_id(Tx& tx, const std::vector<std::string>& ids) {
  if (ids.empty()) return {};
  QueryBuilder q;
  std::string in;
  for (const auto& id : ids) in += (in.empty() ? "" : ", ") + q.bind(id);
  return rows::all(tx.exec(kSelectType + " WHERE t.id IN (" + in + ")", q.params()),
                   rows::ticket_type);
}

void attach_visible_types(Tx& tx, std::vector<EventCard>& cards) {
  if (cards.empty()) return;
  QueryBuilder q;
  std::string in;
  std::map<std::string, EventCard*> by_id;
  for (auto& c : cards) {
    in += (in.empty() ? "" : ", ") + q.bind(c.event.id);
    by_id[c.event.id] = &c;
  }
  Result r = tx.exec(
      kSelectType + " WHERE t.status <> 'hidden' AND t.event_id IN (" + in + ")" + kTypesOrder,
      q.params());
  for (std::size_t k = 0; k < r.size(); ++k) {
    TicketType t = rows::ticket_type(r[k]);
    by_id.at(t.event_id)->ticket_types.push_back(std::move(t));
  }
}

std::optional<TicketType> find_ticket_type(Tx& tx, const std::string& id) {
  if (!crypto::is_uuid(id)) return std::nullopt;
  Result r = tx.exec(kFindType, {id});
  if (r.empty()) return std::nullopt;
  return rows::ticket_type(r[0]);
}

std::vector<TicketTypeListing> list_ticket_types(Tx& tx,
                                                 const std::optional<std::string>& event_id) {
  if (event_id && !crypto::is_uuid(*event_id)) return {};
  // CASE keeps undated events last on both engines (their NULL ordering differs).
  std::string sql = "SELECT " + std::string(rows::kTicketTypeColumns) +
                    ", e.title AS e_title FROM ticket_types t JOIN events e ON e.id = t.event_id";
  std::vector<Param> params;
  if (event_id) {
    sql += " WHERE t.event_id = $1";
    params.emplace_back(*event_id);
  }
  sql +=
      " ORDER BY CASE WHEN e.start_time IS NULL THEN 1 ELSE 0 END, e.start_time, e.title, e.id, "
      "t.sort_order, t.price, t.created_at, t.id";
  Result r = tx.exec(sql, params);
  std::vector<TicketTypeListing> out;
  out.reserve(r.size());
  for (std::size_t k = 0; k < r.size(); ++k) {
    out.push_back({rows::ticket_type(r[k]), r[k].text("e_title")});
  }
  return out;
}

void insert_ticket_type(Tx& tx, const TicketType& t) {
  tx.exec(kInsertType, type_params(t));
}

void insert_ticket_types(Tx& tx, const std::vector<TicketType>& types) {
  BulkInsert bulk(tx, kInsertTypeHead);
  for (const auto& t : types) bulk.add(type_params(t));
  bulk.flush();
}

bool update_ticket_type(Tx& tx, const TicketType& t) {
  Result r = tx.exec(kUpdateType, {t.id, t.name, text_or_null(t.description), t.price,
                                   i64_or_null(t.original_price), t.quantity_total,
                                   text_of(t.status), t.sort_order, ts(t.updated_at)});
  return r.affected() == 1;
}

void remove_ticket_type(Tx& tx, const std::string& id) {
  tx.exec(kDeleteType, {id});
}

}  // namespace evient::store::events
