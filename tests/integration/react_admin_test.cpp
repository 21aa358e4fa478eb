// The admin writes on the organisers' React client's paths: each request as
// that client sends it (its field names and value formats) and what it reads
// back, against the same rules, audit entries and errors as /api/admin.
#include <gtest/gtest.h>

#include <algorithm>

#include "support/fixtures.hpp"
#include "support/test_app.hpp"
#include "support/ticket_fixtures.hpp"

namespace evient::test {
namespace {
namespace json = boost::json;

std::string str(const json::value& v) {
  return std::string(v.as_string());
}

class ReactAdminTest : public ::testing::Test {
 protected:
  TestServer server_;
  std::string admin_ = server_.admin_token();

  HttpClient& http() { return server_.http(); }

  HttpResponse patch(const std::string& target, const std::string& token) {
    return http().request("PATCH", target, {}, {{"Authorization", "Bearer " + token}});
  }

  // A room as the client's rooms page creates it.
  std::string room(const std::string& name, int rows, int per_row) {
    auto r = http().post("/api/rooms", {{"name", name}, {"rows", rows}, {"seatsPerRow", per_row}},
                         admin_);
    EXPECT_EQ(r.status, 201u) << r.body;
    return str(r.json().at("data").at("id"));
  }

  // The admin events page's "add" payload: its form, the inline ticket
  // types, and the banner options it sends along.
  static json::object react_event(const std::string& title, json::array types,
                                  json::array room_ids = {}) {
    return {{"title", title},
            {"description", "An evening"},
            {"category", "Music"},
            {"location", "Hà Nội"},
            {"start_time", "2026-02-14T19:00"},  // <input type="datetime-local">
            {"end_time", "2026-02-14T22:00"},
            {"banner_image", ""},
            {"status", "published"},
            {"room_ids", std::move(room_ids)},
            {"ticket_types", std::move(types)},
            {"create_banner", false},
            {"banner_is_homepage", false},
            {"banner_priority", 10}};
  }

  static json::object react_type(const std::string& name, json::value price, json::value quantity) {
    return {{"name", name}, {"price", price}, {"quantity_total", quantity}, {"description", ""}};
  }

  json::array audit(const std::string& entity_type, const std::string& id) {
    auto r =
        http().get("/api/admin/audit-log?entity_type=" + entity_type + "&entity_id=" + id, admin_);
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.json().at("data").as_array();
  }

  // The entity's audit actions, sorted (the test clock stands still, so
  // entries share their time and the log's order among them is arbitrary).
  std::vector<std::string> actions(const std::string& entity_type, const std::string& id) {
    std::vector<std::string> out;
    for (const auto& a : audit(entity_type, id)) out.push_back(str(a.at("action")));
    std::sort(out.begin(), out.end());
    return out;
  }

  std::int64_t admin_event_total() {
    return http().get("/api/admin/events", admin_).json().at("pagination").at("total").as_int64();
  }

  std::size_t listed_types() {
    return http().get("/api/ticket-types", admin_).json().at("data").as_array().size();
  }

