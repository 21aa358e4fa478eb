#include "services/catalog_cache.hpp"

#include <algorithm>
#include <mutex>
#include <random>
#include <utility>

#include "core/metrics.hpp"
#include "store/db.hpp"

namespace evient {
namespace {

// Per entry beyond key and body: map node, control block, bookkeeping.
constexpr std::size_t kEntryOverhead = 128;

std::size_t footprint(const std::string& key, const std::string& body) {
  return key.size() + body.size() + kEntryOverhead;
}

}  // namespace

std::chrono::milliseconds CatalogCache::jittered_ttl() const {
  thread_local std::minstd_rand random(std::random_device{}());
  const std::int64_t ttl = ttl_ms_.load(std::memory_order_relaxed);
  return std::chrono::milliseconds(ttl - static_cast<std::int64_t>(random() % (ttl / 2 + 1)));
}

CatalogCache::CatalogCache(const store::Database& db, const Clock& clock,
                           std::chrono::milliseconds ttl, std::size_t max_bytes)
    : db_(db), clock_(clock), ttl_ms_(ttl.count()), max_bytes_(max_bytes) {}

bool CatalogCache::fresh(const Entry& e, std::uint64_t generation,
                         std::chrono::steady_clock::time_point now, Timestamp clock_now) const {
  const std::chrono::milliseconds ttl(ttl_ms_.load(std::memory_order_relaxed));
  // A newer generation than the caller's is fine: that data was read after the
  // caller read its generation, so it holds every write the caller could know of.
  if (e.generation < generation || now - e.filled_at >= std::min(e.max_age, ttl)) return false;
  const auto moved = clock_now - e.clock_at;
  return moved >= std::chrono::seconds(0) && moved <= ttl;
}

CatalogCache::Lookup CatalogCache::get_or_fill(const std::string& key,
                                               const std::function<std::string()>& fill) {
  if (!enabled()) return {std::make_shared<const std::string>(fill()), false};
  // Read the generation before the data: a write committing meanwhile leaves
  // the entry stamped with the older generation, so it is never served.
  const std::uint64_t generation = db_.write_generation();
  const auto now = std::chrono::steady_clock::now();
  const Timestamp clock_now = clock_.now();
  if (Body body = find_fresh(key, generation, now, clock_now)) {
    hits_.fetch_add(1, std::memory_order_relaxed);
    metrics::registry().cache_hits.inc();
    return {std::move(body), true};
  }
  const std::shared_ptr<std::mutex> filling = fill_lock(key);
  std::lock_guard fill_guard(*filling);
  // Someone else may have filled it while this caller waited.
  if (Body body = find_fresh(key, generation, std::chrono::steady_clock::now(), clock_now)) {
    hits_.fetch_add(1, std::memory_order_relaxed);
    metrics::registry().cache_hits.inc();
    return {std::move(body), true};
  }
  misses_.fetch_add(1, std::memory_order_relaxed);
  metrics::registry().cache_misses.inc();
  const std::uint64_t fill_generation = db_.write_generation();
  Entry entry{std::make_shared<const std::string>(fill()), fill_generation,
              std::chrono::steady_clock::now(), jittered_ttl(), clock_now};
  Body body = entry.body;
  store(key, std::move(entry));
  return {std::move(body), false};
}

CatalogCache::Body CatalogCache::find_fresh(const std::string& key, std::uint64_t generation,
                                            std::chrono::steady_clock::time_point now,
                                            Timestamp clock_now) const {
  std::shared_lock lock(mutex_);
  auto it = entries_.find(key);
  if (it != entries_.end() && fresh(it->second, generation, now, clock_now)) return it->second.body;
  return nullptr;
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

void CatalogCache::store(const std::string& key, Entry entry) {
  const std::size_t size = footprint(key, *entry.body);
  if (size > max_bytes_ / 4) return;  // one huge page must not flush the rest
  const std::uint64_t generation = db_.write_generation();
  const auto now = std::chrono::steady_clock::now();
  const Timestamp clock_now = clock_.now();
  std::unique_lock lock(mutex_);
  if (auto it = entries_.find(key); it != entries_.end()) {
    bytes_ -= footprint(it->first, *it->second.body);
    entries_.erase(it);
  }
  if (bytes_ + size > max_bytes_) {
    // Full (say, many distinct searches): drop what can no longer be served,
    // and everything if that is not enough. Simple, and bounded.
    for (auto it = entries_.begin(); it != entries_.end();) {
      if (fresh(it->second, generation, now, clock_now)) {
        ++it;
      } else {
        bytes_ -= footprint(it->first, *it->second.body);
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
