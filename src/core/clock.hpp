#pragma once
// Time is injected: services ask a Clock, never the system directly, so tests
// can move time (reservation expiry, token expiry, the door window).
#include <atomic>
#include <chrono>

namespace evient {

using Timestamp = std::chrono::sys_seconds;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Timestamp now() const override {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  }
};

// Real time shifted by an adjustable offset; used by tests to jump ahead.
class ManualClock final : public Clock {
 public:
  Timestamp now() const override {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) +
           std::chrono::seconds(offset_.load());
  }
  void advance(std::chrono::seconds by) { offset_ += by.count(); }

 private:
  std::atomic<long long> offset_{0};
};

}  // namespace evient
