#include "store/seating_repo.hpp"

#include <algorithm>

#include "core/crypto.hpp"
#include "store/bulk_insert.hpp"
#include "store/params.hpp"

namespace evient::store::seating {
namespace {

constexpr const char* kRoomColumns =
    "r.id AS r_id, r.name AS r_name, r.row_count AS r_row_count, "
    "r.seats_per_row AS r_seats_per_row, r.is_active AS r_is_active, r.created_at AS r_created_at, "
    "r.updated_at AS r_updated_at";
constexpr const char* kSeatColumns =
    "s.id AS s_id, s.room_id AS s_room_id, s.row_label AS s_row_label, s.row_index AS s_row_index, "
    "s.number AS s_number, s.is_active AS s_is_active";

constexpr const char* kInsertRoomHead =
    "INSERT INTO rooms (id, name, row_count, seats_per_row, is_active, created_at, updated_at)";
const std::string kInsertRoom = insert_values_sql(kInsertRoomHead, 1);
constexpr const char* kInsertSeatHead =
    "INSERT INTO seats (id, room_id, row_label, row_index, number, is_active)";
constexpr const char* kUpdateRoom =
    "UPDATE rooms SET name = $2, row_count = $3, seats_per_row = $4, is_active = $5, "
    "updated_at = $6 WHERE id = $1";
constexpr const char* kDeleteRoom = "DELETE FROM rooms WHERE id = $1";
constexpr const char* kDeleteSeats = "DELETE FROM seats WHERE room_id = $1";
const std::string kFindRoom =
    std::string("SELECT ") + kRoomColumns + " FROM rooms r WHERE r.id = $1";
const std::string kListRooms =
    std::string("SELECT ") + kRoomColumns + " FROM rooms r ORDER BY r.name, r.id";
const std::string kSeatsOfRoom =
    std::string("SELECT ") + kSeatColumns +
    " FROM seats s WHERE s.room_id = $1 ORDER BY s.row_index, s.number";
const std::string kAllSeats =
    std::string("SELECT ") + kSeatColumns + " FROM seats s ORDER BY s.row_index, s.number";
constexpr const char* kSetSeatActive =
    "UPDATE seats SET is_active = $3 WHERE id = $2 AND room_id = $1";
constexpr const char* kRoomInUse = "SELECT 1 FROM events WHERE room_id = $1 LIMIT 1";

constexpr const char* kEventRoom = "SELECT room_id FROM events WHERE id = $1";
constexpr const char* kSetEventRoom = "UPDATE events SET room_id = $2 WHERE id = $1";
constexpr const char* kCountTaken =
    "SELECT COUNT(*) FROM event_seats WHERE event_id = $1 AND state IN ('held', 'sold')";
constexpr const char* kDeleteEventSeats = "DELETE FROM event_seats WHERE event_id = $1";
constexpr const char* kInsertEventSeatHead =
    "INSERT INTO event_seats (event_id, seat_id, ticket_type_id, state)";
constexpr const char* kZones =
    "SELECT seat_id, ticket_type_id FROM event_seats WHERE event_id = $1";
constexpr const char* kSeatedTypes =
    "SELECT DISTINCT ticket_type_id FROM event_seats WHERE event_id = $1 ORDER BY ticket_type_id";
constexpr const char* kTypeIsSeated = "SELECT 1 FROM event_seats WHERE ticket_type_id = $1 LIMIT 1";
constexpr const char* kSeatMap =
    "SELECT s.id AS s_id, s.row_label AS s_row_label, s.row_index AS s_row_index, "
    "s.number AS s_number, s.is_active AS s_is_active, x.ticket_type_id AS x_ticket_type_id, "
    "x.state AS x_state, x.held_until AS x_held_until FROM seats s "
    "LEFT JOIN event_seats x ON x.seat_id = s.id AND x.event_id = $1 "
    "WHERE s.room_id = $2 ORDER BY s.row_index, s.number";
// The rows of kSeatMap that may not read available (see map_state()).
constexpr const char* kUnavailableSeats =
    "SELECT x.seat_id AS x_seat_id, x.state AS x_state, x.held_until AS x_held_until, "
    "s.is_active AS s_is_active FROM event_seats x JOIN seats s ON s.id = x.seat_id "
    "WHERE x.event_id = $1 AND (x.state <> 'available' OR s.is_active = FALSE)";

constexpr const char* kRecordOrderSeatHead =
    "INSERT INTO order_seats (order_id, event_id, seat_id, ticket_type_id)";
constexpr const char* kOrderSeats =
    "SELECT os.ticket_type_id AS os_ticket_type_id, s.id AS s_id, s.row_label AS s_row_label, "
    "s.number AS s_number, r.name AS r_name FROM order_seats os "
    "JOIN seats s ON s.id = os.seat_id JOIN rooms r ON r.id = s.room_id "
    "WHERE os.order_id = $1 ORDER BY s.row_index, s.number";
constexpr const char* kHeldBy =
    "SELECT seat_id FROM event_seats WHERE order_id = $1 AND state = 'held'";
constexpr const char* kCountOrderSeats = "SELECT COUNT(*) FROM order_seats WHERE order_id = $1";
constexpr const char* kMarkSold =
    "UPDATE event_seats SET state = 'sold', held_until = NULL "
    "WHERE order_id = $1 AND state = 'held'";
constexpr const char* kReleaseOrder =
    "UPDATE event_seats SET state = 'available', order_id = NULL, held_until = NULL "
    "WHERE order_id = $1 AND state IN ('held', 'sold') AND NOT EXISTS (SELECT 1 FROM tickets k "
    "WHERE k.order_id = $1 AND k.seat_id = event_seats.seat_id AND k.status = 'used')";
constexpr const char* kReholdOrder =
    "UPDATE event_seats SET state = 'held', order_id = $1, held_until = $2 "
    "WHERE state = 'available' AND (event_id, seat_id, ticket_type_id) IN (SELECT os.event_id, "
    "os.seat_id, os.ticket_type_id FROM order_seats os WHERE os.order_id = $1)";
constexpr const char* kFreeEvent =
    "UPDATE event_seats SET state = 'available', order_id = NULL, held_until = NULL "
    "WHERE event_id = $1 AND state IN ('held', 'sold')";
constexpr const char* kDisableEverywhere =
    "UPDATE event_seats SET state = 'disabled' WHERE seat_id = $1 AND state = 'available' "
    "RETURNING ticket_type_id";
constexpr const char* kEnableEverywhere =
    "UPDATE event_seats SET state = 'available' WHERE seat_id = $1 AND state = 'disabled' "
    "RETURNING ticket_type_id";
constexpr const char* kLockType =
    "UPDATE ticket_types SET quantity_total = quantity_total WHERE id = $1";
constexpr const char* kAdjustTotal =
    "UPDATE ticket_types SET quantity_total = quantity_total + $2 WHERE id = $1";
constexpr const char* kSetTotal = "UPDATE ticket_types SET quantity_total = $2 WHERE id = $1";

constexpr const char* kSeatedTypeCounts =
    "SELECT t.id AS t_id, t.quantity_total AS t_quantity_total, t.quantity_sold AS "
    "t_quantity_sold, "
    "SUM(CASE WHEN x.state IN ('available', 'held', 'sold') THEN 1 ELSE 0 END) AS sellable, "
    "SUM(CASE WHEN x.state IN ('held', 'sold') THEN 1 ELSE 0 END) AS taken "
    "FROM ticket_types t JOIN event_seats x ON x.ticket_type_id = t.id "
    "GROUP BY t.id, t.quantity_total, t.quantity_sold ORDER BY t.id";
constexpr const char* kSeatsSoldTwice =
    "SELECT COUNT(*) FROM (SELECT event_id, seat_id FROM tickets WHERE seat_id IS NOT NULL "
    "AND status IN ('valid', 'used') GROUP BY event_id, seat_id HAVING COUNT(*) > 1) d";
constexpr const char* kSoldWithoutTicket =
    "SELECT COUNT(*) FROM event_seats x WHERE x.state = 'sold' AND NOT EXISTS (SELECT 1 FROM "
    "tickets k WHERE k.event_id = x.event_id AND k.seat_id = x.seat_id "
    "AND k.status IN ('valid', 'used'))";
constexpr const char* kTicketOnUnsoldSeat =
    "SELECT COUNT(*) FROM tickets k WHERE k.seat_id IS NOT NULL AND k.status IN ('valid', 'used') "
    "AND NOT EXISTS (SELECT 1 FROM event_seats x WHERE x.event_id = k.event_id "
    "AND x.seat_id = k.seat_id AND x.state = 'sold')";

Room room_of(const Result::Row& r) {
  Room room;
  room.id = r.text("r_id");
  room.name = r.text("r_name");
  room.rows = r.i64("r_row_count");
  room.seats_per_row = r.i64("r_seats_per_row");
  room.is_active = r.boolean("r_is_active");
  room.created_at = r.time("r_created_at");
  room.updated_at = r.time("r_updated_at");
  return room;
}

Seat seat_of(const Result::Row& r) {
  Seat s;
  s.id = r.text("s_id");
  s.room_id = r.text("s_room_id");
  s.row = r.text("s_row_label");
  s.row_index = r.i64("s_row_index");
  s.number = r.i64("s_number");
  s.is_active = r.boolean("s_is_active");
  return s;
}

// A zoned seat's state on the map at `now`, from its event_seats row and its
// room seat (one rule for the whole map and for the cached map's overlay):
// a hold whose time ran out reads available, and a seat the room switched off
// is never for sale, whatever the event says. held_until is kept while held.
void map_state(const Result::Row& row, Timestamp now, SeatState& state,
               std::optional<Timestamp>& held_until) {
  state = parse_or_throw<SeatState>(row.text("x_state"));
  held_until.reset();
  if (state == SeatState::Held) {
    auto until = row.opt_time("x_held_until");
    if (until && *until <= now) {
      state = SeatState::Available;
    } else {
      held_until = until;
    }
  }
  if (!row.boolean("s_is_active") && state == SeatState::Available) state = SeatState::Disabled;
}

// " IN ($n, ...)" over `ids`, bound into `q`.
std::string in_list(QueryBuilder& q, const std::vector<std::string>& ids) {
  std::string in;
  for (const auto& id : ids) in += (in.empty() ? "" : ", ") + q.bind(id);
  return " IN (" + in + ")";
}

// Only well-formed ids reach a uuid column (PostgreSQL rejects the others).
std::vector<std::string> uuids(const std::vector<std::string>& ids) {
  std::vector<std::string> out;
  for (const auto& id : ids) {
    if (crypto::is_uuid(id)) out.push_back(id);
  }
  return out;
}

CountByType count_types(const Result& r) {
  CountByType out;
  for (std::size_t i = 0; i < r.size(); ++i) ++out[r[i].text(0)];
  return out;
}

std::vector<SeatChange> changes(const Result& r) {
  std::vector<SeatChange> out;
  for (std::size_t i = 0; i < r.size(); ++i) out.push_back({r[i].text(0), r[i].text(1)});
  return out;
}

}  // namespace

void insert_room(Tx& tx, const Room& room) {
  tx.exec(kInsertRoom, {room.id, room.name, room.rows, room.seats_per_row, room.is_active,
                        ts(room.created_at), ts(room.updated_at)});
  insert_seats(tx, room.seats);
}

void update_room(Tx& tx, const Room& room) {
  tx.exec(kUpdateRoom,
          {room.id, room.name, room.rows, room.seats_per_row, room.is_active, ts(room.updated_at)});
}

void delete_room(Tx& tx, const std::string& id) {
  delete_seats(tx, id);
  tx.exec(kDeleteRoom, {id});
}

std::optional<Room> find_room(Tx& tx, const std::string& id) {
  if (!crypto::is_uuid(id)) return std::nullopt;
  Result r = tx.exec(kFindRoom, {id});
  if (r.empty()) return std::nullopt;
  Room room = room_of(r[0]);
  Result seats = tx.exec(kSeatsOfRoom, {id});
  for (std::size_t i = 0; i < seats.size(); ++i) room.seats.push_back(seat_of(seats[i]));
  return room;
}

std::optional<Room> find_room_head(Tx& tx, const std::string& id) {
  if (!crypto::is_uuid(id)) return std::nullopt;
  Result r = tx.exec(kFindRoom, {id});
  if (r.empty()) return std::nullopt;
  return room_of(r[0]);
}

std::vector<Room> list_rooms(Tx& tx) {
  std::vector<Room> rooms;
  Result r = tx.exec(kListRooms);
  std::map<std::string, std::size_t> at;
  for (std::size_t i = 0; i < r.size(); ++i) {
    rooms.push_back(room_of(r[i]));
    at[rooms.back().id] = i;
  }
  Result seats = tx.exec(kAllSeats);
  for (std::size_t i = 0; i < seats.size(); ++i) {
    Seat s = seat_of(seats[i]);
    if (auto it = at.find(s.room_id); it != at.end())
      rooms[it->second].seats.push_back(std::move(s));
  }
  return rooms;
}

void insert_seats(Tx& tx, const std::vector<Seat>& seats) {
  BulkInsert bulk(tx, kInsertSeatHead);
  for (const auto& s : seats)
    bulk.add({s.id, s.room_id, s.row, s.row_index, s.number, s.is_active});
  bulk.flush();
}

void delete_seats(Tx& tx, const std::string& room_id) {
  tx.exec(kDeleteSeats, {room_id});
}

bool set_seat_active(Tx& tx, const std::string& room_id, const std::string& seat_id, bool active) {
  if (!crypto::is_uuid(room_id) || !crypto::is_uuid(seat_id)) return false;
  return tx.exec(kSetSeatActive, {room_id, seat_id, active}).affected() == 1;
}

bool room_in_use(Tx& tx, const std::string& room_id) {
  return !tx.exec(kRoomInUse, {room_id}).empty();
}

std::optional<std::string> event_room(Tx& tx, const std::string& event_id) {
  Result r = tx.exec(kEventRoom, {event_id});
  if (r.empty()) return std::nullopt;
  return r[0].opt_text(0);
}

void set_event_room(Tx& tx, const std::string& event_id,
                    const std::optional<std::string>& room_id) {
  tx.exec(kSetEventRoom, {event_id, text_or_null(room_id)});
}

std::int64_t count_taken(Tx& tx, const std::string& event_id) {
  return tx.exec(kCountTaken, {event_id})[0].i64(0);
}

void delete_event_seats(Tx& tx, const std::string& event_id) {
  tx.exec(kDeleteEventSeats, {event_id});
}

void insert_event_seats(Tx& tx, const std::string& event_id,
                        const std::vector<EventSeatRow>& rows) {
  BulkInsert bulk(tx, kInsertEventSeatHead);
  for (const auto& r : rows) bulk.add({event_id, r.seat_id, r.ticket_type_id, text_of(r.state)});
  bulk.flush();
}

std::map<std::string, std::string> zones(Tx& tx, const std::string& event_id) {
  std::map<std::string, std::string> out;
  Result r = tx.exec(kZones, {event_id});
  for (std::size_t i = 0; i < r.size(); ++i) out[r[i].text(0)] = r[i].text(1);
  return out;
}

std::vector<std::string> seated_types(Tx& tx, const std::string& event_id) {
  std::vector<std::string> out;
  Result r = tx.exec(kSeatedTypes, {event_id});
  for (std::size_t i = 0; i < r.size(); ++i) out.push_back(r[i].text(0));
  return out;
}

bool type_is_seated(Tx& tx, const std::string& ticket_type_id) {
  if (!crypto::is_uuid(ticket_type_id)) return false;
  return !tx.exec(kTypeIsSeated, {ticket_type_id}).empty();
}

std::vector<SeatMapSeat> seat_map(Tx& tx, const std::string& event_id, const std::string& room_id,
                                  Timestamp now) {
  Result r = tx.exec(kSeatMap, {event_id, room_id});
  std::vector<SeatMapSeat> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) {
    const auto row = r[i];
    SeatMapSeat s;
    s.id = row.text("s_id");
    s.row = row.text("s_row_label");
    s.row_index = row.i64("s_row_index");
    s.number = row.i64("s_number");
    s.ticket_type_id = row.opt_text("x_ticket_type_id");
    // A seat in no zone has no row for the event: it is never for sale.
    if (row.opt_text("x_state")) map_state(row, now, s.state, s.held_until);
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<SeatStateRow> unavailable_seats(Tx& tx, const std::string& event_id, Timestamp now) {
  Result r = tx.exec(kUnavailableSeats, {event_id});
  std::vector<SeatStateRow> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) {
    SeatStateRow s;
    s.seat_id = r[i].text("x_seat_id");
    map_state(r[i], now, s.state, s.held_until);
    if (s.state != SeatState::Available) out.push_back(std::move(s));
  }
  return out;
}

std::int64_t hold(Tx& tx, const std::string& event_id, const std::string& ticket_type_id,
                  const std::vector<std::string>& seat_ids, const std::string& order_id,
                  Timestamp held_until) {
  const auto ids = uuids(seat_ids);
  if (ids.empty()) return 0;
  QueryBuilder q;
  const std::string sql = "UPDATE event_seats SET state = 'held', order_id = " + q.bind(order_id) +
                          ", held_until = " + q.bind(ts(held_until)) +
                          " WHERE event_id = " + q.bind(event_id) +
                          " AND ticket_type_id = " + q.bind(ticket_type_id) +
                          " AND state = 'available' AND seat_id" + in_list(q, ids);
  return tx.exec(sql, q.params()).affected();
}

std::vector<std::string> held_by(Tx& tx, const std::string& order_id) {
  Result r = tx.exec(kHeldBy, {order_id});
  std::vector<std::string> out;
  for (std::size_t i = 0; i < r.size(); ++i) out.push_back(r[i].text(0));
  return out;
}

void unhold(Tx& tx, const std::string& order_id, const std::vector<std::string>& seat_ids) {
  const auto ids = uuids(seat_ids);
  if (ids.empty()) return;
  QueryBuilder q;
  const std::string sql =
      "UPDATE event_seats SET state = 'available', order_id = NULL, held_until = NULL "
      "WHERE order_id = " +
      q.bind(order_id) + " AND state = 'held' AND seat_id" + in_list(q, ids);
  tx.exec(sql, q.params());
}

std::vector<std::string> seats_of_type(Tx& tx, const std::string& event_id,
                                       const std::string& ticket_type_id,
                                       const std::vector<std::string>& seat_ids) {
  const auto ids = uuids(seat_ids);
  std::vector<std::string> out;
  if (ids.empty()) return out;
  QueryBuilder q;
  const std::string sql = "SELECT seat_id FROM event_seats WHERE event_id = " + q.bind(event_id) +
                          " AND ticket_type_id = " + q.bind(ticket_type_id) + " AND seat_id" +
                          in_list(q, ids);
  Result r = tx.exec(sql, q.params());
  for (std::size_t i = 0; i < r.size(); ++i) out.push_back(r[i].text(0));
  return out;
}

std::vector<Seat> available_seats(Tx& tx, const std::string& event_id,
                                  const std::string& ticket_type_id) {
  Result r =
      tx.exec(std::string("SELECT ") + kSeatColumns +
                  " FROM event_seats x JOIN seats s ON s.id = x.seat_id "
                  "WHERE x.event_id = $1 AND x.ticket_type_id = $2 AND x.state = 'available' "
                  "AND s.is_active = TRUE ORDER BY s.row_index, s.number",
              {event_id, ticket_type_id});
  std::vector<Seat> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) out.push_back(seat_of(r[i]));
  return out;
}

