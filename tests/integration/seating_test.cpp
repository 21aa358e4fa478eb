// Seated events: rooms (the organisers' client's dialect), an event's seating,
// blocks, the public seat map and its cache, checkout with chosen and
// best-available seats, races for the same seats, and every way a seat comes
// back (expiry, cancellation by the buyer, event cancellation, refund); the
// seat on tickets everywhere they are shown.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <set>
#include <thread>

#include "api/serializers.hpp"
#include "checkout_support.hpp"
#include "http/envelope.hpp"
#include "services/order_service.hpp"
#include "services/seating_service.hpp"
#include "tools/consistency.hpp"
#include "tools/seeder.hpp"

namespace evient::test {
namespace {
namespace json = boost::json;
using namespace checkout_support;
using std::chrono::minutes;

class SeatingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    admin_ = server_.admin_token();
    event_ = create_event(app(), {.title = "Opera Night", .starts_in = std::chrono::hours(1)});
    vip_ =
        create_ticket_type(app(), event_.id, {.name = "VIP", .price = 500000, .quantity_total = 1});
    std_ = create_ticket_type(app(), event_.id,
                              {.name = "Standard", .price = 200000, .quantity_total = 1});
    alice_ = quick_buyer(app(), "alice@example.com");
    bob_ = quick_buyer(app(), "bob@example.com");
  }
  App& app() { return server_.app(); }
  HttpClient& http() { return server_.http(); }

  HttpResponse patch(const std::string& target, const std::string& token) {
    return http().request("PATCH", target, "", {{"Authorization", "Bearer " + token}});
  }

  // Creates a room over the API; returns its data.
  json::object make_room(const std::string& name, int rows, int per_row) {
    auto r = http().post("/api/rooms", {{"name", name}, {"rows", rows}, {"seatsPerRow", per_row}},
                         admin_);
    EXPECT_EQ(r.status, 201u) << r.body;
    return r.json().at("data").as_object();
  }

  // "A1" -> seat id.
  static std::map<std::string, std::string> seat_ids(const json::object& room) {
    std::map<std::string, std::string> out;
    for (const auto& s : room.at("seats").as_array()) {
      out[str(s.at("row")) + std::to_string(s.at("number").as_int64())] = str(s.at("id"));
    }
    return out;
  }

  HttpResponse set_seating(const std::string& event_id, const json::value& body) {
    return http().put("/api/admin/events/" + event_id + "/seating", body, admin_);
  }

  // A 4 x 5 room: VIP covers row A, Standard rows B and C and seats D1, D2.
  void seat_default_event() {
    room_ = make_room("Main Hall", 4, 5);
    seats_ = seat_ids(room_);
    auto r = set_seating(
        event_.id,
        json::object{
            {"room_id", room_.at("id")},
            {"zones",
             json::array{json::object{{"ticket_type_id", vip_.id}, {"rows", json::array{"A"}}},
                         json::object{{"ticket_type_id", std_.id}, {"rows", json::array{"B", "C"}}},
                         json::object{{"ticket_type_id", std_.id},
                                      {"seat_ids", json::array{seats_["D1"], seats_["D2"]}}}}}});
    ASSERT_EQ(r.status, 200u) << r.body;
  }

  HttpResponse buy_seats(const std::string& token, const std::string& type_id,
                         const std::vector<std::string>& labels,
                         const std::string& idempotency_key = {}) {
    json::array ids;
    for (const auto& l : labels) ids.emplace_back(seats_.at(l));
    return post_order(
        http(), token,
        json::object{{"ticket_items", json::array{json::object{{"ticket_type_id", type_id},
                                                               {"seat_ids", std::move(ids)}}}}},
        idempotency_key);
  }

  json::object seat_map(HttpResponse* raw = nullptr) {
    auto r = http().get("/api/events/" + event_.id + "/seats");
    EXPECT_EQ(r.status, 200u) << r.body;
    if (raw) *raw = r;
    return r.json().at("data").as_object();
  }

  std::string state(const std::string& label) {
    const json::object map = seat_map();
    for (const auto& s : map.at("seats").as_array()) {
      if (str(s.at("id")) == seats_.at(label)) return str(s.at("state"));
    }
    return "missing";
  }

  std::int64_t scalar(const std::string& sql, const std::vector<store::Param>& params) {
    return app().db().read([&](store::Tx& tx) { return tx.exec(sql, params)[0].i64(0); });
  }

  std::int64_t quantity_total(const std::string& type_id) {
    return scalar("SELECT quantity_total FROM ticket_types WHERE id = $1", {type_id});
  }

  void expect_consistent() {
    EXPECT_TRUE(check_inventory(app().db()).empty());
    const auto seating = check_seating(app().db());
    EXPECT_TRUE(seating.empty()) << (seating.empty() ? "" : seating.front());
  }

  // What an uncached read answers now: the service and the serialiser, no cache.
  std::string uncached_map() {
    return http::ok(api::seat_map_json(app().services().seating->seat_map(event_.id))).body;
  }
  CatalogCache& map_cache() { return app().services().seating->cache(); }

  // A long max age (and so a clock allowed to move as far): these tests are
  // about what refreshes the cached map, and holds run out after 15 minutes.
  TestServer server_{[](Config& c) { c.cache_ttl = std::chrono::hours(1); }};
  std::string admin_;
  Event event_;
  TicketType vip_, std_;
  std::string alice_, bob_;
  json::object room_;
  std::map<std::string, std::string> seats_;
};

