#pragma once
// Fixed-window counters per key (e.g. "login-ip:1.2.3.4"), in process memory.
// With several instances each keeps its own window; the README says so.
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
    if (buckets_.size() > 100000) prune(now);
    Bucket& b = buckets_[key];
    if (now >= b.window_start + window_) {
      b.window_start = now;
      b.count = 0;
    }
    return ++b.count <= limit_;
  }

 private:
  struct Bucket {
    Timestamp window_start{};
    int count = 0;
  };
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