void record_order_seats(Tx& tx, const std::string& order_id, const std::string& event_id,
                        const std::string& ticket_type_id,
                        const std::vector<std::string>& seat_ids) {
  BulkInsert bulk(tx, kRecordOrderSeatHead);
  for (const auto& id : seat_ids) bulk.add({order_id, event_id, id, ticket_type_id});
  bulk.flush();
}

std::map<std::string, std::vector<SeatRef>> order_seats(Tx& tx, const std::string& order_id) {
  std::map<std::string, std::vector<SeatRef>> out;
  Result r = tx.exec(kOrderSeats, {order_id});
  for (std::size_t i = 0; i < r.size(); ++i) {
    const auto row = r[i];
    out[row.text("os_ticket_type_id")].push_back(SeatRef{
        row.text("s_id"), row.text("r_name"), row.text("s_row_label"), row.i64("s_number")});
  }
  return out;
}

std::int64_t count_order_seats(Tx& tx, const std::string& order_id) {
  return tx.exec(kCountOrderSeats, {order_id})[0].i64(0);
}

std::int64_t mark_sold(Tx& tx, const std::string& order_id) {
  return tx.exec(kMarkSold, {order_id}).affected();
}

std::int64_t release_order(Tx& tx, const std::string& order_id) {
  return tx.exec(kReleaseOrder, {order_id}).affected();
}

