#pragma once
// Group commit for the hot writes (orders, payments, check-ins, releases).
//
// A caller submits its work and waits. The first waiting caller becomes the
// leader: it takes what is queued (up to a bound), runs each job in its own
// SAVEPOINT inside one write transaction, commits once, then answers every job
// of the batch and hands the lead to the next waiting caller. At most
// `max_writers` batches run at once (1 on SQLite, which has one writer). One fsync (SQLite
// synchronous=FULL, PostgreSQL synchronous_commit=on) then pays for the whole
// batch, and the hot rows are locked once per batch instead of once per order.
//
// Every job's outcome is the one it would have had alone:
// - a job that throws is rolled back to its savepoint and gets its own
//   exception; the others of the batch are untouched;
// - a job that loses a lock conflict (TransientConflict: deadlock,
//   serialization failure) is rolled back to its savepoint and run again alone
//   after the batch, with the engine's usual retries;
// - a job that throws RetryJob is rolled back to its savepoint and run again
//   at once (it asks for that after changing its own state, e.g. to release
//   expired holds first);
// - when the transaction as a whole fails (the database is out, COMMIT failed,
//   the connection was lost past the engine's retries) no job is answered as a
//   success: each gets that exception, as it would have alone.
// Hot rows: within a batch, reservations of ticket types are not written one
// by one. A job's reserve and unreserve (store::orders) only note what they
// take or give back (DeferredReservations); after the last job the batch adds
// each type's total
// in ONE conditional UPDATE, so a hot type's row is written and locked once per
// batch, and only from the batch's end to its COMMIT (other batches on other
// connections run their orders meanwhile). When a total does not fit (the type
// is selling out, or was taken off sale meanwhile), the whole batch is rolled
// back and run again with every reservation written by its own job: near a
// sell-out each order is then refused or served exactly as it would have been
// alone. A batch whose totals fit is one serial order of its jobs in which every
// reservation fit too (quantities only add up), so outcomes stay exact.
//
// Nobody is answered before COMMIT returned. Jobs may run more than once (the
// engine re-runs a transaction whose connection was lost before COMMIT), so
// like any transaction's work they must have no effect outside the database.
// No thread of its own: the leader is a caller, which is waiting anyway.
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace evient::store {

class Database;
class Tx;

// Thrown by a job to be rolled back and run again at once (see above).
struct RetryJob {};

// The reservations a batch adds up and writes at its end (see above). A job's
// notes count only when the job succeeds: rolled back to its savepoint, it
// takes nothing.
class DeferredReservations {
 public:
  void add(const std::string& ticket_type_id, std::int64_t quantity) {
    job_.emplace_back(ticket_type_id, quantity);
  }
  void begin_job() { job_.clear(); }
  void keep_job() {
    for (const auto& [id, quantity] : job_) totals_[id] += quantity;
    job_.clear();
  }
  void drop_job() { job_.clear(); }
  // By ticket type id: the batch locks the rows in this order.
  const std::map<std::string, std::int64_t>& totals() const { return totals_; }

 private:
  std::vector<std::pair<std::string, std::int64_t>> job_;
  std::map<std::string, std::int64_t> totals_;
};

class WriteQueue {
 public:
  static constexpr std::size_t kDefaultMaxBatch = 64;

  explicit WriteQueue(Database& db, std::size_t max_batch = kDefaultMaxBatch)
      : db_(db), max_batch_(max_batch < 1 ? 1 : max_batch) {}
  WriteQueue(const WriteQueue&) = delete;
  WriteQueue& operator=(const WriteQueue&) = delete;

  // Runs `work` in the next batch; returns once that batch committed, or
  // throws what `work` threw (or what failed the batch).
  void run(const std::function<void(Tx&)>& work);

  void set_max_batch(std::size_t n) {
    std::lock_guard<std::mutex> lock(mutex_);
    max_batch_ = n < 1 ? 1 : n;
  }
  // Batches that may run at once. SQLite has one writer whatever we do: 1.
  // PostgreSQL runs batches side by side on their own connections; then a
  // batch forms only once all of them are busy.
  void set_max_writers(std::size_t n) {
    std::lock_guard<std::mutex> lock(mutex_);
    max_writers_ = n < 1 ? 1 : n;
  }

  // Whether batches add reservations up (see above); on by default.
  void set_defer_reservations(bool on) {
    std::lock_guard<std::mutex> lock(mutex_);
    defer_reservations_ = on;
  }

  // Jobs waiting or running, the running batches included.
  std::size_t waiting() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return queue_.size() + in_flight_;
  }

  // Counters for tests and metrics: batches committed and jobs they carried.
  // The same are counted process-wide for GET /metrics (core/metrics.hpp).
  struct Stats {
    std::size_t batches = 0;
    std::size_t jobs = 0;
    std::size_t largest = 0;
    std::size_t conflicts = 0;       // jobs rolled back for a lock conflict, run again alone
    std::size_t failed_batches = 0;  // batches of two or more whose transaction failed
    // Batches run again with each reservation written by its own job, because
    // their totals did not fit.
    std::size_t refitted = 0;
  };
  Stats stats() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return stats_;
  }

 private:
  struct Job {
    const std::function<void(Tx&)>* work;
    std::exception_ptr error;
    bool conflicted = false;  // lost a lock conflict: run again alone
    bool done = false;
    std::condition_variable wake;
  };

  void run_batch(const std::vector<Job*>& batch);
  // One attempt at the batch in one transaction; false when it was rolled back
  // because the deferred reservations did not fit.
  bool try_batch(const std::vector<Job*>& batch, bool defer);
  void run_alone(Job& job);
  // The conflicts of a finished batch, and the process-wide metrics (under
  // mutex_); a batch that failed as a whole (not under it).
  void count_batch(const std::vector<Job*>& batch);
  void count_failed_batch();

  Database& db_;
  std::size_t max_batch_;
  std::size_t max_writers_ = 1;
  bool defer_reservations_ = true;
  mutable std::mutex mutex_;
  std::deque<Job*> queue_;     // waiting for a writer, in arrival order
  std::size_t running_ = 0;    // batches running
  std::size_t in_flight_ = 0;  // jobs in them
  Stats stats_;
};

}  // namespace evient::store