  static std::vector<std::string> fields(const HttpResponse& r) {
    std::vector<std::string> out;
    for (const auto& d : r.json().at("error").at("details").as_array()) {
      out.push_back(str(d.at("field")) + ":" + str(d.at("code")));
    }
    return out;
  }
};

TEST_F(ReactAdminTest, CreateEventWithItsTypesAndRoomInOneRequest) {
  const std::string hall = room("Hall", 3, 4);  // 12 seats
  auto r = http().post(
      "/api/events",
      react_event("Jazz night", json::array{react_type("Standard", 200000, 100)}, {hall}), admin_);
  ASSERT_EQ(r.status, 201u) << r.body;
  const auto& e = r.json().at("data");
  const std::string id = str(e.at("id"));
  EXPECT_EQ(str(e.at("status")), "published");
  EXPECT_EQ(str(e.at("start_time")), "2026-02-14T19:00:00Z");  // read as UTC
  EXPECT_EQ(str(e.at("end_time")), "2026-02-14T22:00:00Z");
  EXPECT_TRUE(e.at("banner_image").is_null());  // "" clears
  const auto& types = e.at("ticket_types").as_array();
  ASSERT_EQ(types.size(), 1u);
  EXPECT_EQ(str(types[0].at("name")), "Standard");
  EXPECT_EQ(types[0].at("price").as_int64(), 200000);
  EXPECT_EQ(types[0].at("quantity_total").as_int64(), 12) << "its only type covers the room";

  auto seating = http().get("/api/admin/events/" + id + "/seating", admin_);
  ASSERT_EQ(seating.status, 200u) << seating.body;
  EXPECT_EQ(str(seating.json().at("data").at("room").at("id")), hall);
  EXPECT_EQ(seating.json().at("data").at("zones").at(0).at("seat_ids").as_array().size(), 12u);
  EXPECT_EQ(http().get("/api/events/" + id + "/seats").status, 200u);

  EXPECT_EQ(actions("event", id), (std::vector<std::string>{"event.create", "event.seating"}));
  EXPECT_EQ(actions("ticket_type", str(types[0].at("id"))),
            (std::vector<std::string>{"ticket_type.create"}));

  // Several types: the room is set, dividing it is left to the seating editor.
  auto two = http().post(
      "/api/events",
      react_event("Two types", json::array{react_type("A", 100000, 30), react_type("B", 50000, 40)},
                  {hall}),
      admin_);
  ASSERT_EQ(two.status, 201u) << two.body;
  const auto& two_types = two.json().at("data").at("ticket_types").as_array();
  ASSERT_EQ(two_types.size(), 2u);
  EXPECT_EQ(two_types[0].at("quantity_total").as_int64(), 30);
  EXPECT_EQ(two_types[1].at("quantity_total").as_int64(), 40);
  auto two_seating =
      http().get("/api/admin/events/" + str(two.json().at("data").at("id")) + "/seating", admin_);
  EXPECT_EQ(str(two_seating.json().at("data").at("room").at("id")), hall);
  EXPECT_TRUE(two_seating.json().at("data").at("zones").as_array().empty());

  // No room, no types, the client's empty strings: a plain draft.
  auto plain = http().post("/api/events",
                           {{"title", "Plain"},
                            {"start_time", ""},
                            {"end_time", ""},
                            {"category", ""},
                            {"status", "draft"},
                            {"room_ids", json::array{}},
                            {"ticket_types", json::array{}}},
                           admin_);
  ASSERT_EQ(plain.status, 201u) << plain.body;
  EXPECT_TRUE(plain.json().at("data").at("start_time").is_null());
  EXPECT_TRUE(plain.json().at("data").at("ticket_types").as_array().empty());
}

TEST_F(ReactAdminTest, ABadPartLeavesNoEventBehind) {
  const std::int64_t events_before = admin_event_total();
  const std::size_t types_before = listed_types();
  auto body =
      react_event("Broken", json::array{react_type("Fine", 100000, 10), react_type("Bad", -5, 10),
                                        json::object{{"price", 1000}, {"quantity_total", 1}}});
  auto r = http().post("/api/events", body, admin_);
  ASSERT_EQ(r.status, 422u) << r.body;
  EXPECT_EQ(r.error_code(), "VALIDATION_FAILED");
  // Malformed values first (as on /api/admin), then what is missing.
  EXPECT_EQ(fields(r), (std::vector<std::string>{"ticket_types[1].price:INVALID_AMOUNT"}));
  body["ticket_types"].as_array()[1].as_object()["price"] = 5;
  auto missing = http().post("/api/events", body, admin_);
  EXPECT_EQ(fields(missing), (std::vector<std::string>{"ticket_types[2].name:REQUIRED"}));

  // The same bad type on the /api/admin route: the same code for the same field.
  const Event e = create_event(server_.app());
  auto admin_route =
      http().post("/api/admin/events/" + e.id + "/ticket-types", react_type("Bad", -5, 10), admin_);
  EXPECT_EQ(fields(admin_route), (std::vector<std::string>{"price:INVALID_AMOUNT"}));

  // Failing inside the transaction, after the event and the types were written:
  // an unknown room (404), a switched-off one (409).
  auto unknown = http().post("/api/events",
                             react_event("No room", json::array{react_type("GA", 1000, 5)},
                                         {"6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"}),
                             admin_);
  EXPECT_EQ(unknown.status, 404u) << unknown.body;
  EXPECT_EQ(unknown.error_code(), "ROOM_NOT_FOUND");
  const std::string off = room("Off", 1, 2);
  ASSERT_EQ(patch("/api/rooms/" + off + "/toggle", admin_).status, 200u);
  auto inactive =
      http().post("/api/events",
                  react_event("Off room", json::array{react_type("GA", 1000, 5)}, {off}), admin_);
  EXPECT_EQ(inactive.status, 409u) << inactive.body;
  EXPECT_EQ(inactive.error_code(), "ROOM_INACTIVE");

  auto two_rooms = http().post(
      "/api/events", react_event("Two rooms", json::array{}, {off, room("Other", 1, 1)}), admin_);
  EXPECT_EQ(fields(two_rooms), (std::vector<std::string>{"room_ids:TOO_MANY"}));
  auto bad_shape = http().post("/api/events",
                               {{"title", ""}, {"ticket_types", "GA"}, {"status", "open"}}, admin_);
  EXPECT_EQ(fields(bad_shape), (std::vector<std::string>{"title:REQUIRED", "status:INVALID",
                                                         "ticket_types:INVALID_TYPE"}));
  auto bad_time = http().post(
      "/api/events",
      {{"title", "Late"}, {"start_time", "2026-02-14T19:00"}, {"end_time", "2026-02-14T18:00"}},
      admin_);
  EXPECT_EQ(fields(bad_time), (std::vector<std::string>{"end_time:BEFORE_START"}));

  EXPECT_EQ(admin_event_total(), events_before + 1);  // the fixture's event only
  EXPECT_EQ(listed_types(), types_before);
  auto log = http().get("/api/admin/audit-log?entity_type=event", admin_);
  EXPECT_EQ(log.json().at("pagination").at("total").as_int64(), 0) << "nothing was written";
}

TEST_F(ReactAdminTest, TheBannerTabMakesTheEventsBanner) {
  auto body = react_event("Poster night", json::array{react_type("GA", 100000, 10)});
  body["banner_image"] = "/img/events/poster.svg";
  body["create_banner"] = true;
  body["banner_is_homepage"] = true;
  body["banner_priority"] = 42;
  auto r = http().post("/api/events", body, admin_);
  ASSERT_EQ(r.status, 201u) << r.body;
  const std::string id = str(r.json().at("data").at("id"));
  const std::string slug = str(r.json().at("data").at("slug"));
  auto home = http().get("/api/banners/public");
  ASSERT_EQ(home.json().at("data").as_array().size(), 1u);
  const auto& b = home.json().at("data").at(0);
  EXPECT_EQ(str(b.at("event_id")), id);
  EXPECT_EQ(str(b.at("title")), "Poster night");
  EXPECT_EQ(str(b.at("image_url")), "/img/events/poster.svg");
  EXPECT_EQ(str(b.at("link_url")), "/events/" + slug);
  EXPECT_EQ(b.at("order").as_int64(), 42);
  EXPECT_EQ(actions("banner", std::to_string(b.at("id").as_int64())),
            (std::vector<std::string>{"banner.create"}));

  // Asked for without a picture: refused, and the event is not created either.
  const std::int64_t before = admin_event_total();
  body["banner_image"] = "";
  body["title"] = "No poster";
  auto refused = http().post("/api/events", body, admin_);
  EXPECT_EQ(fields(refused), (std::vector<std::string>{"banner_image:REQUIRED"}));
  EXPECT_EQ(admin_event_total(), before);
  body["banner_priority"] = "high";
  EXPECT_EQ(fields(http().post("/api/events", body, admin_)),
            (std::vector<std::string>{"banner_priority:INVALID_TYPE"}));
}

TEST_F(ReactAdminTest, EditAndDeleteAnEventFromTheEditForm) {
  auto created = http().post(
      "/api/events", react_event("Edit me", json::array{react_type("GA", 100000, 10)}), admin_);
  ASSERT_EQ(created.status, 201u) << created.body;
  const std::string id = str(created.json().at("data").at("id"));

  // The edit form: every field again, times from toISOString().slice(0, 16),
  // room_ids empty (the list carries no rooms): the seating stays as it is.
  json::object form{{"title", "Edited"},
                    {"description", "Now longer"},
                    {"category", "Tech"},
                    {"location", "Đà Nẵng"},
                    {"start_time", "2026-02-14T19:00"},
                    {"end_time", "2026-02-14T23:30"},
                    {"banner_image", "/uploads/poster.png"},
                    {"status", "published"},
                    {"room_ids", json::array{}}};
  auto up = http().put("/api/events/" + id, form, admin_);
  ASSERT_EQ(up.status, 200u) << up.body;
  const auto& d = up.json().at("data");
  EXPECT_EQ(str(d.at("title")), "Edited");
  EXPECT_EQ(str(d.at("end_time")), "2026-02-14T23:30:00Z");
  EXPECT_EQ(str(d.at("banner_image")), "/uploads/poster.png");
  EXPECT_EQ(d.at("ticket_types").as_array().size(), 1u);
  auto pub = http().get("/api/events/" + id);  // the public read stays public
  ASSERT_EQ(pub.status, 200u);
  EXPECT_EQ(str(pub.json().at("data").at("title")), "Edited");
  EXPECT_EQ(actions("event", id), (std::vector<std::string>{"event.create", "event.update"}));

  // Choosing a room in the edit form seats the event, in the update's transaction.
  const std::string hall = room("Hall", 2, 4);
  form["room_ids"] = json::array{hall};
  auto seated = http().put("/api/events/" + id, form, admin_);
  ASSERT_EQ(seated.status, 200u) << seated.body;
  EXPECT_EQ(seated.json().at("data").at("ticket_types").at(0).at("quantity_total").as_int64(), 8);
  EXPECT_EQ(actions("event", id), (std::vector<std::string>{"event.create", "event.seating",
                                                            "event.update", "event.update"}));

  // The /api/admin rules and errors.
  auto back = http().put("/api/events/" + id, {{"status", "draft"}}, admin_);
  EXPECT_EQ(back.status, 409u);
  EXPECT_EQ(back.error_code(), "INVALID_STATUS_TRANSITION");
  auto missing = http().put("/api/events/6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b", form, admin_);
  EXPECT_EQ(missing.error_code(), "EVENT_NOT_FOUND");
  EXPECT_EQ(http().put("/api/events/featured", form, admin_).error_code(), "EVENT_NOT_FOUND");

  const Event sold = create_event(server_.app());
  const TicketType t = create_ticket_type(server_.app(), sold.id);
  create_order(server_.app(), create_buyer(server_.app(), "b@example.com", "B").id, {{t, 1}});
  auto refused = http().del("/api/events/" + sold.id, admin_);
  EXPECT_EQ(refused.status, 409u);
  EXPECT_EQ(refused.error_code(), "EVENT_HAS_TICKETS");

  auto del = http().del("/api/events/" + id, admin_);
  ASSERT_EQ(del.status, 200u) << del.body;
  EXPECT_EQ(http().get("/api/events/" + id).status, 404u);
  EXPECT_EQ(actions("event", id),
            (std::vector<std::string>{"event.create", "event.delete", "event.seating",
                                      "event.update", "event.update"}));
}

TEST_F(ReactAdminTest, WritesNeedAnAdmin) {
  const std::string user = server_.register_user("mai@example.com");
  const Event e = create_event(server_.app());
  const TicketType t = create_ticket_type(server_.app(), e.id);
  auto b = http().post("/api/banners", {{"image_url", "https://cdn.example.com/a.jpg"}}, admin_);
  ASSERT_EQ(b.status, 201u) << b.body;
  const std::string banner = std::to_string(b.json().at("data").at("id").as_int64());
  const json::object body{{"title", "X"}, {"image_url", "https://cdn.example.com/x.jpg"}};
  for (const std::string& token : {user, std::string()}) {
    const unsigned want = token.empty() ? 401u : 403u;
    EXPECT_EQ(http().post("/api/events", body, token).status, want);
    EXPECT_EQ(http().put("/api/events/" + e.id, body, token).status, want);
    EXPECT_EQ(http().del("/api/events/" + e.id, token).status, want);
    EXPECT_EQ(http().post("/api/banners", body, token).status, want);
    EXPECT_EQ(http().put("/api/banners/" + banner, body, token).status, want);
    EXPECT_EQ(http().del("/api/banners/" + banner, token).status, want);
    EXPECT_EQ(http().get("/api/ticket-types", token).status, want);
    EXPECT_EQ(http().post("/api/ticket-types", body, token).status, want);
    EXPECT_EQ(http().put("/api/ticket-types/" + t.id, body, token).status, want);
    EXPECT_EQ(http().del("/api/ticket-types/" + t.id, token).status, want);
    if (!token.empty()) {
      EXPECT_EQ(patch("/api/banners/" + banner + "/toggle", token).status, want);
    }
  }
  // The public reads on the same paths stay public.
  EXPECT_EQ(http().get("/api/events/" + e.id).status, 200u);
  EXPECT_EQ(http().get("/api/banners").status, 200u);
  EXPECT_EQ(http().get("/api/events/" + e.id, user).status, 200u);
}

TEST_F(ReactAdminTest, TicketTypesPage) {
  App& app = server_.app();
  const Event early = create_event(app, {.title = "Early", .starts_in = std::chrono::hours(24)});
  const Event late =
      create_event(app, {.title = "Late", .status = "draft", .starts_in = std::chrono::hours(48)});
  const TicketType ga = create_ticket_type(app, early.id, {.name = "GA", .quantity_total = 1});
  create_ticket_type(app, early.id, {.name = "Staff", .price = 200000, .status = "hidden"});
  create_ticket_type(app, late.id, {.name = "VIP", .price = 500000});
  create_order(app, create_buyer(app, "b@example.com", "B").id, {{ga, 1}});

  auto list = http().get("/api/ticket-types", admin_);
  ASSERT_EQ(list.status, 200u) << list.body;
  const auto& all = list.json().at("data").as_array();
  ASSERT_EQ(all.size(), 3u) << "hidden types and draft events' types too";
  std::vector<std::string> seen;
  for (const auto& t : all) {
    seen.push_back(str(t.at("event_title")) + "/" + str(t.at("name")) + "/" + str(t.at("status")));
    for (const char* key : {"id", "event_id", "description", "price", "original_price",
                            "quantity_total", "quantity_sold"}) {
      EXPECT_TRUE(t.as_object().contains(key)) << key;
    }
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"Early/GA/sold_out", "Early/Staff/hidden",
                                            "Late/VIP/active"}));
  EXPECT_EQ(str(all[0].at("stored_status")), "active");
  EXPECT_EQ(str(all[0].at("event_id")), early.id);