std::int64_t rehold_order(Tx& tx, const std::string& order_id, Timestamp held_until) {
  return tx.exec(kReholdOrder, {order_id, ts(held_until)}).affected();
}

void free_event(Tx& tx, const std::string& event_id) {
  tx.exec(kFreeEvent, {event_id});
}

std::vector<SeatChange> block(Tx& tx, const std::string& event_id,
                              const std::vector<std::string>& seat_ids) {
  const auto ids = uuids(seat_ids);
  if (ids.empty()) return {};
  QueryBuilder q;
  const std::string sql =
      "UPDATE event_seats SET state = 'blocked' WHERE event_id = " + q.bind(event_id) +
      " AND state = 'available' AND seat_id" + in_list(q, ids) +
      " RETURNING seat_id, ticket_type_id";
  return changes(tx.exec(sql, q.params()));
}

std::vector<SeatChange> unblock(Tx& tx, const std::string& event_id,
                                const std::vector<std::string>& seat_ids) {
  const auto ids = uuids(seat_ids);
  if (ids.empty()) return {};
  QueryBuilder q;
  const std::string event = q.bind(event_id);
  const std::string in = in_list(q, ids);
  // A seat the room switched off meanwhile becomes disabled, not available.
  tx.exec("UPDATE event_seats SET state = 'disabled' WHERE event_id = " + event +
              " AND state = 'blocked' AND seat_id" + in +
              " AND seat_id IN (SELECT id FROM seats WHERE is_active = FALSE)",
          q.params());
  return changes(tx.exec("UPDATE event_seats SET state = 'available' WHERE event_id = " + event +
                             " AND state = 'blocked' AND seat_id" + in +
                             " RETURNING seat_id, ticket_type_id",
                         q.params()));
}

