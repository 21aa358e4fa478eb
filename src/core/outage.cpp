#include "core/outage.hpp"

#include <atomic>
#include <cstdint>

namespace evient::outage {
namespace {

using Clock = std::chrono::steady_clock;

// Ticks of steady_clock; 0 = never.
std::atomic<Clock::rep> g_last{0};

}  // namespace

void note() {
  g_last.store(Clock::now().time_since_epoch().count(), std::memory_order_relaxed);
}

bool seen_within(Clock::duration window) {
  const Clock::rep last = g_last.load(std::memory_order_relaxed);
  if (last == 0) return false;
  return Clock::now() - Clock::time_point(Clock::duration(last)) <= window;
}

}  // namespace evient::outage