TEST_F(SeatingTest, RoomsSpeakTheOrganisersDialect) {
  auto room = make_room("Hall 1", 3, 4);
  EXPECT_EQ(str(room.at("name")), "Hall 1");
  EXPECT_EQ(room.at("rows").as_int64(), 3);
  EXPECT_EQ(room.at("seatsPerRow").as_int64(), 4);
  EXPECT_TRUE(room.at("isActive").as_bool());
  const auto& seats = room.at("seats").as_array();
  ASSERT_EQ(seats.size(), 12u);
  EXPECT_EQ(str(seats[0].at("row")), "A");
  EXPECT_EQ(seats[0].at("number").as_int64(), 1);
  EXPECT_TRUE(seats[0].at("isActive").as_bool());
  EXPECT_EQ(str(seats[0].at("roomId")), str(room.at("id")));
  EXPECT_EQ(str(seats[11].at("row")), "C");
  EXPECT_EQ(seats[11].at("number").as_int64(), 4);
  const std::string id = str(room.at("id"));

  auto list = http().get("/api/rooms", admin_);
  ASSERT_EQ(list.status, 200u);
  EXPECT_EQ(list.json().at("data").as_array().size(), 1u);
  EXPECT_EQ(http().get("/api/rooms/" + id, admin_).json().at("data").at("seats").as_array().size(),
            12u);
  EXPECT_EQ(error_code(http().get("/api/rooms/" + crypto::uuid_v4(), admin_)), "ROOM_NOT_FOUND");

  // Validation: the usual 422 envelope, one detail per field.
  auto bad = http().post("/api/rooms", {{"name", ""}, {"rows", 0}, {"seatsPerRow", 201}}, admin_);
  ASSERT_EQ(bad.status, 422u) << bad.body;
  EXPECT_EQ(error_code(bad), "VALIDATION_FAILED");
  EXPECT_EQ(bad.json().at("error").at("details").as_array().size(), 3u);
  EXPECT_EQ(http()
                .post("/api/rooms", {{"name", "Big"}, {"rows", 101}, {"seatsPerRow", 10}}, admin_)
                .status,
            422u);

  // Admins only; the list answers everyone else with none (the organisers'
  // client's event page asks for it without a token).
  for (const std::string& token : {alice_, std::string(), std::string("not-a-token")}) {
    auto none = http().get("/api/rooms", token);
    ASSERT_EQ(none.status, 200u) << none.body;
    EXPECT_TRUE(none.json().at("data").as_array().empty());
  }
  EXPECT_EQ(http().get("/api/rooms/" + id, alice_).status, 403u);
  EXPECT_EQ(
      http().post("/api/rooms", {{"name", "X"}, {"rows", 1}, {"seatsPerRow", 1}}, alice_).status,
      403u);

  // Rename; reshape regenerates the seats.
  auto renamed = http().put("/api/rooms/" + id, {{"name", "Hall One"}}, admin_);
  ASSERT_EQ(renamed.status, 200u) << renamed.body;
  EXPECT_EQ(str(renamed.json().at("data").at("name")), "Hall One");
  auto reshaped = http().put("/api/rooms/" + id, {{"rows", 2}, {"seatsPerRow", 6}}, admin_);
  ASSERT_EQ(reshaped.status, 200u) << reshaped.body;
  EXPECT_EQ(reshaped.json().at("data").at("seats").as_array().size(), 12u);
  EXPECT_EQ(str(reshaped.json().at("data").at("seats").at(11).at("row")), "B");
  auto seats2 = seat_ids(reshaped.json().at("data").as_object());

  // Toggles: the room, one seat, several seats.
  auto off = patch("/api/rooms/" + id + "/toggle", admin_);
  ASSERT_EQ(off.status, 200u) << off.body;
  EXPECT_FALSE(off.json().at("data").at("isActive").as_bool());
  EXPECT_TRUE(
      patch("/api/rooms/" + id + "/toggle", admin_).json().at("data").at("isActive").as_bool());
  auto seat_off = patch("/api/rooms/" + id + "/seats/" + seats2["A1"] + "/toggle", admin_);
  ASSERT_EQ(seat_off.status, 200u) << seat_off.body;
  EXPECT_FALSE(seat_off.json().at("data").at("seats").at(0).at("isActive").as_bool());
  EXPECT_EQ(patch("/api/rooms/" + id + "/seats/" + crypto::uuid_v4() + "/toggle", admin_).status,
            404u);
  auto many =
      http().put("/api/rooms/" + id + "/seats",
                 {{"seats", json::array{json::object{{"id", seats2["A1"]}, {"isActive", true}},
                                        json::object{{"id", seats2["B6"]}, {"isActive", false}}}}},
                 admin_);
  ASSERT_EQ(many.status, 200u) << many.body;
  EXPECT_TRUE(many.json().at("data").at("seats").at(0).at("isActive").as_bool());
  EXPECT_FALSE(many.json().at("data").at("seats").at(11).at("isActive").as_bool());
  EXPECT_EQ(http().put("/api/rooms/" + id + "/seats", {{"seats", 3}}, admin_).status, 422u);

  // Writes are audited.
  auto audit = http().get("/api/admin/audit-log?entity_type=room&entity_id=" + id, admin_);
  EXPECT_GE(audit.json().at("data").as_array().size(), 6u);

  // In use: no reshaping, no deletion; unused: deleted.
  ASSERT_EQ(
      set_seating(event_.id,
                  json::object{{"room_id", id},
                               {"zones", json::array{json::object{{"ticket_type_id", vip_.id},
                                                                  {"rows", json::array{"A"}}}}}})
          .status,
      200u);
  auto reshape_used = http().put("/api/rooms/" + id, {{"rows", 3}}, admin_);
  EXPECT_EQ(reshape_used.status, 409u);
  EXPECT_EQ(error_code(reshape_used), "ROOM_IN_USE");
  EXPECT_EQ(http().put("/api/rooms/" + id, {{"name", "Still fine"}}, admin_).status, 200u);
  auto del_used = http().del("/api/rooms/" + id, admin_);
  EXPECT_EQ(del_used.status, 409u);
  EXPECT_EQ(error_code(del_used), "ROOM_IN_USE");
  const std::string spare = str(make_room("Spare", 1, 1).at("id"));
  EXPECT_EQ(http().del("/api/rooms/" + spare, admin_).status, 200u);
  EXPECT_EQ(http().get("/api/rooms/" + spare, admin_).status, 404u);
}