  auto only = http().get("/api/ticket-types?event_id=" + late.id, admin_);
  ASSERT_EQ(only.json().at("data").as_array().size(), 1u);
  EXPECT_EQ(str(only.json().at("data").at(0).at("name")), "VIP");
  EXPECT_EQ(http().get("/api/ticket-types?event_id=nope", admin_).status, 422u);
  EXPECT_EQ(http()
                .get("/api/ticket-types?event_id=6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b", admin_)
                .error_code(),
            "EVENT_NOT_FOUND");

  // The page's "add": prices and quantities as numbers, event chosen in a list.
  auto made = http().post("/api/ticket-types",
                          {{"event_id", late.id},
                           {"name", "Standard"},
                           {"price", 150000},
                           {"quantity_total", 200},
                           {"description", ""}},
                          admin_);
  ASSERT_EQ(made.status, 201u) << made.body;
  const std::string id = str(made.json().at("data").at("id"));
  EXPECT_EQ(str(made.json().at("data").at("event_id")), late.id);
  EXPECT_EQ(actions("ticket_type", id), (std::vector<std::string>{"ticket_type.create"}));
  EXPECT_EQ(http()
                .get("/api/ticket-types?event_id=" + late.id, admin_)
                .json()
                .at("data")
                .as_array()
                .size(),
            2u);

