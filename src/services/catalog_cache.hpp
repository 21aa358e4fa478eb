#pragma once
// A small in-process cache of serialised catalogue responses (the public event
// list, featured events, event detail, banners, seat maps): the catalogue is
// read thousands of times per write, so most reads become a memory copy.
//
// Availability (a type's quantity_sold, what is left, its sold-out status, a
// card's is_sold_out; a seat's state on a seat map) changes with every sale,
// everything else rarely. So a page is cached as a template with holes where
// availability goes (PageTemplate), and the holes are filled at serve time:
// - the static part is served while no write that may change it has committed
//   through this process's Database since it was filled
//   (Database::catalog_generation(): the store classifies every statement, so
//   no service has to remember to invalidate, and an order does not count);
// - the rendered body is served as is while no write at all has committed
//   since its availability was read (Database::write_generation()) and, for a
//   seat map, until the first of its holds runs out (Availability::until: an
//   expired hold reads available without any write); after either, the page's
//   availability is read again (one small query, ReadAvailability) and the
//   holes refilled, without rebuilding the page;
// - and either only while younger than `ttl` (bounds how long writes by other
//   processes, such as other instances on one PostgreSQL, stay invisible) and
//   while the injected Clock has not moved more than `ttl` away from when it
//   was filled (results depend on "now": upcoming/featured, expired holds).
// Pages without holes (banners) are static.
//
// Misses (and availability re-reads) of one key are done one at a time:
// callers that missed while another filled the key take its result when it
// was read after they missed (its generation is not older than theirs)
// instead of reading the database again.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/clock.hpp"
#include "domain/models.hpp"
#include "services/store_handles.hpp"

namespace evient {

// One hole of a PageTemplate.
struct AvailabilitySlot {
  enum class Field {
    QuantitySold,  // integer
    Available,     // integer: what is left
    Status,        // string: TicketType::effective_status()
    SoldOut,       // boolean: no type in ids is active with something left
    SeatState,     // string: the state of the seat ids[0] on the seat map
  };
  Field field = Field::QuantitySold;
  // The ticket type (every visible type of a card for SoldOut), or the seat.
  std::vector<std::string> ids;
};

// A serialised page with holes: literals.size() == slots.size() + 1.
struct PageTemplate {
  std::vector<std::string> literals;
  std::vector<AvailabilitySlot> slots;
  std::vector<std::string> type_ids;  // every type a slot names, once
  // The event whose seats the SeatState slots show: the seat states are read
  // for the event in one query, not seat by seat.
  std::string seats_of_event;
};

// Ticket types by id; only quantity_sold, quantity_total and status are used.
using AvailabilityMap = std::unordered_map<std::string, TicketType>;

// What fills a template's holes.
struct Availability {
  AvailabilityMap types;
  // The seats that do not read available (held, sold, blocked, disabled), by
  // id: most seats of a map are available, so only the others are read.
  std::unordered_map<std::string, SeatState> seats;
  // The first instant this stops being true without a write (a hold runs out
  // and reads available); none: not before the next write.
  std::optional<Timestamp> until;
};

// The template with its holes filled from `availability` (a type missing from
// it renders as nothing sold and its status as hidden: it was deleted, and the
// page is about to be rebuilt; a seat missing from it renders available).
std::string render(const PageTemplate& page, const Availability& availability);

class CatalogCache {
 public:
  using Body = std::shared_ptr<const std::string>;
  // A quarter of it is the largest entry: a seat map of about 40,000 seats.
  static constexpr std::size_t kDefaultMaxBytes = 64 << 20;

  // What a miss builds: a template and the availability it was read with, or
  // (no template) a finished body.
  struct Fill {
    std::string body;
    std::shared_ptr<const PageTemplate> page;
    Availability availability;
  };
  // Reads the current availability of the page's types (page.type_ids) and
  // seats (page.seats_of_event), as an uncached read would show it (it may
  // also release expired holds first, as that read does).
  using ReadAvailability = std::function<Availability(const PageTemplate&)>;

  CatalogCache(const store::Database& db, const Clock& clock, std::chrono::milliseconds ttl,
               std::size_t max_bytes = kDefaultMaxBytes);

  bool enabled() const { return ttl_ms_.load(std::memory_order_relaxed) > 0; }

  struct Lookup {
    Body body;
    bool hit = false;
  };
  // The cached body for `key`, its availability refreshed with `read` when a
  // write committed since; or fill()'s result, stored for the next caller. An
  // exception from fill() or read() propagates and nothing is stored.
  Lookup get(const std::string& key, const std::function<Fill()>& fill,
             const ReadAvailability& read);
  // A whole body without holes (banners).
  Lookup get_or_fill(const std::string& key, const std::function<std::string()>& fill);
  // The cached body when it can be served as is, else null; never reads the
  // database nor waits for a fill, so the I/O threads may call it.
  Body peek(const std::string& key);

  std::uint64_t hits() const { return hits_.load(std::memory_order_relaxed); }
  std::uint64_t misses() const { return misses_.load(std::memory_order_relaxed); }
  std::uint64_t availability_reads() const {
    return availability_reads_.load(std::memory_order_relaxed);
  }

 private:
  struct Entry {
    Body body;
    std::shared_ptr<const PageTemplate> page;  // null: body is the whole page
    std::uint64_t catalog_generation = 0;
    std::uint64_t write_generation = 0;  // when the body's availability was read
    std::optional<Timestamp> until;      // the body's Availability::until
    // Served until filled_at + max_age: the TTL less a random part of up to a
    // half, so that entries filled together (say, after a write) do not all
    // expire in the same instant and queue their refills on the read threads.
    std::chrono::steady_clock::time_point filled_at;
    std::chrono::milliseconds max_age{0};
    Timestamp clock_at;
  };
  struct Now {
    std::uint64_t catalog_generation;
    std::uint64_t write_generation;
    std::chrono::steady_clock::time_point steady;
    Timestamp clock;
  };

  Now now() const;
  // Whether the entry's static part (and, without a template, its body) may
  // still be served.
  bool static_fresh(const Entry& e, const Now& now) const;
  bool body_fresh(const Entry& e, const Now& now) const;
  // A copy of the entry for `key`, if any.
  std::optional<Entry> find(const std::string& key) const;
  Lookup hit(Body body);
  // The lock that makes misses of `key` fill one at a time.
  std::shared_ptr<std::mutex> fill_lock(const std::string& key);
  void store(const std::string& key, Entry entry);
  // Puts a re-rendered body into the entry, if it is still the one rendered.
  void refresh(const std::string& key, const Entry& from, Body body, std::uint64_t generation,
               std::optional<Timestamp> until);
  Lookup lookup(const std::string& key, const std::function<Fill()>& fill,
                const ReadAvailability* read);
  std::chrono::milliseconds jittered_ttl() const;

  const store::Database& db_;
  const Clock& clock_;
  std::atomic<std::int64_t> ttl_ms_;
  const std::size_t max_bytes_;
  std::atomic<std::uint64_t> hits_{0};
  std::atomic<std::uint64_t> misses_{0};
  std::atomic<std::uint64_t> availability_reads_{0};

  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  std::size_t bytes_ = 0;

  std::mutex fills_mutex_;
  std::unordered_map<std::string, std::weak_ptr<std::mutex>> fills_;
};

}  // namespace evient