TEST_F(SeatingTest, SeatingWithTwoZonesSetsQuantityTotal) {
  seat_default_event();
  EXPECT_EQ(quantity_total(vip_.id), 5);
  EXPECT_EQ(quantity_total(std_.id), 12);

  auto seating = http().get("/api/admin/events/" + event_.id + "/seating", admin_);
  ASSERT_EQ(seating.status, 200u) << seating.body;
  const auto& d = seating.json().at("data");
  EXPECT_EQ(str(d.at("room").at("id")), str(room_.at("id")));
  EXPECT_EQ(d.at("room").at("seats_per_row").as_int64(), 5);
  ASSERT_EQ(d.at("zones").as_array().size(), 2u);
  std::map<std::string, std::size_t> zone_sizes;
  for (const auto& z : d.at("zones").as_array()) {
    zone_sizes[str(z.at("ticket_type_id"))] = z.at("seat_ids").as_array().size();
  }
  EXPECT_EQ(zone_sizes[vip_.id], 5u);
  EXPECT_EQ(zone_sizes[std_.id], 12u);

  // The event page tells the client it is seated, and which types are.
  auto detail = http().get("/api/events/" + event_.id).json().at("data");
  EXPECT_EQ(str(detail.at("seating").at("room_id")), str(room_.at("id")));
  EXPECT_EQ(str(detail.at("seating").at("room_name")), "Main Hall");
  for (const auto& t : detail.at("ticket_types").as_array()) {
    EXPECT_TRUE(t.at("is_seated").as_bool());
    if (str(t.at("id")) == vip_.id) {
      EXPECT_EQ(t.at("available").as_int64(), 5);
    }
  }
  auto plain = create_event(app(), {.title = "Standing"});
  EXPECT_TRUE(http().get("/api/events/" + plain.id).json().at("data").at("seating").is_null());
  EXPECT_EQ(error_code(http().get("/api/events/" + plain.id + "/seats")), "EVENT_NOT_SEATED");

  // The map: every seat of the room; D3..D5 are in no zone.
  auto map = seat_map();
  EXPECT_EQ(str(map.at("room").at("name")), "Main Hall");
  EXPECT_EQ(map.at("room").at("rows").as_int64(), 4);
  ASSERT_EQ(map.at("seats").as_array().size(), 20u);
  EXPECT_EQ(state("A1"), "available");
  EXPECT_EQ(state("D2"), "available");
  EXPECT_EQ(state("D3"), "disabled");

  // Bad zones: 422 per zone; a seat in two zones.
  auto bad = set_seating(
      event_.id,
      json::object{{"room_id", room_.at("id")},
                   {"zones", json::array{json::object{{"ticket_type_id", crypto::uuid_v4()},
                                                      {"rows", json::array{"A"}}},
                                         json::object{{"ticket_type_id", vip_.id},
                                                      {"rows", json::array{"Q"}}}}}});
  EXPECT_EQ(bad.status, 422u) << bad.body;
  auto twice = set_seating(
      event_.id,
      json::object{{"room_id", room_.at("id")},
                   {"zones", json::array{json::object{{"ticket_type_id", vip_.id},
                                                      {"rows", json::array{"A"}}},
                                         json::object{{"ticket_type_id", std_.id},
                                                      {"seat_ids", json::array{seats_["A1"]}}}}}});
  EXPECT_EQ(twice.status, 422u) << twice.body;
  // A seated type's quantity follows its seats, not a number.
  auto qty = http().put("/api/admin/ticket-types/" + vip_.id, {{"quantity_total", 50}}, admin_);
  EXPECT_EQ(error_code(qty), "TICKET_TYPE_SEATED");
  expect_consistent();
}