  auto no_event = http().post("/api/ticket-types",
                              {{"name", "X"}, {"price", 1}, {"quantity_total", 1}}, admin_);
  EXPECT_EQ(fields(no_event), (std::vector<std::string>{"event_id:REQUIRED"}));
  auto bad = http().post("/api/ticket-types",
                         {{"event_id", late.id}, {"price", -1}, {"quantity_total", -2}}, admin_);
  EXPECT_EQ(fields(bad),
            (std::vector<std::string>{"price:INVALID_AMOUNT", "quantity_total:OUT_OF_RANGE"}));
  EXPECT_EQ(http()
                .post("/api/ticket-types",
                      {{"event_id", "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"},
                       {"name", "X"},
                       {"price", 1},
                       {"quantity_total", 1}},
                      admin_)
                .error_code(),
            "EVENT_NOT_FOUND");

  // Its edit form, its eye button (status only), and delete.
  auto edit = http().put("/api/ticket-types/" + id,
                         {{"name", "Standard+"},
                          {"price", 160000},
                          {"quantity_total", 150},
                          {"description", "Seat anywhere"}},
                         admin_);
  ASSERT_EQ(edit.status, 200u) << edit.body;
  EXPECT_EQ(edit.json().at("data").at("price").as_int64(), 160000);
  auto hide = http().put("/api/ticket-types/" + id, {{"status", "hidden"}}, admin_);
  ASSERT_EQ(hide.status, 200u) << hide.body;
  EXPECT_EQ(str(hide.json().at("data").at("status")), "hidden");
  EXPECT_EQ(
      actions("ticket_type", id),
      (std::vector<std::string>{"ticket_type.create", "ticket_type.update", "ticket_type.update"}));
  auto below = http().put("/api/ticket-types/" + ga.id, {{"quantity_total", 0}}, admin_);
  EXPECT_EQ(below.error_code(), "QUANTITY_BELOW_SOLD");
  EXPECT_EQ(http().del("/api/ticket-types/" + ga.id, admin_).error_code(), "TICKET_TYPE_HAS_SALES");
  ASSERT_EQ(http().del("/api/ticket-types/" + id, admin_).status, 200u);
  EXPECT_EQ(actions("ticket_type", id).size(), 4u);
  EXPECT_EQ(actions("ticket_type", id)[1], "ticket_type.delete");
  EXPECT_EQ(http().del("/api/ticket-types/" + id, admin_).error_code(), "TICKET_TYPE_NOT_FOUND");
}