CountByType disable_everywhere(Tx& tx, const std::string& seat_id) {
  return count_types(tx.exec(kDisableEverywhere, {seat_id}));
}

CountByType enable_everywhere(Tx& tx, const std::string& seat_id) {
  return count_types(tx.exec(kEnableEverywhere, {seat_id}));
}

std::vector<std::string> types_covering(Tx& tx, const std::vector<std::string>& seat_ids,
                                        const std::optional<std::string>& event_id) {
  const auto ids = uuids(seat_ids);
  std::vector<std::string> out;
  if (ids.empty()) return out;
  QueryBuilder q;
  std::string sql =
      "SELECT DISTINCT ticket_type_id FROM event_seats WHERE seat_id" + in_list(q, ids);
  if (event_id) sql += " AND event_id = " + q.bind(*event_id);
  Result r = tx.exec(sql + " ORDER BY ticket_type_id", q.params());
  for (std::size_t i = 0; i < r.size(); ++i) out.push_back(r[i].text(0));
  return out;
}

void lock_type(Tx& tx, const std::string& ticket_type_id) {
  tx.exec(kLockType, {ticket_type_id});
}

void adjust_total(Tx& tx, const std::string& ticket_type_id, std::int64_t delta) {
  tx.exec(kAdjustTotal, {ticket_type_id, delta});
}

void set_total(Tx& tx, const std::string& ticket_type_id, std::int64_t total) {
  tx.exec(kSetTotal, {ticket_type_id, total});
}

std::vector<SeatedTypeCounts> seated_type_counts(Tx& tx) {
  Result r = tx.exec(kSeatedTypeCounts);
  std::vector<SeatedTypeCounts> out;
  for (std::size_t i = 0; i < r.size(); ++i) {
    const auto row = r[i];
    out.push_back({row.text("t_id"), row.i64("t_quantity_total"), row.i64("t_quantity_sold"),
                   row.i64("sellable"), row.i64("taken")});
  }
  return out;
}

std::int64_t seats_sold_twice(Tx& tx) {
  return tx.exec(kSeatsSoldTwice)[0].i64(0);
}

std::int64_t sold_seats_without_ticket(Tx& tx) {
  return tx.exec(kSoldWithoutTicket)[0].i64(0);
}

std::int64_t tickets_on_unsold_seat(Tx& tx) {
  return tx.exec(kTicketOnUnsoldSeat)[0].i64(0);
}

}  // namespace evient::store::seating
