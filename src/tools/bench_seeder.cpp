#include "tools/bench_seeder.hpp"

#include <array>
#include <random>
#include <vector>

#include "core/crypto.hpp"
#include "core/text.hpp"
#include "store/params.hpp"
#include "tools/seeder.hpp"

namespace evient {
namespace {

using std::chrono::days;
using std::chrono::hours;
using store::Param;

constexpr std::int64_t kUsers = 20'000;
constexpr std::int64_t kEvents = 2'000;  // including the three special ones
constexpr int kTypesPerEvent = 3;
constexpr std::int64_t kTickets = 200'000;
constexpr std::int64_t kDoorTickets = 100'000;
constexpr std::int64_t kTicketsPerOrder = 4;
constexpr std::int64_t kStadiumSeats[kTypesPerEvent] = {30'000, 15'000, 5'000};
constexpr std::int64_t kHotQuantity = 10'000'000;

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

// Multi-row INSERT: "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4), ...", one
// statement per `per_statement` rows, prepared once and reused (the store caches
// statements by SQL text). SQLite looks parameters up by name linearly, so there
// one row per statement is fastest; PostgreSQL saves a round trip per row.
// Call flush() after the last add().
class BatchInsert {
 public:
  BatchInsert(store::Tx& tx, std::string head, std::size_t columns)
      : tx_(tx),
        head_(std::move(head)),
        columns_(columns),
        per_statement_(tx.engine() == store::Engine::Postgres ? 200 : 1) {
    pending_.reserve(columns_ * per_statement_);
  }

  void add(std::vector<Param> row) {
    for (auto& p : row) pending_.push_back(std::move(p));
    if (pending_.size() == columns_ * per_statement_) flush();
  }

  void flush() {
    if (pending_.empty()) return;
    const std::size_t rows = pending_.size() / columns_;
    if (rows == per_statement_ && full_sql_.empty()) full_sql_ = sql_for(rows);
    tx_.exec(rows == per_statement_ ? full_sql_ : sql_for(rows), pending_);
    pending_.clear();
  }

 private:
  std::string sql_for(std::size_t rows) const {
    std::string sql = head_ + " VALUES ";
    std::size_t n = 0;
    for (std::size_t r = 0; r < rows; ++r) {
      sql += r ? ", (" : "(";
      for (std::size_t c = 0; c < columns_; ++c) sql += (c ? ", $" : "$") + std::to_string(++n);
      sql += ')';
    }
    return sql;
  }

  store::Tx& tx_;
  std::string head_;
  std::size_t columns_;
  std::size_t per_statement_;
  std::string full_sql_;
  std::vector<Param> pending_;
};

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
  std::string status;
};

}  // namespace

std::string bench_user_email(std::int64_t i) {
  return "bench-user-" + std::to_string(i) + "@evient.test";
}

BenchSeedReport seed_bench(store::Database& db, const Clock& clock, bool reset) {
  if (reset) wipe(db);
  BenchSeedReport report;
  const bool exists = db.read([](store::Tx& tx) {
    return !tx.exec("SELECT 1 FROM users WHERE email = $1", {std::string(kBenchAdminEmail)})
                .empty();
  });
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
      BatchInsert users(tx,
                        "INSERT INTO users (id, email, password_hash, full_name, role, created_at, "
                        "updated_at, search_text)",
                        8);
      auto add_user = [&](const std::string& email, const std::string& name, const char* role) {
        const std::string id = crypto::uuid_v4();
        const Param created = store::ts(now - days(pick(1, 400)));
        users.add({id, email, password_hash, name, std::string(role), created, created,
                   text::fold(name + " " + email)});
        return id;
      };
      add_user(kBenchAdminEmail, "Bench Admin", "admin");
      user_ids.reserve(kUsers);
      for (std::int64_t i = 0; i < kUsers; ++i) {
        user_ids.push_back(
            add_user(bench_user_email(i),
                     std::string(kNames[i % kNames.size()]) + " " + std::to_string(i), "user"));
      }
      users.flush();
    }

