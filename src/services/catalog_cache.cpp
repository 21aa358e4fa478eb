#include "services/catalog_cache.hpp"

#include <algorithm>
#include <mutex>
#include <random>
#include <utility>

#include "core/metrics.hpp"
#include "domain/status.hpp"
#include "store/db.hpp"

namespace evient {
namespace {

// Per entry beyond key and body: map node, control block, bookkeeping.
constexpr std::size_t kEntryOverhead = 128;

std::size_t footprint(const std::string& key, const std::string& body, const PageTemplate* page) {
  std::size_t size = key.size() + body.size() + kEntryOverhead;
  // The template holds about the body again, plus the slots and their ids (a
  // seat map has a slot per seat).
  if (page) {
    size += body.size() + page->slots.size() * 48;
    for (const auto& slot : page->slots) {
      for (const auto& id : slot.ids) size += id.size();
    }
  }
  return size;
}

void append_slot(std::string& out, const AvailabilitySlot& slot, const Availability& availability) {
  using Field = AvailabilitySlot::Field;
  const AvailabilityMap& types = availability.types;
  if (slot.field == Field::SoldOut) {
    bool open = false;
    for (const auto& id : slot.ids) {
      auto it = types.find(id);
      if (it != types.end() && it->second.status == TicketTypeStatus::Active &&
          it->second.quantity_sold < it->second.quantity_total) {
        open = true;
      }
    }
    // As store::events::list_cards: sold out when it has visible types and none is open.
    out += !slot.ids.empty() && !open ? "true" : "false";
    return;
  }
  if (slot.field == Field::SeatState) {
    auto it = slot.ids.empty() ? availability.seats.end() : availability.seats.find(slot.ids[0]);
    out += '"';
    out += to_text(it == availability.seats.end() ? SeatState::Available : it->second);
    out += '"';
    return;
  }
  auto it = slot.ids.empty() ? types.end() : types.find(slot.ids.front());
  TicketType gone;
  gone.status = TicketTypeStatus::Hidden;
  const TicketType& t = it == types.end() ? gone : it->second;
  switch (slot.field) {
    case Field::QuantitySold:
      out += std::to_string(t.quantity_sold);
      break;
    case Field::Available:
      out += std::to_string(t.available());
      break;
    case Field::Status:
      out += '"';
      out += to_text(t.effective_status());
      out += '"';
      break;
    case Field::SoldOut:
    case Field::SeatState:
      break;
  }
}

}  // namespace

std::string render(const PageTemplate& page, const Availability& availability) {
  std::size_t size = 0;
  for (const auto& l : page.literals) size += l.size();
  std::string out;
  out.reserve(size + page.slots.size() * 12);
  for (std::size_t i = 0; i < page.slots.size(); ++i) {
    out += page.literals[i];
    append_slot(out, page.slots[i], availability);
  }
  if (!page.literals.empty()) out += page.literals.back();
  return out;
}

std::chrono::milliseconds CatalogCache::jittered_ttl() const {
  thread_local std::minstd_rand random(std::random_device{}());
  const std::int64_t ttl = ttl_ms_.load(std::memory_order_relaxed);
  return std::chrono::milliseconds(ttl - static_cast<std::int64_t>(random() % (ttl / 2 + 1)));
}

CatalogCache::CatalogCache(const store::Database& db, const Clock& clock,
                           std::chrono::milliseconds ttl, std::size_t max_bytes)
    : db_(db), clock_(clock), ttl_ms_(ttl.count()), max_bytes_(max_bytes) {}

CatalogCache::Now CatalogCache::now() const {
  // Generations before anything is read: a write committing meanwhile leaves
  // what is read stamped with the older generation, so it is never served.
  return {db_.catalog_generation(), db_.write_generation(), std::chrono::steady_clock::now(),
          clock_.now()};
}

bool CatalogCache::static_fresh(const Entry& e, const Now& now) const {
  const std::chrono::milliseconds ttl(ttl_ms_.load(std::memory_order_relaxed));
  // A newer generation than the caller's is fine: that data was read after the
  // caller read its generation, so it holds every write the caller could know of.
  if (e.catalog_generation < now.catalog_generation) return false;
  if (now.steady - e.filled_at >= std::min(e.max_age, ttl)) return false;
  const auto moved = now.clock - e.clock_at;
  return moved >= std::chrono::seconds(0) && moved <= ttl;
}

bool CatalogCache::body_fresh(const Entry& e, const Now& now) const {
  if (!static_fresh(e, now)) return false;
  if (e.until && now.clock >= *e.until) return false;
  return !e.page || e.write_generation >= now.write_generation;
}

std::optional<CatalogCache::Entry> CatalogCache::find(const std::string& key) const {
  std::shared_lock lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

CatalogCache::Lookup CatalogCache::hit(Body body) {
  hits_.fetch_add(1, std::memory_order_relaxed);
  metrics::registry().cache_hits.inc();
  return {std::move(body), true};
}

CatalogCache::Body CatalogCache::peek(const std::string& key) {
  if (!enabled()) return nullptr;
  const Now n = now();
  std::shared_lock lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end() || !body_fresh(it->second, n)) return nullptr;
  Body body = it->second.body;
  lock.unlock();
  return hit(std::move(body)).body;
}

CatalogCache::Lookup CatalogCache::get(const std::string& key, const std::function<Fill()>& fill,
                                       const ReadAvailability& read) {
  return lookup(key, fill, &read);
}

CatalogCache::Lookup CatalogCache::get_or_fill(const std::string& key,
                                               const std::function<std::string()>& fill) {
  return lookup(
      key,
      [&] {
        return Fill{fill(), nullptr, {}};
      },
      nullptr);
}

CatalogCache::Lookup CatalogCache::lookup(const std::string& key, const std::function<Fill()>& fill,
                                          const ReadAvailability* read) {
  auto finish = [](Fill& f) {
    return f.page ? render(*f.page, f.availability) : std::move(f.body);
  };
  if (!enabled()) {
    Fill f = fill();
    return {std::make_shared<const std::string>(finish(f)), false};
  }
  const Now asked = now();
  std::optional<Entry> found = find(key);
  if (found && body_fresh(*found, asked)) return hit(std::move(found->body));

  const std::shared_ptr<std::mutex> filling = fill_lock(key);
  std::lock_guard fill_guard(*filling);
  // Someone else may have filled or refreshed it while this caller waited.
  found = find(key);
  Now current = asked;
  current.steady = std::chrono::steady_clock::now();
  if (found && body_fresh(*found, current)) return hit(std::move(found->body));

  if (found && found->page && read && static_fresh(*found, current)) {
    // Only availability moved (a write, or a hold ran out): read it again and
    // refill the holes.
    const std::uint64_t generation = db_.write_generation();
    const Availability availability = (*read)(*found->page);
    Body body = std::make_shared<const std::string>(render(*found->page, availability));
    availability_reads_.fetch_add(1, std::memory_order_relaxed);
    metrics::registry().cache_availability_reads.inc();
    refresh(key, *found, body, generation, availability.until);
    return hit(std::move(body));
  }

  misses_.fetch_add(1, std::memory_order_relaxed);
  metrics::registry().cache_misses.inc();
  const Now filled = now();
  Fill f = fill();
  Entry entry;
  entry.page = f.page;
  entry.body = std::make_shared<const std::string>(finish(f));
  entry.catalog_generation = filled.catalog_generation;
  entry.write_generation = filled.write_generation;
  entry.until = f.availability.until;
  entry.filled_at = std::chrono::steady_clock::now();
  entry.max_age = jittered_ttl();
  entry.clock_at = asked.clock;
  Body body = entry.body;
  store(key, std::move(entry));
  return {std::move(body), false};
}

std::shared_ptr<std::mutex> CatalogCache::fill_lock(const std::string& key) {
  std::lock_guard lock(fills_mutex_);
  if (fills_.size() > 1024) {
    // Keys nobody is filling any more (say, one-off searches).
    std::erase_if(fills_, [](const auto& kv) { return kv.second.expired(); });
  }
  std::weak_ptr<std::mutex>& slot = fills_[key];
  std::shared_ptr<std::mutex> m = slot.lock();
  if (!m) {
    m = std::make_shared<std::mutex>();
    slot = m;
  }
  return m;
}

void CatalogCache::refresh(const std::string& key, const Entry& from, Body body,
                           std::uint64_t generation, std::optional<Timestamp> until) {
  std::unique_lock lock(mutex_);
  auto it = entries_.find(key);
  // Replaced or dropped meanwhile: leave it.
  if (it == entries_.end() || it->second.page != from.page) return;
  // Refreshes of a key run one at a time (fill_lock), so a body read at the
  // same generation (the re-read after a hold ran out) is the newer one.
  if (it->second.write_generation > generation) return;
  bytes_ -= footprint(it->first, *it->second.body, it->second.page.get());
  it->second.body = std::move(body);
  it->second.write_generation = generation;
  it->second.until = until;
  bytes_ += footprint(it->first, *it->second.body, it->second.page.get());
}

void CatalogCache::store(const std::string& key, Entry entry) {
  const std::size_t size = footprint(key, *entry.body, entry.page.get());
  if (size > max_bytes_ / 4) return;  // one huge page must not flush the rest
  Now n = now();
  std::unique_lock lock(mutex_);
  if (auto it = entries_.find(key); it != entries_.end()) {
    bytes_ -= footprint(it->first, *it->second.body, it->second.page.get());
    entries_.erase(it);
  }
  if (bytes_ + size > max_bytes_) {
    // Full (say, many distinct searches): drop what can no longer be served,
    // and everything if that is not enough. Simple, and bounded.
    for (auto it = entries_.begin(); it != entries_.end();) {
      if (static_fresh(it->second, n)) {
        ++it;
      } else {
        bytes_ -= footprint(it->first, *it->second.body, it->second.page.get());
        it = entries_.erase(it);
      }
    }
    if (bytes_ + size > max_bytes_) {
      entries_.clear();
      bytes_ = 0;
    }
  }
  entries_.emplace(key, std::move(entry));
  bytes_ += size;
}

}  // namespace evient
