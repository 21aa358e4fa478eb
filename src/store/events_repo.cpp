#include "store/events_repo.hpp"

#include "core/crypto.hpp"
#include "core/text.hpp"
#include "store/params.hpp"

namespace evient::store::events {
namespace {

constexpr const char* kColumns =
    "e.id, e.title, e.slug, e.description, e.content, e.location, e.start_time, e.end_time, "
    "e.banner_image, e.thumbnail_image, e.category, e.status, e.is_hot, e.created_at, "
    "e.updated_at";
constexpr std::size_t kColumnCount = 15;

// Card extras computed in the same statement (no N+1): the cheapest visible
// price, how many visible types there are and how many still have seats.
constexpr const char* kCardExtras =
    ", (SELECT MIN(t.price) FROM ticket_types t WHERE t.event_id = e.id AND t.status <> 'hidden')"
    ", (SELECT COUNT(*) FROM ticket_types t WHERE t.event_id = e.id AND t.status <> 'hidden')"
    ", (SELECT COUNT(*) FROM ticket_types t WHERE t.event_id = e.id AND t.status = 'active'"
    " AND t.quantity_sold < t.quantity_total)";

Event from_row(const Result::Row& r) {
  Event e;
  e.id = r.text(0);
  e.title = r.text(1);
  e.slug = r.text(2);
  e.description = r.opt_text(3);
  e.content = r.opt_text(4);
  e.location = r.opt_text(5);
  e.start_time = r.opt_time(6);
  e.end_time = r.opt_time(7);
  e.banner_image = r.opt_text(8);
  e.thumbnail_image = r.opt_text(9);
  e.category = r.opt_text(10);
  e.status = r.text(11);
  e.is_hot = r.boolean(12);
  e.created_at = r.time(13);
  e.updated_at = r.time(14);
  return e;
}

}  // namespace

const char* const kTicketTypeColumns =
    "t.id, t.event_id, t.name, t.description, t.price, t.original_price, t.quantity_total, "
    "t.quantity_sold, t.status, t.sort_order, t.created_at, t.updated_at";

TicketType ticket_type_from_row(const Result::Row& r) {
  TicketType t;
  t.id = r.text(0);
  t.event_id = r.text(1);
  t.name = r.text(2);
  t.description = r.opt_text(3);
  t.price = r.i64(4);
  t.original_price = r.opt_i64(5);
  t.quantity_total = r.i64(6);
  t.quantity_sold = r.i64(7);
  t.status = r.text(8);
  t.sort_order = r.i64(9);
  t.created_at = r.time(10);
  t.updated_at = r.time(11);
  return t;
}

namespace {

void apply_filter(QueryBuilder& q, const EventFilter& f) {
  if (!f.statuses.empty()) {
    std::string in;
    for (const auto& s : f.statuses) in += (in.empty() ? "" : ", ") + q.bind(s);
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
          e.status,
          e.is_hot,
          ts(e.created_at),
          ts(e.updated_at),
          search_text_of(e)};
}

std::optional<Event> first(const Result& r) {
  if (r.empty()) return std::nullopt;
  return from_row(r[0]);
}

}  // namespace

std::vector<EventCard> list_cards(Tx& tx, const EventFilter& f, std::int64_t limit,
                                  std::int64_t offset) {
  QueryBuilder q;
  apply_filter(q, f);
  // The page is chosen over (start_time, id) alone, then only its rows are
  // read in full with their card extras: sorting whole rows and running the
  // subqueries for every row before the OFFSET cost ~15x more on deep pages.
  std::string sql = std::string("SELECT ") + kColumns + kCardExtras +
                    " FROM events e JOIN (SELECT e.id FROM events e" + q.where_clause() +
                    " ORDER BY e.start_time ASC, e.id ASC LIMIT " + q.bind(limit) + " OFFSET " +
                    q.bind(offset) + ") page ON page.id = e.id ORDER BY e.start_time ASC, e.id ASC";
  Result r = tx.exec(sql, q.params());
  std::vector<EventCard> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) {
    EventCard c;
    c.event = from_row(r[i]);
    c.event.content.reset();
    c.min_price = r[i].opt_i64(kColumnCount);
    const std::int64_t visible = r[i].i64(kColumnCount + 1);
    const std::int64_t open = r[i].i64(kColumnCount + 2);
    c.is_sold_out = visible > 0 && open == 0;
    out.push_back(std::move(c));
  }
  return out;
}

