#include "tools/bench_seeder.hpp"

#include <array>
#include <random>
#include <vector>

#include "core/crypto.hpp"
#include "store/banners_repo.hpp"
#include "store/events_repo.hpp"
#include "store/orders_repo.hpp"
#include "store/tickets_repo.hpp"
#include "store/users_repo.hpp"
#include "tools/seeder.hpp"

namespace evient {
namespace {

using std::chrono::days;
using std::chrono::hours;

constexpr std::int64_t kUsers = 20'000;
constexpr std::int64_t kEvents = 2'000;  // including the three special ones
constexpr int kTypesPerEvent = 3;
constexpr std::int64_t kTickets = 200'000;
constexpr std::int64_t kDoorTickets = 100'000;
constexpr std::int64_t kTicketsPerOrder = 4;
constexpr std::int64_t kStadiumSeats[kTypesPerEvent] = {30'000, 15'000, 5'000};
constexpr std::int64_t kHotQuantity = 10'000'000;
// Rows handed to a repository's insert_many at a time: bounds the memory the
// 200,000 tickets would take as one vector.
constexpr std::size_t kChunk = 4'000;

// Collects models and writes them through `insert_many` a chunk at a time.
// Call flush() after the last add().
template <class Model>
class Chunked {
 public:
  using Writer = void (*)(store::Tx&, const std::vector<Model>&);
  Chunked(store::Tx& tx, Writer write) : tx_(tx), write_(write) { pending_.reserve(kChunk); }
  void add(Model m) {
    pending_.push_back(std::move(m));
    if (pending_.size() == kChunk) flush();
  }
  void flush() {
    if (pending_.empty()) return;
    write_(tx_, pending_);
    pending_.clear();
  }

 private:
  store::Tx& tx_;
  Writer write_;
  std::vector<Model> pending_;
};

constexpr std::array<const char*, 8> kCategories = {"Music", "Tech",    "Food",     "Sports",
                                                    "Art",   "Theatre", "Workshop", "Festival"};
constexpr std::array<const char*, 8> kKinds = {"Đêm nhạc",  "Hội thảo",  "Hội chợ ẩm thực",
                                               "Giải chạy", "Triển lãm", "Kịch",
                                               "Workshop",  "Lễ hội"};
constexpr std::array<const char*, 10> kNames = {"Hoàng Hôn", "Mùa Thu",   "Sông Hồng",  "Phố Cổ",
                                                "Biển Xanh", "Ánh Trăng", "Tây Nguyên", "Sài Gòn",
                                                "Cố Đô",     "Hạ Long"};
constexpr std::array<const char*, 8> kCities = {
    "Hà Nội", "TP. Hồ Chí Minh", "Đà Nẵng", "Huế", "Hải Phòng", "Cần Thơ", "Nha Trang", "Đà Lạt"};
constexpr std::array<const char*, 3> kTypeNames = {"Standard", "Premium", "VIP"};

struct TypeRow {
  std::string id;
  std::string event_id;
  std::int64_t price = 0;
  std::int64_t total = 0;
  std::int64_t sold = 0;
};

struct EventRow {
  std::string id;
  std::string slug;
  Timestamp start;
  Timestamp end;
  EventStatus status = EventStatus::Published;
};

}  // namespace

std::string bench_user_email(std::int64_t i) {
  return "bench-user-" + std::to_string(i) + "@evient.test";
}

BenchSeedReport seed_bench(store::Database& db, const Clock& clock, bool reset) {
  if (reset) wipe(db);
  BenchSeedReport report;
  const bool exists = db.read(
      [](store::Tx& tx) { return store::users::find_by_email(tx, kBenchAdminEmail).has_value(); });
  if (exists) return report;

  const Timestamp now = clock.now();
  const std::string password_hash = crypto::hash_password(kBenchPassword);
  std::mt19937_64 rng(20260101);  // the same shape every run
  auto pick = [&rng](std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
  };

  db.write([&](store::Tx& tx) {
    std::vector<std::string> user_ids;
    {
      Chunked<User> users(tx, store::users::insert_many);
      auto add_user = [&](const std::string& email, const std::string& name, Role role) {
        User u;
        u.id = crypto::uuid_v4();
        u.email = email;
        u.password_hash = password_hash;
        u.full_name = name;
        u.role = role;
        u.created_at = u.updated_at = now - days(pick(1, 400));
        users.add(u);
        return u.id;
      };
      add_user(kBenchAdminEmail, "Bench Admin", Role::Admin);
      user_ids.reserve(kUsers);
      for (std::int64_t i = 0; i < kUsers; ++i) {
        user_ids.push_back(
            add_user(bench_user_email(i),
                     std::string(kNames[i % kNames.size()]) + " " + std::to_string(i), Role::User));
      }
      users.flush();
    }

    std::vector<EventRow> events;
    std::vector<TypeRow> types;
    {
      Chunked<Event> ev(tx, store::events::insert_many);
      for (std::int64_t i = 0; i < kEvents; ++i) {
        EventRow e;
        e.id = crypto::uuid_v4();
        std::string title = std::string(kKinds[i % kKinds.size()]) + " " +
                            kNames[(i / 8) % kNames.size()] + " " + std::to_string(2026 + i % 3) +
                            " #" + std::to_string(i);
        const char* city = kCities[(i * 7) % kCities.size()];
        const char* category = kCategories[i % kCategories.size()];
        e.slug = "bench-event-" + std::to_string(i);
        e.status = EventStatus::Published;
        e.start = std::chrono::floor<hours>(now) + days(pick(1, 365)) + hours(pick(8, 20));
        bool hot = pick(0, 19) == 0;
        if (i == 0) {
          e.slug = kBenchStadiumSlug;
          title = "Đại nhạc hội Sân vận động Mỹ Đình";
          hot = true;
        } else if (i == 1) {
          e.slug = kBenchHotSlug;
          title = "Live show Hot Ticket";
        } else if (i == 2) {
          e.slug = kBenchDoorSlug;
          title = "Lễ hội Âm nhạc Hôm nay";
          e.start = now - hours(1);
        } else if (i % 20 == 3) {
          e.status = EventStatus::Draft;
        } else if (i % 20 == 4) {
          e.status = EventStatus::Completed;
          e.start = std::chrono::floor<hours>(now) - days(pick(1, 365));
        }
        e.end = e.start + hours(pick(2, 6));
        const std::string description = title + " tại " + city +
                                        ": chương trình đặc sắc với nhiều nghệ sĩ, khu ẩm thực "
                                        "và hoạt động cho cả gia đình.";
        std::string content;
        for (int p = 0; p < 4; ++p) content += "<p>" + description + "</p>";
        Event row;
        row.id = e.id;
        row.title = title;
        row.slug = e.slug;
        row.description = description;
        row.content = content;
        row.location = city;
        row.start_time = e.start;
        row.end_time = e.end;
        row.banner_image = "https://picsum.photos/seed/" + e.slug + "/1200/400";
        row.thumbnail_image = "https://picsum.photos/seed/" + e.slug + "/400/300";
        row.category = category;
        row.status = e.status;
        row.is_hot = hot;
        row.created_at = row.updated_at = now - days(pick(30, 90));
        ev.add(std::move(row));
        for (int t = 0; t < kTypesPerEvent; ++t) {
          TypeRow type;
          type.id = crypto::uuid_v4();
          type.event_id = e.id;
          type.price = (t + 1) * pick(1, 20) * 50'000;
          type.total = i == 0 ? kStadiumSeats[t] : i == 1 ? kHotQuantity : pick(500, 3000);
          types.push_back(type);
        }
        events.push_back(std::move(e));
      }
      ev.flush();  // parents before children

      // Issued tickets, planned first so the types' quantity_sold is known when
      // they are inserted (before the orders that reference them): the door
      // event's first, then the rest spread over the other visible events, 4 per
      // paid order.
      struct PlannedOrder {
        std::size_t event;
        std::size_t type;
        std::size_t user;
      };
      std::vector<PlannedOrder> plan;
      for (std::int64_t issued = 0; issued < kTickets; issued += kTicketsPerOrder) {
        PlannedOrder o{2, 0, static_cast<std::size_t>(pick(0, kUsers - 1))};
        if (issued < kDoorTickets) {
          o.type = 2 * kTypesPerEvent + static_cast<std::size_t>(issued / kTicketsPerOrder) % 3;
        } else {
          do {
            do {
              o.event = static_cast<std::size_t>(pick(3, kEvents - 1));
            } while (events[o.event].status == EventStatus::Draft);
            o.type = o.event * kTypesPerEvent + static_cast<std::size_t>(pick(0, 2));
          } while (types[o.type].sold + kTicketsPerOrder > types[o.type].total);
        }
        types[o.type].sold += kTicketsPerOrder;
        plan.push_back(o);
      }
      for (std::size_t t = 2 * kTypesPerEvent; t < 3 * kTypesPerEvent; ++t) {
        types[t].total = types[t].sold;  // the door event is sold out
      }
      Chunked<TicketType> tt(tx, store::events::insert_ticket_types);
      for (std::size_t t = 0; t < types.size(); ++t) {
        const TypeRow& row = types[t];
        TicketType type;
        type.id = row.id;
        type.event_id = row.event_id;
        type.name = kTypeNames[t % kTypesPerEvent];
        type.description = "Vé " + type.name;
        type.price = row.price;
        type.quantity_total = row.total;
        type.quantity_sold = row.sold;
        type.status = row.sold >= row.total ? TicketTypeStatus::SoldOut : TicketTypeStatus::Active;
        type.sort_order = static_cast<std::int64_t>(t % kTypesPerEvent);
        type.created_at = type.updated_at = now - days(30);
        tt.add(std::move(type));
      }
      tt.flush();

      // Orders (with their items) first, then their tickets: parents before children.
      std::vector<Order> orders;
      orders.reserve(plan.size());
      for (const auto& o : plan) {
        const EventRow& e = events[o.event];
        const TypeRow& type = types[o.type];
        const Timestamp at = std::min(now, e.start) - days(pick(1, 20));
        Order order;
        order.id = crypto::uuid_v4();
        order.user_id = user_ids[o.user];
        order.total_amount = type.price * kTicketsPerOrder;
        order.status = OrderStatus::Paid;
        order.payment_method = "sandbox";
        order.payment_transaction_id = "bench-" + order.id;
        order.created_at = order.updated_at = at;
        order.paid_at = at;
        OrderItem item;
        item.id = crypto::uuid_v4();
        item.ticket_type_id = type.id;
        item.event_id = e.id;
        item.quantity = kTicketsPerOrder;
        item.unit_price = type.price;
        order.items.push_back(std::move(item));
        orders.push_back(std::move(order));
      }
      for (std::size_t k = 0; k < orders.size(); k += kChunk) {
        const auto last =
            orders.begin() + static_cast<std::ptrdiff_t>(std::min(orders.size(), k + kChunk));
        store::orders::insert_many(
            tx, std::vector<Order>(orders.begin() + static_cast<std::ptrdiff_t>(k), last));
      }
      Chunked<Ticket> tickets(tx, store::tickets::insert_many);
      for (std::size_t k = 0; k < plan.size(); ++k) {
        const EventRow& e = events[plan[k].event];
        const TypeRow& type = types[plan[k].type];
        const Order& order = orders[k];
        const bool past = e.status == EventStatus::Completed;
        for (std::int64_t n = 0; n < kTicketsPerOrder; ++n) {
          Ticket t;
          t.id = crypto::uuid_v4();
          t.order_id = order.id;
          t.ticket_type_id = type.id;
          t.user_id = order.user_id;
          t.event_id = e.id;
          t.ticket_code = crypto::ticket_code();
          t.status = past ? TicketStatus::Used : TicketStatus::Valid;
          if (past) t.used_at = e.start + std::chrono::minutes(10);
          t.price_at_purchase = type.price;
          t.created_at = order.created_at;
          tickets.add(std::move(t));
        }
        ++report.orders;
        report.tickets += kTicketsPerOrder;
      }
      tickets.flush();
    }

    std::vector<Banner> banners;
    for (std::size_t i = 0; i < 5; ++i) {
      const EventRow& e = events[i == 2 ? 10 : i];
      Banner b;
      b.title = e.slug;
      b.image_url = "https://picsum.photos/seed/" + e.slug + "/1200/400";
      b.link_url = "/events/" + e.slug;
      b.event_id = e.id;
      b.priority = static_cast<std::int64_t>(50 - i * 10);
      b.created_at = b.updated_at = now;
      banners.push_back(std::move(b));
    }
    store::banners::insert_many(tx, banners);
    report.users = kUsers + 1;
    report.events = kEvents;
    report.ticket_types = static_cast<std::int64_t>(types.size());
  });
  report.seeded = true;
  return report;
}

}  // namespace evient