TEST_F(SeatingTest, SeatingIsLockedOnceASeatIsHeld) {
  seat_default_event();
  ASSERT_EQ(buy_seats(alice_, vip_.id, {"A3"}).status, 201u);
  auto r = set_seating(
      event_.id,
      json::object{{"room_id", room_.at("id")},
                   {"zones", json::array{json::object{{"ticket_type_id", vip_.id},
                                                      {"rows", json::array{"A", "B"}}}}}});
  EXPECT_EQ(r.status, 409u);
  EXPECT_EQ(error_code(r), "SEATING_LOCKED");
  EXPECT_EQ(quantity_total(vip_.id), 5);
}

TEST_F(SeatingTest, TenBuyersRaceForTheSameTwoSeats) {
  seat_default_event();
  constexpr int kBuyers = 10;
  std::vector<std::string> tokens;
  for (int i = 0; i < kBuyers; ++i) {
    tokens.push_back(quick_buyer(app(), "racer" + std::to_string(i) + "@example.com"));
  }
  const json::object body{
      {"ticket_items",
       json::array{json::object{{"ticket_type_id", std_.id},
                                {"seat_ids", json::array{seats_["B3"], seats_["B4"]}}}}}};
  std::atomic<int> won{0}, taken{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kBuyers; ++i) {
    threads.emplace_back([&, i] {
      HttpClient client(server_.port());
      auto r = post_order(client, tokens[i], body);
      if (r.status == 201) {
        ++won;
      } else if (r.status == 409 && error_code(r) == "SEAT_UNAVAILABLE") {
        ++taken;
        EXPECT_FALSE(r.json().at("data").at("seat_ids").as_array().empty());
      } else {
        ++other;
        ADD_FAILURE() << r.status << " " << r.body;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(taken.load(), kBuyers - 1);
  EXPECT_EQ(other.load(), 0);
  // The losers hold nothing: two seats held, two units reserved.
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM event_seats WHERE event_id = $1 AND state = 'held'",
                   {event_.id}),
            2);
  EXPECT_EQ(quantity_sold(app(), std_.id), 2);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM orders", {}), 1);
  expect_consistent();
}

TEST_F(SeatingTest, OneTakenSeatHoldsNothing) {
  seat_default_event();
  ASSERT_EQ(buy_seats(alice_, std_.id, {"C1"}).status, 201u);
  auto r = buy_seats(bob_, std_.id, {"C2", "C1", "C3"});
  ASSERT_EQ(r.status, 409u) << r.body;
  EXPECT_EQ(error_code(r), "SEAT_UNAVAILABLE");
  const auto& ids = r.json().at("data").at("seat_ids").as_array();
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_EQ(str(ids[0]), seats_["C1"]);
  EXPECT_EQ(state("C2"), "available");
  EXPECT_EQ(state("C3"), "available");
  EXPECT_EQ(quantity_sold(app(), std_.id), 1);
  expect_consistent();
}

TEST_F(SeatingTest, ASeatOfAnotherTypeIsRefused) {
  seat_default_event();
  auto r = buy_seats(alice_, vip_.id, {"A1", "B1"});
  ASSERT_EQ(r.status, 422u) << r.body;
  EXPECT_EQ(error_code(r), "SEAT_NOT_IN_TYPE");
  EXPECT_EQ(str(r.json().at("data").at("seat_ids").at(0)), seats_["B1"]);
  EXPECT_EQ(state("A1"), "available");
  // A seat outside every zone, and seats on a type without any.
  EXPECT_EQ(error_code(buy_seats(alice_, std_.id, {"D4"})), "SEAT_NOT_IN_TYPE");
  auto plain = create_ticket_type(app(), event_.id, {.name = "Standing"});
  EXPECT_EQ(error_code(buy_seats(alice_, plain.id, {"A1"})), "SEAT_NOT_IN_TYPE");
  // quantity must match the seats when both are given.
  auto mismatch = post_order(
      http(), alice_,
      json::object{
          {"ticket_items", json::array{json::object{{"ticket_type_id", vip_.id},
                                                    {"quantity", 2},
                                                    {"seat_ids", json::array{seats_["A1"]}}}}}});
  EXPECT_EQ(mismatch.status, 422u);
  // Two lines of one type: chosen seats and a bare quantity do not mix, nor does a seat twice.
  auto mixed = post_order(
      http(), alice_,
      json::object{{"ticket_items",
                    json::array{json::object{{"ticket_type_id", vip_.id},
                                             {"seat_ids", json::array{seats_["A1"]}}},
                                json::object{{"ticket_type_id", vip_.id}, {"quantity", 1}}}}});
  EXPECT_EQ(mixed.status, 422u) << mixed.body;
  auto twice = post_order(
      http(), alice_,
      json::object{
          {"ticket_items", json::array{json::object{{"ticket_type_id", vip_.id},
                                                    {"seat_ids", json::array{seats_["A1"]}}},
                                       json::object{{"ticket_type_id", vip_.id},
                                                    {"seat_ids", json::array{seats_["A1"]}}}}}});
  EXPECT_EQ(twice.status, 422u) << twice.body;
  EXPECT_EQ(quantity_sold(app(), vip_.id), 0);
  EXPECT_EQ(quantity_sold(app(), plain.id), 0);
}

TEST_F(SeatingTest, BestAvailableTakesTheFrontCentreSeatsTogether) {
  seat_default_event();
  // Row A (VIP) has 5 seats: 2 together from the centre are A2+A3 (ties go to
  // the lower number), then A4+A5; then only A1 is left, alone.
  auto first = order(http(), alice_, {{vip_.id, 2}});
  ASSERT_EQ(first.status, 201u) << first.body;
  const auto& seats = first.json().at("data").at("order").at("items").at(0).at("seats").as_array();
  ASSERT_EQ(seats.size(), 2u);
  EXPECT_EQ(str(seats[0].at("row")), "A");
  EXPECT_EQ(seats[0].at("number").as_int64(), 2);
  EXPECT_EQ(seats[1].at("number").as_int64(), 3);
  EXPECT_EQ(str(seats[0].at("room")), "Main Hall");
  EXPECT_EQ(state("A2"), "held");
  auto second = order(http(), bob_, {{vip_.id, 2}});
  ASSERT_EQ(second.status, 201u) << second.body;
  EXPECT_EQ(second.json().at("data").at("order").at("items").at(0).at("seats").at(0).at("number"),
            4);
  auto none = order(http(), bob_, {{vip_.id, 1}});
  ASSERT_EQ(none.status, 201u) << none.body;  // A1 on its own
  auto sold_out = order(http(), bob_, {{vip_.id, 1}});
  EXPECT_EQ(error_code(sold_out), "SOLD_OUT");

  // Standard: B3 taken splits row B, so 3 together come from row C.
  ASSERT_EQ(buy_seats(alice_, std_.id, {"B3"}).status, 201u);
  auto three = order(http(), bob_, {{std_.id, 3}});
  ASSERT_EQ(three.status, 201u) << three.body;
  const auto& s3 = three.json().at("data").at("order").at("items").at(0).at("seats").as_array();
  EXPECT_EQ(str(s3[0].at("row")), "C");
  EXPECT_EQ(s3[0].at("number").as_int64(), 2);
  // Six together exist nowhere (rows have five seats).
  auto apart = order(http(), quick_buyer(app(), "carol@example.com"), {{std_.id, 6}});
  EXPECT_EQ(apart.status, 409u);
  EXPECT_EQ(error_code(apart), "SEATS_NOT_TOGETHER");
  expect_consistent();
}

TEST_F(SeatingTest, ExpiredHoldsFreeTheirSeats) {
  seat_default_event();
  ASSERT_EQ(buy_seats(alice_, vip_.id, {"A1", "A2"}).status, 201u);
  EXPECT_EQ(state("A1"), "held");
  EXPECT_EQ(error_code(buy_seats(bob_, vip_.id, {"A2"})), "SEAT_UNAVAILABLE");
  server_.clock().advance(minutes(16));
  EXPECT_EQ(state("A1"), "available");  // the map reads an expired hold as available
  auto r = buy_seats(bob_, vip_.id, {"A2"});
  ASSERT_EQ(r.status, 201u) << r.body;  // the expired order is released first
  EXPECT_EQ(quantity_sold(app(), vip_.id), 1);
  EXPECT_EQ(state("A1"), "available");
  EXPECT_EQ(state("A2"), "held");
  expect_consistent();
}

TEST_F(SeatingTest, BuyerCancellationFreesTheSeats) {
  seat_default_event();
  auto held = buy_seats(alice_, vip_.id, {"A4", "A5"});
  ASSERT_EQ(held.status, 201u);
  auto c = http().post("/api/orders/" + order_id(held) + "/cancel", json::object{}, alice_);
  ASSERT_EQ(c.status, 200u) << c.body;
  EXPECT_EQ(state("A4"), "available");
  EXPECT_EQ(state("A5"), "available");
  EXPECT_EQ(buy_seats(bob_, vip_.id, {"A4", "A5"}).status, 201u);
  expect_consistent();
}

TEST_F(SeatingTest, EventCancellationFreesEverySeat) {
  seat_default_event();
  auto paid = buy_seats(alice_, vip_.id, {"A1"});
  ASSERT_EQ(paid.status, 201u);
  ASSERT_EQ(pay(server_, order_id(paid), 500000).status, 200u);
  ASSERT_EQ(buy_seats(bob_, std_.id, {"B1", "B2"}).status, 201u);  // pending
  EXPECT_EQ(state("A1"), "sold");
  auto r = http().put("/api/admin/events/" + event_.id, {{"status", "cancelled"}}, admin_);
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM event_seats WHERE event_id = $1 AND state IN ('held', "
                   "'sold')",
                   {event_.id}),
            0);
  EXPECT_EQ(quantity_sold(app(), vip_.id), 0);
  EXPECT_EQ(quantity_sold(app(), std_.id), 0);
  expect_consistent();
}

TEST_F(SeatingTest, RefundFreesTheSeats) {
  seat_default_event();
  auto paid = buy_seats(alice_, std_.id, {"C4", "C5"});
  ASSERT_EQ(paid.status, 201u);
  ASSERT_EQ(pay(server_, order_id(paid), 400000).status, 200u);
  EXPECT_EQ(state("C4"), "sold");
  auto r = http().post("/api/admin/orders/" + order_id(paid) + "/refund", json::object{}, admin_);
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(state("C4"), "available");
  EXPECT_EQ(state("C5"), "available");
  EXPECT_EQ(buy_seats(bob_, std_.id, {"C4"}).status, 201u);
  expect_consistent();
}

TEST_F(SeatingTest, ALatePaymentGetsTheSameSeatsWhenTheyAreStillFree) {
  seat_default_event();
  auto held = buy_seats(alice_, vip_.id, {"A1", "A2"});
  ASSERT_EQ(held.status, 201u);
  server_.clock().advance(minutes(16));
  EXPECT_EQ(app().services().orders->release_expired(), 1);
  EXPECT_EQ(state("A1"), "available");
  auto r = pay(server_, order_id(held), 1000000, "tx-late");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(str(r.json().at("data").at("outcome")), "paid");
  EXPECT_EQ(state("A1"), "sold");
  EXPECT_EQ(state("A2"), "sold");
  auto o = get_order(server_, alice_, order_id(held));
  std::set<std::int64_t> numbers;
  for (const auto& t : o.at("tickets").as_array())
    numbers.insert(t.at("seat").at("number").as_int64());
  EXPECT_EQ(numbers, (std::set<std::int64_t>{1, 2}));
  expect_consistent();
}

TEST_F(SeatingTest, ALatePaymentForATakenSeatIsFlaggedForRefund) {
  seat_default_event();
  auto held = buy_seats(alice_, vip_.id, {"A1", "A2"});
  ASSERT_EQ(held.status, 201u);
  server_.clock().advance(minutes(16));
  ASSERT_EQ(buy_seats(bob_, vip_.id, {"A2"}).status, 201u);  // releases alice's hold first
  auto r = pay(server_, order_id(held), 1000000, "tx-late");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(str(r.json().at("data").at("outcome")), "refund_required");
  EXPECT_EQ(state("A1"), "available");  // nothing of the order stays held
  EXPECT_EQ(state("A2"), "held");       // bob's
  EXPECT_EQ(quantity_sold(app(), vip_.id), 1);
  expect_consistent();
}

TEST_F(SeatingTest, OrderLimitsCountSeats) {
  seat_default_event();
  std::vector<std::string> eleven{"B1", "B2", "B3", "B4", "B5", "C1", "C2", "C3", "C4", "C5", "D1"};
  auto r = buy_seats(alice_, std_.id, eleven);
  EXPECT_EQ(r.status, 422u) << r.body;
  EXPECT_EQ(error_code(r), "LIMIT_EXCEEDED");
  EXPECT_EQ(state("B1"), "available");
}

TEST_F(SeatingTest, PaidTicketsNameTheirSeatEverywhere) {
  seat_default_event();
  auto placed = buy_seats(alice_, vip_.id, {"A3"}, "key-1");
  ASSERT_EQ(placed.status, 201u) << placed.body;
  const std::string id = order_id(placed);
  // The idempotent replay carries the same seats.
  auto replay = buy_seats(alice_, vip_.id, {"A3"}, "key-1");
  ASSERT_EQ(replay.status, 201u);
  EXPECT_EQ(replay.header("idempotent-replayed"), "true");
  EXPECT_EQ(replay.json().at("data").at("order").at("items").at(0).at("seats"),
            placed.json().at("data").at("order").at("items").at(0).at("seats"));
  ASSERT_EQ(pay(server_, id, 500000).status, 200u);

  auto view = get_order(server_, alice_, id);
  const auto& ticket = view.at("tickets").at(0);
  EXPECT_EQ(str(ticket.at("seat").at("room")), "Main Hall");
  EXPECT_EQ(str(ticket.at("seat").at("row")), "A");
  EXPECT_EQ(ticket.at("seat").at("number").as_int64(), 3);
  EXPECT_EQ(str(view.at("order").at("items").at(0).at("seats").at(0).at("id")), seats_["A3"]);

  auto wallet = http().get("/api/users/tickets", alice_).json().at("data").as_array();
  ASSERT_EQ(wallet.size(), 1u);
  EXPECT_EQ(str(wallet[0].at("seat").at("row")), "A");
  EXPECT_EQ(wallet[0].at("seat").at("number").as_int64(), 3);

  auto admin_view = http().get("/api/admin/orders/" + id, admin_).json().at("data");
  EXPECT_EQ(admin_view.at("tickets").at(0).at("seat").at("number").as_int64(), 3);
  EXPECT_EQ(admin_view.at("items").at(0).at("seats").at(0).at("number").as_int64(), 3);

  const std::string code = str(ticket.at("ticket_code"));
  auto door = http().get("/api/admin/scanners/validate?code=" + code, admin_);
  ASSERT_EQ(door.status, 200u) << door.body;
  EXPECT_EQ(str(door.json().at("data").at("ticket").at("seat").at("row")), "A");
  auto checkin = http().post("/api/admin/scanners/checkin", {{"code", code}}, admin_);
  ASSERT_EQ(checkin.status, 200u) << checkin.body;
  EXPECT_EQ(checkin.json().at("data").at("ticket").at("seat").at("number").as_int64(), 3);

  auto csv = http().get("/api/admin/events/" + event_.id + "/attendees.csv", admin_);
  ASSERT_EQ(csv.status, 200u);
  EXPECT_NE(csv.body.find("room,seat_row,seat_number"), std::string::npos);
  EXPECT_NE(csv.body.find("Main Hall,A,3"), std::string::npos) << csv.body;

  // An unseated ticket says so.
  auto plain = create_ticket_type(app(), event_.id, {.name = "Standing", .price = 0});
  auto free = order(http(), bob_, {{plain.id, 1}});
  ASSERT_EQ(free.status, 201u) << free.body;
  EXPECT_TRUE(free.json().at("data").at("tickets").at(0).at("seat").is_null());
  EXPECT_TRUE(free.json().at("data").at("order").at("items").at(0).at("seats").as_array().empty());
  expect_consistent();
}

TEST_F(SeatingTest, TheSeatMapShowsEveryStateAndIsFreshAfterEachChange) {
  seat_default_event();
  HttpResponse raw;
  seat_map(&raw);
  EXPECT_EQ(raw.header("x-cache"), "miss");
  seat_map(&raw);
  EXPECT_EQ(raw.header("x-cache"), "hit");

  ASSERT_EQ(buy_seats(alice_, std_.id, {"B1"}).status, 201u);
  seat_map(&raw);
  EXPECT_EQ(raw.header("x-cache"), "hit");  // the hold committed: states overlaid
  EXPECT_EQ(raw.body, uncached_map());
  EXPECT_EQ(state("B1"), "held");

  auto paid = buy_seats(bob_, std_.id, {"B2"});
  ASSERT_EQ(pay(server_, order_id(paid), 200000).status, 200u);
  EXPECT_EQ(state("B2"), "sold");

  // House seats: blocked, then freed; sold seats cannot be blocked.
  auto block = http().put(
      "/api/admin/events/" + event_.id + "/seating/blocks",
      {{"seat_ids", json::array{seats_["B5"], seats_["B2"]}}, {"blocked", true}}, admin_);
  ASSERT_EQ(block.status, 200u) << block.body;
  EXPECT_EQ(block.json().at("data").at("changed").as_array().size(), 1u);
  EXPECT_EQ(str(block.json().at("data").at("unchanged").at(0)), seats_["B2"]);
  EXPECT_EQ(state("B5"), "blocked");
  seat_map(&raw);
  EXPECT_EQ(raw.body, uncached_map());
  EXPECT_EQ(quantity_total(std_.id), 11);
  EXPECT_EQ(error_code(buy_seats(alice_, std_.id, {"B5"})), "SEAT_UNAVAILABLE");
  expect_consistent();

  // A seat the room switches off is disabled in the event, and back.
  const std::string room = str(room_.at("id"));
  ASSERT_EQ(patch("/api/rooms/" + room + "/seats/" + seats_["C1"] + "/toggle", admin_).status,
            200u);
  EXPECT_EQ(state("C1"), "disabled");
  seat_map(&raw);
  EXPECT_EQ(raw.body, uncached_map());
  EXPECT_EQ(quantity_total(std_.id), 10);
  EXPECT_EQ(error_code(buy_seats(alice_, std_.id, {"C1"})), "SEAT_UNAVAILABLE");
  ASSERT_EQ(patch("/api/rooms/" + room + "/seats/" + seats_["C1"] + "/toggle", admin_).status,
            200u);
  EXPECT_EQ(state("C1"), "available");

  auto unblock = http().put("/api/admin/events/" + event_.id + "/seating/blocks",
                            {{"seat_ids", json::array{seats_["B5"]}}, {"blocked", false}}, admin_);
  ASSERT_EQ(unblock.status, 200u);
  EXPECT_EQ(state("B5"), "available");
  seat_map(&raw);
  EXPECT_EQ(raw.body, uncached_map());
  EXPECT_EQ(quantity_total(std_.id), 12);
  EXPECT_EQ(http()
                .put("/api/admin/events/" + event_.id + "/seating/blocks",
                     {{"seat_ids", json::array{"nope"}}, {"blocked", true}}, admin_)
                .status,
            422u);
  expect_consistent();
}

// A sale changes only seat states: the cached map keeps its layout and gets
// the states overlaid (one small query), byte for byte what a rebuild gives.
TEST_F(SeatingTest, AnOrderOverlaysTheCachedSeatMapWithoutRebuildingIt) {
  seat_default_event();
  HttpResponse raw;
  seat_map(&raw);
  seat_map(&raw);
  ASSERT_EQ(raw.header("x-cache"), "hit");
  const auto misses = map_cache().misses();
  const auto reads = map_cache().availability_reads();

  auto held = buy_seats(alice_, std_.id, {"B1", "B2"});
  ASSERT_EQ(held.status, 201u) << held.body;
  seat_map(&raw);
  EXPECT_EQ(raw.header("x-cache"), "hit");
  EXPECT_EQ(map_cache().misses(), misses) << "a sale rebuilt the seat map";
  EXPECT_EQ(map_cache().availability_reads(), reads + 1);
  EXPECT_EQ(raw.body, uncached_map());
  EXPECT_EQ(state("B1"), "held");
  EXPECT_EQ(state("B3"), "available");

  // Served as is until the next write.
  const std::string overlaid = raw.body;
  seat_map(&raw);
  EXPECT_EQ(raw.body, overlaid);
  EXPECT_EQ(map_cache().availability_reads(), reads + 1);

  // Paid: held -> sold, still without a rebuild.
  ASSERT_EQ(pay(server_, order_id(held), 400000).status, 200u);
  seat_map(&raw);
  EXPECT_EQ(raw.header("x-cache"), "hit");
  EXPECT_EQ(state("B2"), "sold");
  EXPECT_EQ(raw.body, uncached_map());
  EXPECT_EQ(map_cache().misses(), misses);

  // A catalogue write (a no-op one will do) forces a rebuild: the same bytes.
  app().db().write([](store::Tx& tx) { tx.exec("UPDATE rooms SET name = name"); });
  const std::string before = raw.body;
  seat_map(&raw);
  EXPECT_EQ(raw.header("x-cache"), "miss");
  EXPECT_EQ(raw.body, before);
  expect_consistent();
}

TEST_F(SeatingTest, AnOrderOnAnotherEventLeavesTheSeatMapCached) {
  seat_default_event();
  Event other = create_event(app(), {.title = "Other"});
  TicketType ga = create_ticket_type(app(), other.id, {.price = 1000, .quantity_total = 5});
  HttpResponse raw;
  seat_map(&raw);
  seat_map(&raw);
  const std::string cached = raw.body;
  const auto misses = map_cache().misses();
  const auto reads = map_cache().availability_reads();

  auto r = order(http(), alice_, {{ga.id, 2}});
  ASSERT_EQ(r.status, 201u) << r.body;
  seat_map(&raw);
  EXPECT_EQ(raw.header("x-cache"), "hit");
  EXPECT_EQ(raw.body, cached);
  EXPECT_EQ(map_cache().misses(), misses) << "another event's sale rebuilt the seat map";
  // The store does not tell which event a sale was for: the map's states are
  // read again once (one small query), not the map.
  EXPECT_EQ(map_cache().availability_reads(), reads + 1);
}

// A hold runs out without any write: the cached map reads it available at
// that instant, as the uncached map does, and without a rebuild.
TEST_F(SeatingTest, AnExpiredHoldReadsAvailableOnTheCachedMap) {
  seat_default_event();
  seat_map();
  ASSERT_EQ(buy_seats(alice_, vip_.id, {"A1"}).status, 201u);
  server_.clock().advance(minutes(10));
  ASSERT_EQ(buy_seats(bob_, std_.id, {"B1"}).status, 201u);
  HttpResponse raw;
  seat_map(&raw);
  EXPECT_EQ(raw.body, uncached_map());
  const auto misses = map_cache().misses();
  const auto reads = map_cache().availability_reads();
  EXPECT_EQ(state("A1"), "held");
  EXPECT_EQ(map_cache().availability_reads(), reads) << "nothing changed, yet the map was re-read";

  // Alice's hold (15 minutes) runs out; Bob's does not.
  server_.clock().advance(minutes(6));
  seat_map(&raw);
  EXPECT_EQ(raw.header("x-cache"), "hit");
  EXPECT_EQ(raw.body, uncached_map());
  EXPECT_EQ(state("A1"), "available");
  EXPECT_EQ(state("B1"), "held");
  EXPECT_EQ(map_cache().availability_reads(), reads + 1);
  EXPECT_EQ(map_cache().misses(), misses);

  server_.clock().advance(minutes(10));
  EXPECT_EQ(state("B1"), "available");
  seat_map(&raw);
  EXPECT_EQ(raw.body, uncached_map());
  EXPECT_EQ(map_cache().availability_reads(), reads + 2);
  EXPECT_EQ(map_cache().misses(), misses);
}

// The room switches off a held seat: the hold stands, and once the buyer
// cancels, the overlay reads the seat disabled, as the uncached map does.
TEST_F(SeatingTest, ASeatSwitchedOffWhileHeldReadsDisabledOnceReleased) {
  seat_default_event();
  auto held = buy_seats(alice_, std_.id, {"C2"});
  ASSERT_EQ(held.status, 201u) << held.body;
  const std::string room = str(room_.at("id"));
  ASSERT_EQ(patch("/api/rooms/" + room + "/seats/" + seats_["C2"] + "/toggle", admin_).status,
            200u);
  EXPECT_EQ(state("C2"), "held");
  HttpResponse raw;
  seat_map(&raw);
  const auto misses = map_cache().misses();

  auto cancel = http().post("/api/orders/" + order_id(held) + "/cancel", json::object{}, alice_);
  ASSERT_EQ(cancel.status, 200u) << cancel.body;
  seat_map(&raw);
  EXPECT_EQ(raw.header("x-cache"), "hit");
  EXPECT_EQ(raw.body, uncached_map());
  EXPECT_EQ(state("C2"), "disabled");
  EXPECT_EQ(map_cache().misses(), misses);
}

TEST_F(SeatingTest, SeedResetStartsOverWithSeatedEvents) {
  seat_default_event();
  auto paid = buy_seats(alice_, vip_.id, {"A1"});
  ASSERT_EQ(pay(server_, order_id(paid), 500000).status, 200u);
  ASSERT_EQ(buy_seats(bob_, vip_.id, {"A2"}).status, 201u);
  auto report = seed(app().db(), app().clock(), /*reset=*/true);
  EXPECT_TRUE(report.seeded);
  for (const char* table : {"rooms", "seats", "event_seats", "order_seats"}) {
    EXPECT_EQ(scalar(std::string("SELECT COUNT(*) FROM ") + table, {}), 0) << table;
  }
}

}  // namespace
}  // namespace evient::test
