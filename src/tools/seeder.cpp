#include "tools/seeder.hpp"

#include <array>

#include "core/crypto.hpp"
#include "core/time.hpp"
#include "store/banners_repo.hpp"
#include "store/events_repo.hpp"
#include "store/maintenance_repo.hpp"
#include "store/notifications_repo.hpp"
#include "store/orders_repo.hpp"
#include "store/tickets_repo.hpp"
#include "store/users_repo.hpp"

namespace evient {
namespace {

using std::chrono::days;
using std::chrono::hours;

struct SeedEvent {
  const char* title;
  const char* slug;
  const char* category;
  const char* location;
  const char* description;
  int start_in_days;  // relative to today; negative = past
  int duration_hours;
  bool hot;
  struct Type {
    const char* name;
    Minor price;
    std::optional<Minor> original_price;
    int total;
  };
  std::array<Type, 3> types;
  int type_count;
};

const std::array<SeedEvent, 5> kEvents = {{
    {"Đêm nhạc Trịnh Công Sơn",
     "dem-nhac-trinh-cong-son",
     "Music",
     "Nhà hát Lớn Hà Nội",
     "Một đêm nhạc Trịnh với dàn nhạc giao hưởng.",
     -30,
     3,
     false,
     {{{"VIP", 1500000, std::nullopt, 100}, {"Standard", 600000, std::nullopt, 300}, {}}},
     2},
    {"Vietnam Tech Summit 2026",
     "vietnam-tech-summit-2026",
     "Tech",
     "Trung tâm Hội nghị Quốc gia, Hà Nội",
     "Hội nghị công nghệ lớn nhất năm: AI, cloud, startup.",
     -7,
     8,
     false,
     {{{"Early Bird", 300000, 500000, 200},
       {"Regular", 500000, std::nullopt, 500},
       {"Workshop Pass", 900000, std::nullopt, 50}}},
     3},
    {"Hội chợ Ẩm thực Sài Gòn",
     "hoi-cho-am-thuc-sai-gon",
     "Food",
     "Công viên 23/9, TP. Hồ Chí Minh",
     "Ba ngày ẩm thực đường phố từ khắp ba miền.",
     10,
     72,
     true,
     {{{"Vé ngày", 50000, std::nullopt, 2000}, {"Vé 3 ngày", 120000, 150000, 800}, {}}},
     2},
    {"EDM Sunset Festival Đà Nẵng",
     "edm-sunset-festival-da-nang",
     "Music",
     "Bãi biển Mỹ Khê, Đà Nẵng",
     "Lễ hội nhạc điện tử bên bờ biển lúc hoàng hôn.",
     25,
     10,
     true,
     {{{"GA", 800000, std::nullopt, 3000},
       {"VIP", 2000000, 2500000, 300},
       {"Miễn phí cho trẻ em", 0, std::nullopt, 100}}},
     3},
    {"Giải chạy Marathon Huế",
     "giai-chay-marathon-hue",
     "Sports",
     "Kinh thành Huế",
     "Đường chạy 42km qua di sản cố đô.",
     45,
     6,
     false,
     {{{"5km", 250000, std::nullopt, 1000},
       {"21km", 450000, std::nullopt, 800},
       {"42km", 650000, std::nullopt, 500}}},
     3},
}};

constexpr std::array<const char*, 10> kUserNames = {
    "Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Phạm Minh Dũng",  "Hoàng Thu Hà",
    "Vũ Đức Huy",    "Đặng Ngọc Lan", "Bùi Quang Minh", "Đỗ Thanh Phương", "Ngô Bảo Trâm"};
constexpr std::array<const char*, 10> kUserEmails = {
    "an.nguyen@example.com", "binh.tran@example.com", "cuong.le@example.com",
    "dung.pham@example.com", "ha.hoang@example.com",  "huy.vu@example.com",
    "lan.dang@example.com",  "minh.bui@example.com",  "phuong.do@example.com",
    "tram.ngo@example.com"};

// Which (event, type) each seeded order buys, and how many: 20 tickets in all.
struct SeedOrder {
  int user;
  int event;
  int type;
  int quantity;
};
constexpr std::array<SeedOrder, 10> kOrders = {{{0, 0, 0, 2},
                                                {1, 0, 1, 3},
                                                {2, 1, 0, 2},
                                                {3, 1, 2, 1},
                                                {4, 2, 0, 3},
                                                {5, 2, 1, 2},
                                                {6, 3, 0, 2},
                                                {7, 3, 1, 1},
                                                {8, 4, 1, 2},
                                                {9, 4, 2, 2}}};

Timestamp today_at(Timestamp now, int day_offset, int hour) {
  auto midnight = std::chrono::floor<days>(now);
  return std::chrono::time_point_cast<std::chrono::seconds>(midnight + days(day_offset) +
                                                            hours(hour));
}

}  // namespace

bool is_empty(store::Database& db) {
  return db.read([](store::Tx& tx) { return store::users::count(tx) == 0; });
}

void wipe(store::Database& db) {
  db.write([](store::Tx& tx) { store::maintenance::delete_all_rows(tx); });
}

SeedReport seed(store::Database& db, const Clock& clock, bool reset) {
  if (reset) wipe(db);
  SeedReport report;
  const bool exists = db.read(
      [](store::Tx& tx) { return store::users::find_by_email(tx, kSeedAdminEmail).has_value(); });
  if (exists) return report;

  const Timestamp now = clock.now();
  // Hash outside the transaction: Argon2id is slow on purpose.
  const std::string admin_hash = crypto::hash_password(kSeedAdminPassword);
  const std::string user_hash = crypto::hash_password(kSeedUserPassword);

  db.write([&](store::Tx& tx) {
    User admin;
    admin.id = crypto::uuid_v4();
    admin.email = kSeedAdminEmail;
    admin.password_hash = admin_hash;
    admin.full_name = "EViENT Admin";
    admin.role = Role::Admin;
    admin.created_at = admin.updated_at = now - days(60);
    store::users::insert(tx, admin);

    std::vector<User> users;
    for (std::size_t i = 0; i < kUserNames.size(); ++i) {
      User u;
      u.id = crypto::uuid_v4();
      u.email = kUserEmails[i];
      u.password_hash = user_hash;
      u.full_name = kUserNames[i];
      u.created_at = u.updated_at = now - days(50 - static_cast<int>(i) * 3);
      store::users::insert(tx, u);
      users.push_back(u);
    }

    std::vector<Event> events;
    std::vector<std::vector<TicketType>> types;
    for (const auto& se : kEvents) {
      Event e;
      e.id = crypto::uuid_v4();
      e.title = se.title;
      e.slug = se.slug;
      e.description = se.description;
      e.content = std::string("<p>") + se.description + "</p>";
      e.location = se.location;
      // 19:00 in Vietnam (UTC+7), where the seeded events take place.
      e.start_time = today_at(now, se.start_in_days, 12);
      e.end_time = *e.start_time + hours(se.duration_hours);
      // Artwork shipped with the web app, so a venue without internet still shows it.
      e.banner_image = std::string("/img/events/") + se.slug + "-banner.svg";
      e.thumbnail_image = std::string("/img/events/") + se.slug + "-thumb.svg";
      e.category = se.category;
      e.status = se.start_in_days < 0 ? EventStatus::Completed : EventStatus::Published;
      e.is_hot = se.hot;
      e.created_at = e.updated_at = now - days(40);
      store::events::insert(tx, e);
      events.push_back(e);
      std::vector<TicketType> list;
      for (int t = 0; t < se.type_count; ++t) {
        TicketType tt;
        tt.id = crypto::uuid_v4();
        tt.event_id = e.id;
        tt.name = se.types[t].name;
        tt.description = std::string("Vé ") + se.types[t].name;
        tt.price = se.types[t].price;
        tt.original_price = se.types[t].original_price;
        tt.quantity_total = se.types[t].total;
        tt.sort_order = t;
        tt.created_at = tt.updated_at = e.created_at;
        store::events::insert_ticket_type(tx, tt);
        list.push_back(tt);
      }
      types.push_back(std::move(list));
    }

    for (const auto& so : kOrders) {
      const Event& e = events[so.event];
      const TicketType& tt = types[so.event][so.type];
      const bool past = *e.start_time < now;
      const Timestamp ordered = past ? *e.start_time - days(5) : now - days(2);
      Order order;
      order.id = crypto::uuid_v4();
      order.user_id = users[so.user].id;
      order.total_amount = tt.price * so.quantity;
      order.status = OrderStatus::Paid;
      order.payment_method = "sandbox";
      order.payment_transaction_id = "seed-" + order.id.substr(0, 8);
      order.created_at = order.updated_at = ordered;
      order.paid_at = ordered;
      OrderItem item;
      item.id = crypto::uuid_v4();
      item.ticket_type_id = tt.id;
      item.event_id = e.id;
      item.quantity = so.quantity;
      item.unit_price = tt.price;
      order.items.push_back(item);
      store::orders::insert(tx, order);
      for (int q = 0; q < so.quantity; ++q) {
        // Past events: the first tickets of each order were scanned at the door.
        const bool used = past && q < 2;
        Ticket t;
        t.id = crypto::uuid_v4();
        t.order_id = order.id;
        t.ticket_type_id = tt.id;
        t.user_id = order.user_id;
        t.event_id = e.id;
        t.ticket_code = crypto::ticket_code();
        t.status = used ? TicketStatus::Used : TicketStatus::Valid;
        if (used) t.used_at = *e.start_time + std::chrono::minutes(20 + q);
        t.price_at_purchase = tt.price;
        t.created_at = ordered;
        store::tickets::insert(tx, t);
        ++report.tickets;
      }
      store::orders::add_sold(tx, tt.id, so.quantity);
      Notification n;
      n.id = crypto::uuid_v4();
      n.user_id = users[so.user].id;
      n.title = "Thanh toán thành công";
      n.message = "Đơn hàng cho " + e.title + " đã được thanh toán. Vé đã có trong ví của bạn.";
      n.type = NotificationType::Order;
      n.is_read = past;
      n.created_at = ordered;
      store::notifications::insert(tx, n);
    }

    for (std::size_t i = 0; i < 3; ++i) {
      const Event& e = events[2 + i];
      Banner b;
      b.title = e.title;
      b.image_url = *e.banner_image;
      b.link_url = "/events/" + e.slug;
      b.event_id = e.id;
      b.priority = static_cast<std::int64_t>(30 - i * 10);
      b.created_at = b.updated_at = now;
      store::banners::insert(tx, b);
    }

    Notification welcome;
    welcome.id = crypto::uuid_v4();
    welcome.user_id = users[0].id;
    welcome.title = "Chào mừng đến với EViENT";
    welcome.message = "Khám phá các sự kiện nổi bật tuần này.";
    welcome.type = NotificationType::Promotion;
    welcome.created_at = now - days(1);
    store::notifications::insert(tx, welcome);

    report.users = 1 + static_cast<int>(users.size());
    report.events = static_cast<int>(events.size());
  });
  report.seeded = true;
  return report;
}

}  // namespace evient
