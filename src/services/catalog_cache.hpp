#pragma once
// A small in-process cache of serialised catalogue responses (the public event
// list, featured events, event detail, banners, seat maps): the catalogue is
// read thousands of times per write, so most reads become a memory copy.
//
// Availability (a type's quantity_sold, what is left, its sold-out status, a
// card's is_sold_out) changes with every sale, everything else rarely. So a
// list or detail page is cached as a template with holes where availability
// goes (PageTemplate), and the holes are filled at serve time:
// - the static part is served while no write that may change it has committed
//   through this process's Database since it was filled
//   (Database::catalog_generation(): the store classifies every statement, so
//   no service has to remember to invalidate, and an order does not count);
// - the rendered body is served as is while no write at all has committed
//   since its availability was read (Database::write_generation()); after one,
//   the page's types are read again (one small query, ReadAvailability) and the
//   holes refilled, without rebuilding the page;
// - and either only while younger than `ttl` (bounds how long writes by other
//   processes, such as other instances on one PostgreSQL, stay invisible) and
//   while the injected Clock has not moved more than `ttl` away from when it
//   was filled (results depend on "now": upcoming/featured, expired holds).
// Pages without holes (a seat map) are either static (banners) or depend on
// every write (Depends::Everything), as before.
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
    SoldOut,       // boolean: no type in type_ids is active with something left
  };
  Field field = Field::QuantitySold;
  std::vector<std::string> type_ids;  // one, or (SoldOut) every visible type of a card
};

// A serialised page with holes: literals.size() == slots.size() + 1.
struct PageTemplate {
  std::vector<std::string> literals;
  std::vector<AvailabilitySlot> slots;
  std::vector<std::string> type_ids;  // every type a slot names, once
};

// Ticket types by id; only quantity_sold, quantity_total and status are used.
using AvailabilityMap = std::unordered_map<std::string, TicketType>;

// The template with its holes filled from `availability` (a type missing from
// it renders as nothing sold and its status as hidden: it was deleted, and the
// page is about to be rebuilt).
std::string render(const PageTemplate& page, const AvailabilityMap& availability);

class CatalogCache {
 public:
  using Body = std::shared_ptr<const std::string>;
  static constexpr std::size_t kDefaultMaxBytes = 16 << 20;

  // What an entry without holes depends on besides catalogue writes.
  enum class Depends { Catalogue, Everything };

  // What a miss builds: a template and the availability it was read with, or
  // (no template) a finished body.
  struct Fill {
    std::string body;
    std::shared_ptr<const PageTemplate> page;
    AvailabilityMap availability;
  };
  // Reads the current availability of these types (may also release expired
  // holds first, as an uncached read would).
  using ReadAvailability = std::function<AvailabilityMap(const std::vector<std::string>&)>;

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
             const ReadAvailability& read, Depends depends = Depends::Catalogue);
  // A whole body without holes (banners; the seat map with Depends::Everything).
  Lookup get_or_fill(const std::string& key, const std::function<std::string()>& fill,
                     Depends depends = Depends::Catalogue);
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
    Depends depends = Depends::Catalogue;
    std::uint64_t catalog_generation = 0;
    std::uint64_t write_generation = 0;  // when the body's availability was read
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
  void refresh(const std::string& key, const Entry& from, Body body, std::uint64_t generation);
  Lookup lookup(const std::string& key, const std::function<Fill()>& fill,
                const ReadAvailability* read, Depends depends);
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