    std::vector<EventRow> events;
    std::vector<TypeRow> types;
    {
      BatchInsert ev(tx,
                     "INSERT INTO events (id, title, slug, description, content, location, "
                     "start_time, end_time, banner_image, thumbnail_image, category, status, "
                     "is_hot, created_at, updated_at, search_text)",
                     16);
      BatchInsert tt(tx,
                     "INSERT INTO ticket_types (id, event_id, name, description, price, "
                     "original_price, quantity_total, quantity_sold, status, sort_order, "
                     "created_at, updated_at)",
                     12);
      for (std::int64_t i = 0; i < kEvents; ++i) {
        EventRow e;
        e.id = crypto::uuid_v4();
        std::string title = std::string(kKinds[i % kKinds.size()]) + " " +
                            kNames[(i / 8) % kNames.size()] + " " + std::to_string(2026 + i % 3) +
                            " #" + std::to_string(i);
        const char* city = kCities[(i * 7) % kCities.size()];
        const char* category = kCategories[i % kCategories.size()];
        e.slug = "bench-event-" + std::to_string(i);
        e.status = "published";
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
          e.status = "draft";
        } else if (i % 20 == 4) {
          e.status = "completed";
          e.start = std::chrono::floor<hours>(now) - days(pick(1, 365));
        }
        e.end = e.start + hours(pick(2, 6));
        const std::string description = title + " tại " + city +
                                        ": chương trình đặc sắc với nhiều nghệ sĩ, khu ẩm thực "
                                        "và hoạt động cho cả gia đình.";
        std::string content;
        for (int p = 0; p < 4; ++p) content += "<p>" + description + "</p>";
        const Param created = store::ts(now - days(pick(30, 90)));
        ev.add({e.id, title, e.slug, description, content, std::string(city), store::ts(e.start),
                store::ts(e.end), "https://picsum.photos/seed/" + e.slug + "/1200/400",
                "https://picsum.photos/seed/" + e.slug + "/400/300", std::string(category),
                e.status, hot, created, created,
                text::fold(title + " " + description + " " + city)});
        for (int t = 0; t < kTypesPerEvent; ++t) {
          TypeRow row;
          row.id = crypto::uuid_v4();
          row.event_id = e.id;
          row.price = (t + 1) * pick(1, 20) * 50'000;
          row.total = i == 0 ? kStadiumSeats[t] : i == 1 ? kHotQuantity : pick(500, 3000);
          types.push_back(row);
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
            } while (events[o.event].status == "draft");
            o.type = o.event * kTypesPerEvent + static_cast<std::size_t>(pick(0, 2));
          } while (types[o.type].sold + kTicketsPerOrder > types[o.type].total);
        }
        types[o.type].sold += kTicketsPerOrder;
        plan.push_back(o);
      }
      for (std::size_t t = 2 * kTypesPerEvent; t < 3 * kTypesPerEvent; ++t) {
        types[t].total = types[t].sold;  // the door event is sold out
      }
      for (std::size_t t = 0; t < types.size(); ++t) {
        const TypeRow& row = types[t];
        const Param created = store::ts(now - days(30));
        const std::string name = kTypeNames[t % kTypesPerEvent];
        tt.add({row.id, row.event_id, name, "Vé " + name, row.price, Param(nullptr), row.total,
                row.sold, std::string(row.sold >= row.total ? "sold_out" : "active"),
                static_cast<std::int64_t>(t % kTypesPerEvent), created, created});
      }
      tt.flush();

      BatchInsert orders(tx,
                         "INSERT INTO orders (id, user_id, total_amount, status, payment_method, "
                         "payment_transaction_id, created_at, updated_at, paid_at)",
                         9);
      BatchInsert items(tx,
                        "INSERT INTO order_items (id, order_id, ticket_type_id, event_id, "
                        "quantity, unit_price)",
                        6);
      BatchInsert tickets(tx,
                          "INSERT INTO tickets (id, order_id, ticket_type_id, user_id, event_id, "
                          "ticket_code, status, used_at, price_at_purchase, created_at)",
                          10);
      std::vector<std::string> order_ids;
      std::vector<Param> ordered_at;
      for (const auto& o : plan) {
        const EventRow& e = events[o.event];
        order_ids.push_back(crypto::uuid_v4());
        ordered_at.push_back(store::ts(std::min(now, e.start) - days(pick(1, 20))));
        const Param& at = ordered_at.back();
        orders.add({order_ids.back(), user_ids[o.user], types[o.type].price * kTicketsPerOrder,
                    std::string("paid"), std::string("sandbox"), "bench-" + order_ids.back(), at,
                    at, at});
      }
      orders.flush();  // parents before children
      for (std::size_t k = 0; k < plan.size(); ++k) {
        const PlannedOrder& o = plan[k];
        const EventRow& e = events[o.event];
        const TypeRow& type = types[o.type];
        const std::string& order_id = order_ids[k];
        const std::string& user_id = user_ids[o.user];
        const Param& at = ordered_at[k];
        const bool past = e.status == "completed";
        for (std::int64_t n = 0; n < kTicketsPerOrder; ++n) {
          tickets.add({crypto::uuid_v4(), order_id, type.id, user_id, e.id, crypto::ticket_code(),
                       std::string(past ? "used" : "valid"),
                       past ? store::ts(e.start + std::chrono::minutes(10)) : Param(nullptr),
                       type.price, at});
        }
        items.add({crypto::uuid_v4(), order_id, type.id, e.id, kTicketsPerOrder, type.price});
        ++report.orders;
        report.tickets += kTicketsPerOrder;
      }
      items.flush();
      tickets.flush();
    }

    BatchInsert banners(tx,
                        "INSERT INTO banners (title, image_url, link_url, event_id, priority, "
                        "is_active, created_at, updated_at)",
                        8);
    for (std::size_t i = 0; i < 5; ++i) {
      const EventRow& e = events[i == 2 ? 10 : i];
      banners.add({e.slug, "https://picsum.photos/seed/" + e.slug + "/1200/400",
                   "/events/" + e.slug, e.id, static_cast<std::int64_t>(50 - i * 10), true,
                   store::ts(now), store::ts(now)});
    }
    banners.flush();
    report.users = kUsers + 1;
    report.events = kEvents;
    report.ticket_types = static_cast<std::int64_t>(types.size());
  });
  report.seeded = true;
  return report;
}

}  // namespace evient
