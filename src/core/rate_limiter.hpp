#pragma once
// Fixed-window counters per key (e.g. "login-ip:1.2.3.4"), in process memory.
// With several instances each keeps its own window; the README says so.
#include <algorithm>
#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/clock.hpp"

namespace evient {

class RateLimiter {
 public:
  RateLimiter(const Clock& clock, int limit, std::chrono::seconds window)
      : clock_(clock), limit_(limit), window_(window) {}

  // Counts one hit; false when the key is over its limit in the current window.
  bool allow(const std::string& key) {
    const Timestamp now = clock_.now();
    std::lock_guard<std::mutex> lock(mutex_);
    return ++current(key, now).count <= limit_;
  }

  // For limits on failures: whether the key has used up its window, without
  // counting anything...
  bool exhausted(const std::string& key) {
    const Timestamp now = clock_.now();
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = buckets_.find(key);
    return it != buckets_.end() && now < it->second.window_start + window_ &&
           it->second.count >= limit_;
  }
  // ... and counting one failure.
  void count(const std::string& key) {
    const Timestamp now = clock_.now();
    std::lock_guard<std::mutex> lock(mutex_);
    ++current(key, now).count;
  }

  // Until the key's current window ends (at least one second): the Retry-After.
  std::chrono::seconds retry_after(const std::string& key) {
    const Timestamp now = clock_.now();
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = buckets_.find(key);
    if (it == buckets_.end()) return std::chrono::seconds(1);
    const auto left = it->second.window_start + window_ - now;
    return std::max(std::chrono::seconds(1), std::chrono::ceil<std::chrono::seconds>(left));
  }

 private:
  struct Bucket {
    Timestamp window_start{};
    int count = 0;
  };
  // The key's bucket, started afresh when its window is over.
  Bucket& current(const std::string& key, Timestamp now) {
    if (buckets_.size() > 100000) prune(now);
    Bucket& b = buckets_[key];
    if (now >= b.window_start + window_) {
      b.window_start = now;
      b.count = 0;
    }
    return b;
  }
  void prune(Timestamp now) {
    for (auto it = buckets_.begin(); it != buckets_.end();) {
      it = now >= it->second.window_start + window_ ? buckets_.erase(it) : std::next(it);
    }
  }

  const Clock& clock_;
  int limit_;
  std::chrono::seconds window_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace evient