std::int64_t count(Tx& tx, const EventFilter& f) {
  QueryBuilder q;
  apply_filter(q, f);
  return tx.exec("SELECT COUNT(*) FROM events e" + q.where_clause(), q.params())[0].i64(0);
}

std::optional<Event> find_by_id(Tx& tx, const std::string& id) {
  if (!crypto::is_uuid(id)) return std::nullopt;
  return first(tx.exec(std::string("SELECT ") + kColumns + " FROM events e WHERE e.id = $1", {id}));
}

std::optional<Event> find_by_slug(Tx& tx, const std::string& slug) {
  return first(
      tx.exec(std::string("SELECT ") + kColumns + " FROM events e WHERE e.slug = $1", {slug}));
}

bool slug_exists(Tx& tx, const std::string& slug) {
  return !tx.exec("SELECT 1 FROM events WHERE slug = $1", {slug}).empty();
}

void insert(Tx& tx, const Event& e) {
  tx.exec(
      "INSERT INTO events (id, title, slug, description, content, location, start_time, end_time, "
      "banner_image, thumbnail_image, category, status, is_hot, created_at, updated_at, "
      "search_text) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
      event_params(e));
}

void update(Tx& tx, const Event& e) {
  tx.exec(
      "UPDATE events SET title = $2, slug = $3, description = $4, content = $5, location = $6, "
      "start_time = $7, end_time = $8, banner_image = $9, thumbnail_image = $10, category = $11, "
      "status = $12, is_hot = $13, updated_at = $14, search_text = $15 WHERE id = $1",
      [&] {
        // created_at never changes; PostgreSQL rejects parameters a statement does not use.
        auto p = event_params(e);
        p.erase(p.begin() + 13);
        return p;
      }());
}

void remove(Tx& tx, const std::string& id) {
  tx.exec("DELETE FROM banners WHERE event_id = $1", {id});
  tx.exec("DELETE FROM ticket_types WHERE event_id = $1", {id});
  tx.exec("DELETE FROM events WHERE id = $1", {id});
}

std::vector<TicketType> ticket_types(Tx& tx, const std::string& event_id, bool include_hidden) {
  if (!crypto::is_uuid(event_id)) return {};
  std::string sql = std::string("SELECT ") + kTicketTypeColumns +
                    " FROM ticket_types t WHERE t.event_id = $1" +
                    (include_hidden ? "" : " AND t.status <> 'hidden'") +
                    " ORDER BY t.sort_order, t.price, t.created_at, t.id";
  Result r = tx.exec(sql, {event_id});
  std::vector<TicketType> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) out.push_back(ticket_type_from_row(r[i]));
  return out;
}

std::optional<TicketType> find_ticket_type(Tx& tx, const std::string& id) {
  if (!crypto::is_uuid(id)) return std::nullopt;
  Result r = tx.exec(
      std::string("SELECT ") + kTicketTypeColumns + " FROM ticket_types t WHERE t.id = $1", {id});
  if (r.empty()) return std::nullopt;
  return ticket_type_from_row(r[0]);
}

void insert_ticket_type(Tx& tx, const TicketType& t) {
  tx.exec(
      "INSERT INTO ticket_types (id, event_id, name, description, price, original_price, "
      "quantity_total, quantity_sold, status, sort_order, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
      {t.id, t.event_id, t.name, text_or_null(t.description), t.price,
       i64_or_null(t.original_price), t.quantity_total, t.quantity_sold, t.status, t.sort_order,
       ts(t.created_at), ts(t.updated_at)});
}

bool update_ticket_type(Tx& tx, const TicketType& t) {
  Result r = tx.exec(
      "UPDATE ticket_types SET name = $2, description = $3, price = $4, original_price = $5, "
      "quantity_total = $6, status = $7, sort_order = $8, updated_at = $9 "
      "WHERE id = $1 AND quantity_sold <= $6",
      {t.id, t.name, text_or_null(t.description), t.price, i64_or_null(t.original_price),
       t.quantity_total, t.status, t.sort_order, ts(t.updated_at)});
  return r.affected() == 1;
}

void remove_ticket_type(Tx& tx, const std::string& id) {
  tx.exec("DELETE FROM ticket_types WHERE id = $1", {id});
}

}  // namespace evient::store::events