TEST_F(ReactAdminTest, BannersPage) {
  // The page's "add" (no priority: the client has no field for it).
  auto made = http().post("/api/banners",
                          {{"title", "Summer"},
                           {"image_url", "/uploads/summer.png"},
                           {"link_url", ""},
                           {"is_active", true},
                           {"is_homepage", false}},
                          admin_);
  ASSERT_EQ(made.status, 201u) << made.body;
  const auto& b = made.json().at("data");
  const std::string id = std::to_string(b.at("id").as_int64());
  EXPECT_TRUE(b.at("link_url").is_null());
  EXPECT_FALSE(b.at("is_homepage").as_bool());
  EXPECT_EQ(b.at("order").as_int64(), b.at("priority").as_int64());
  EXPECT_EQ(actions("banner", id), (std::vector<std::string>{"banner.create"}));

  // Its edit form and its "home page" button; `order` is read as the priority.
  auto edit = http().put("/api/banners/" + id,
                         {{"title", "Summer!"}, {"is_homepage", true}, {"order", 7}}, admin_);
  ASSERT_EQ(edit.status, 200u) << edit.body;
  EXPECT_EQ(edit.json().at("data").at("priority").as_int64(), 7);
  EXPECT_TRUE(edit.json().at("data").at("is_homepage").as_bool());
  auto both = http().put("/api/banners/" + id, {{"order", 1}, {"priority", 3}}, admin_);
  EXPECT_EQ(both.json().at("data").at("order").as_int64(), 3) << "priority wins";
  auto home = http().get("/api/banners/public");
  ASSERT_EQ(home.json().at("data").as_array().size(), 1u);

  // The eye button flips is_active, and back; each flip is audited.
  auto off = patch("/api/banners/" + id + "/toggle", admin_);
  ASSERT_EQ(off.status, 200u) << off.body;
  EXPECT_FALSE(off.json().at("data").at("is_active").as_bool());
  EXPECT_TRUE(http().get("/api/banners/public").json().at("data").as_array().empty());
  int flips_off = 0;
  for (const auto& entry : audit("banner", id)) {
    if (str(entry.at("action")) == "banner.update" &&
        entry.at("before").at("is_active").as_bool() &&
        !entry.at("after").at("is_active").as_bool()) {
      ++flips_off;
    }
  }
  EXPECT_EQ(flips_off, 1);
  auto on = patch("/api/banners/" + id + "/toggle", admin_);
  EXPECT_TRUE(on.json().at("data").at("is_active").as_bool());
  EXPECT_EQ(audit("banner", id).size(), 5u);  // create, 2 updates, 2 toggles

  // The /api/admin errors.
  auto no_image = http().post("/api/banners", {{"title", "No image"}}, admin_);
  EXPECT_EQ(fields(no_image), (std::vector<std::string>{"image_url:REQUIRED"}));
  auto bad_url = http().put("/api/banners/" + id, {{"image_url", "javascript:alert(1)"}}, admin_);
  EXPECT_EQ(fields(bad_url), (std::vector<std::string>{"image_url:INVALID_URL"}));
  EXPECT_EQ(patch("/api/banners/999999/toggle", admin_).error_code(), "BANNER_NOT_FOUND");
  EXPECT_EQ(patch("/api/banners/abc/toggle", admin_).error_code(), "BANNER_NOT_FOUND");

  ASSERT_EQ(http().del("/api/banners/" + id, admin_).status, 200u);
  EXPECT_EQ(actions("banner", id)[1], "banner.delete");  // create, delete, updates
  EXPECT_EQ(http().del("/api/banners/" + id, admin_).error_code(), "BANNER_NOT_FOUND");
}

