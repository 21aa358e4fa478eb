#pragma once
// A small in-process cache of serialised catalogue responses (the public event
// list, featured events, event detail, banners): the catalogue is read
// thousands of times per write, so most reads become a memory copy.
//
// An entry is served only while all of these hold:
// - no write transaction has committed through this process's Database since
//   the entry was filled (Database::write_generation(); the engines bump it
//   after every COMMIT, so no service has to remember to invalidate);
// - it is younger than `ttl` (bounds how long writes by other processes, such
//   as other instances on one PostgreSQL, stay invisible);
// - the injected Clock has not moved more than `ttl` away from when it was
//   filled (results depend on "now": upcoming/featured, expired holds).
//
// Misses of one key are filled one at a time: callers that missed while
// another filled the key take its result when it was read after they missed
// (its generation is not older than theirs) instead of reading the database
// again. Under a write per few milliseconds (an on-sale) every poller of the
// same page would otherwise rebuild it.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "core/clock.hpp"
#include "services/store_handles.hpp"

namespace evient {

class CatalogCache {
 public:
  using Body = std::shared_ptr<const std::string>;
  static constexpr std::size_t kDefaultMaxBytes = 16 << 20;

  CatalogCache(const store::Database& db, const Clock& clock, std::chrono::milliseconds ttl,
               std::size_t max_bytes = kDefaultMaxBytes);

  bool enabled() const { return ttl_ms_.load(std::memory_order_relaxed) > 0; }

  struct Lookup {
    Body body;
    bool hit = false;
  };
  // The cached body for `key`, or fill()'s result, stored for the next caller.
  // An exception from fill() propagates and nothing is stored.
  Lookup get_or_fill(const std::string& key, const std::function<std::string()>& fill);

  std::uint64_t hits() const { return hits_.load(std::memory_order_relaxed); }
  std::uint64_t misses() const { return misses_.load(std::memory_order_relaxed); }

 private:
  struct Entry {
    Body body;
    std::uint64_t generation = 0;
    // Served until filled_at + max_age: the TTL less a random part of up to a
    // half, so that entries filled together (say, after a write) do not all
    // expire in the same instant and queue their refills on the read threads.
    std::chrono::steady_clock::time_point filled_at;
    std::chrono::milliseconds max_age{0};
    Timestamp clock_at;
  };

  bool fresh(const Entry& e, std::uint64_t generation, std::chrono::steady_clock::time_point now,
             Timestamp clock_now) const;
  // The entry for `key` when `fresh` (or filled at a newer generation), else null.
  Body find_fresh(const std::string& key, std::uint64_t generation,
                  std::chrono::steady_clock::time_point now, Timestamp clock_now) const;
  // The lock that makes misses of `key` fill one at a time.
  std::shared_ptr<std::mutex> fill_lock(const std::string& key);
  void store(const std::string& key, Entry entry);
  std::chrono::milliseconds jittered_ttl() const;

  const store::Database& db_;
  const Clock& clock_;
  std::atomic<std::int64_t> ttl_ms_;
  const std::size_t max_bytes_;
  std::atomic<std::uint64_t> hits_{0};
  std::atomic<std::uint64_t> misses_{0};

  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  std::size_t bytes_ = 0;

  std::mutex fills_mutex_;
  std::unordered_map<std::string, std::weak_ptr<std::mutex>> fills_;
};

}  // namespace evient
