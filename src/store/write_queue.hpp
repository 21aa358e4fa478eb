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
// Nobody is answered before COMMIT returned. Jobs may run more than once (the
// engine re-runs a transaction whose connection was lost before COMMIT), so
// like any transaction's work they must have no effect outside the database.
// No thread of its own: the leader is a caller, which is waiting anyway.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <vector>

namespace evient::store {

class Database;
class Tx;

// Thrown by a job to be rolled back and run again at once (see above).
struct RetryJob {};

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
  void run_alone(Job& job);
  // The conflicts of a finished batch, and the process-wide metrics (under
  // mutex_); a batch that failed as a whole (not under it).
  void count_batch(const std::vector<Job*>& batch);
  void count_failed_batch();

  Database& db_;
  std::size_t max_batch_;
  std::size_t max_writers_ = 1;
  mutable std::mutex mutex_;
  std::deque<Job*> queue_;     // waiting for a writer, in arrival order
  std::size_t running_ = 0;    // batches running
  std::size_t in_flight_ = 0;  // jobs in them
  Stats stats_;
};

}  // namespace evient::store
