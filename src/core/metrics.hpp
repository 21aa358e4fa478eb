#pragma once
// Process-wide metrics in the Prometheus text format (version 0.0.4), served at
// GET /metrics. One registry per process, as Prometheus client libraries keep a
// default one: every layer counts where the thing happens (the pipeline its
// requests, the store its pool, checkout its orders) without a handle threaded
// through every constructor; several servers in one process (tests) add up.
//
// Written here rather than taken from prometheus-cpp, which Debian 12 does not
// package: what we need is counters, gauges and fixed-bucket histograms with a
// few labels, and the text format, about 200 lines.
//
// Updates are lock-free atomics; a labelled family finds its child under a
// shared lock (an exclusive one only the first time a label set is seen).
// Label values must come from a bounded set (route patterns, status codes,
// reason names), never from client input.
#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

namespace evient::metrics {

class Counter {
 public:
  void inc(std::uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  std::uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_{0};
};

class Gauge {
 public:
  void add(std::int64_t n) { value_.fetch_add(n, std::memory_order_relaxed); }
  void set(std::int64_t n) { value_.store(n, std::memory_order_relaxed); }
  std::int64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::int64_t> value_{0};
};

// Seconds, in buckets from 1 ms to 10 s: request latency and pool waits.
// Counts per bucket against fixed upper bounds, the last bucket past every
// bound; shared by the histograms below.
template <std::size_t N>
class BucketCounts {
 public:
  void add(const std::array<double, N>& bounds, double value) {
    const auto it = std::lower_bound(bounds.begin(), bounds.end(), value);
    buckets_[static_cast<std::size_t>(it - bounds.begin())].fetch_add(1, std::memory_order_relaxed);
  }
  // Per bucket (not cumulative).
  std::array<std::uint64_t, N + 1> counts() const {
    std::array<std::uint64_t, N + 1> out{};
    for (std::size_t i = 0; i < out.size(); ++i) {
      out[i] = buckets_[i].load(std::memory_order_relaxed);
    }
    return out;
  }
  std::uint64_t count() const {
    std::uint64_t n = 0;
    for (auto c : counts()) n += c;
    return n;
  }

 private:
  std::array<std::atomic<std::uint64_t>, N + 1> buckets_{};
};

class Histogram {
 public:
  static constexpr std::array<double, 12> kBounds = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                     0.1,   0.25,   0.5,   1.0,  2.5,   10.0};
  void observe(std::chrono::steady_clock::duration d);
  // Per bucket (not cumulative), the last one past every bound.
  std::array<std::uint64_t, kBounds.size() + 1> counts() const { return buckets_.counts(); }
  std::uint64_t count() const { return buckets_.count(); }
  double sum_seconds() const;

 private:
  BucketCounts<kBounds.size()> buckets_;
  std::atomic<std::uint64_t> sum_ns_{0};
};

// Sizes (jobs in a write-queue batch), in powers of two up to the queue's
// default bound of 64.
class SizeHistogram {
 public:
  static constexpr std::array<double, 7> kBounds = {1, 2, 4, 8, 16, 32, 64};
  void observe(std::uint64_t n);
  std::array<std::uint64_t, kBounds.size() + 1> counts() const { return buckets_.counts(); }
  std::uint64_t count() const { return buckets_.count(); }
  double sum() const { return static_cast<double>(sum_.load(std::memory_order_relaxed)); }

 private:
  BucketCounts<kBounds.size()> buckets_;
  std::atomic<std::uint64_t> sum_{0};
};

// Children of one metric by label values, in the order of the family's label names.
template <class Metric>
class Family {
 public:
  Family(std::string name, std::string help, std::vector<std::string> labels)
      : name_(std::move(name)), help_(std::move(help)), labels_(std::move(labels)) {}

  Metric& with(const std::vector<std::string>& values) {
    {
      std::shared_lock lock(mutex_);
      if (auto it = children_.find(values); it != children_.end()) return *it->second;
    }
    std::unique_lock lock(mutex_);
    auto& slot = children_[values];
    if (!slot) slot = std::make_unique<Metric>();
    return *slot;
  }

  const std::string& name() const { return name_; }
  const std::string& help() const { return help_; }
  const std::vector<std::string>& labels() const { return labels_; }
  // Calls f(label values, metric) for every child, in label order.
  template <class F>
  void each(F&& f) const {
    std::shared_lock lock(mutex_);
    for (const auto& [values, metric] : children_) f(values, *metric);
  }

 private:
  std::string name_, help_;
  std::vector<std::string> labels_;
  mutable std::shared_mutex mutex_;
  std::map<std::vector<std::string>, std::unique_ptr<Metric>> children_;
};

// Every metric the server exposes. Names follow Prometheus conventions
// (base units, _total for counters).
struct Registry {
  Family<Counter> http_requests{"evient_http_requests_total",
                                "HTTP requests answered, by method, route pattern and status",
                                {"method", "route", "status"}};
  Family<Histogram> http_duration{"evient_http_request_duration_seconds",
                                  "Time from a request read to its response ready, by route",
                                  {"method", "route"}};
  Family<Counter> refusals{"evient_refusals_total",
                           "Requests refused by a limit (429) or shed (503), by route and code",
                           {"route", "code"}};
  Gauge connections;  // evient_http_open_connections
  Gauge pool_size;    // evient_db_pool_connections{state="open"}
  Gauge pool_in_use;  // evient_db_pool_connections{state="in_use"}
  Counter pool_waits;
  Histogram pool_wait;
  Counter cache_hits;
  Counter cache_misses;
  Counter cache_availability_reads;  // hits whose availability was read again
  Counter token_cache_hits;          // token checks answered without a read
  Counter token_cache_misses;        // token checks that read the user
  Counter write_batches;             // write-queue batches run
  Counter write_jobs;                // jobs they carried
  SizeHistogram write_batch_size;
  Gauge write_waiting;           // jobs queued or in a running batch
  Counter write_conflicts;       // jobs run again alone after a lock conflict
  Counter write_failed_batches;  // batches of two or more rolled back as a whole
  Counter write_refitted;        // batches run again because their reservations did not fit
  Counter orders_created;
  Counter orders_paid;
  Family<Counter> orders_released{
      "evient_orders_released_total", "Pending orders released, by reason", {"reason"}};
  Counter check_ins;
  Gauge hash_admitted;  // Argon2id jobs running or waiting
  Counter hash_rejected;

  // The whole registry in the text exposition format.
  std::string render() const;
};

Registry& registry();

}  // namespace evient::metrics