// What the client's admin pages read from the lists they load.
TEST_F(ReactAdminTest, WhatTheAdminPagesRead) {
  App& app = server_.app();
  const Event e = create_event(app, {.title = "Listed"});
  create_ticket_type(app, e.id);
  room("Hall", 1, 3);
  auto events = http().get("/api/events?limit=50", admin_);  // events and ticket types pages
  ASSERT_EQ(events.status, 200u);
  const auto& card = events.json().at("data").at(0);
  for (const char* key : {"id", "title", "location", "category", "start_time", "end_time", "status",
                          "banner_image", "description"}) {
    EXPECT_TRUE(card.as_object().contains(key)) << key;
  }
  EXPECT_EQ(http().get("/api/events?limit=100", admin_).status, 200u);
  auto rooms = http().get("/api/rooms", admin_);  // the room picker of the event form
  const auto& r = rooms.json().at("data").at(0);
  EXPECT_EQ(str(r.at("name")), "Hall");
  EXPECT_EQ(r.at("rows").as_int64() * r.at("seatsPerRow").as_int64(), 3);
  EXPECT_TRUE(r.at("isActive").as_bool());

  // The event page asks for the rooms too, without a token: an answer, not the
  // 401 that its axios layer turns into a trip to the login page.
  auto anonymous = http().get("/api/rooms");
  ASSERT_EQ(anonymous.status, 200u) << anonymous.body;
  EXPECT_TRUE(anonymous.json().at("data").as_array().empty());
}

// What the client's event page reads, asked without a token.
TEST_F(ReactAdminTest, WhatTheEventPageReads) {
  App& app = server_.app();
  const Event e = create_event(app, {.title = "Detail", .is_hot = true});
  create_ticket_type(app, e.id, {.name = "GA", .price = 120000});
  auto r = http().get("/api/events/" + e.id);
  ASSERT_EQ(r.status, 200u) << r.body;
  const auto& d = r.json().at("data");
  for (const char* key :
       {"id", "title", "description", "location", "start_time", "banner_image", "is_hot"}) {
    EXPECT_TRUE(d.as_object().contains(key)) << key;
  }
  EXPECT_TRUE(d.at("is_hot").as_bool());
  EXPECT_EQ(d.at("ticket_types").at(0).at("price").as_int64(), 120000);  // its "price from"
  auto rooms = http().get("/api/rooms");
  ASSERT_EQ(rooms.status, 200u);
  EXPECT_TRUE(rooms.json().at("data").as_array().empty());
}

}  // namespace
}  // namespace evient::test
