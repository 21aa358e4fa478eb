#include "store/write_queue.hpp"

#include <algorithm>
#include <vector>

#include "core/metrics.hpp"
#include "store/db.hpp"
#include "store/orders_repo.hpp"

namespace evient::store {
namespace {

// A job that keeps asking to run again has a bug; this many times is plenty
// for one that changes its state first (see RetryJob).
constexpr int kMaxJobRetries = 3;

// One name for every job's savepoint: each is released before the next one is
// set, so they never nest (a deep stack of subtransactions slows PostgreSQL).
constexpr const char* kSavepoint = "SAVEPOINT write_queue_job";
constexpr const char* kNextSavepoint =
    "RELEASE SAVEPOINT write_queue_job; SAVEPOINT write_queue_job";
constexpr const char* kRollbackToSavepoint = "ROLLBACK TO SAVEPOINT write_queue_job";

}  // namespace

void WriteQueue::run(const std::function<void(Tx&)>& work) {
  Job job;
  job.work = &work;
  std::unique_lock<std::mutex> lock(mutex_);
  queue_.push_back(&job);
  metrics::registry().write_waiting.add(1);
  job.wake.wait(lock,
                [&] { return job.done || (queue_.front() == &job && running_ < max_writers_); });
  if (!job.done) {
    // This caller leads: it takes its batch, itself first, off the queue.
    const std::size_t n = std::min(max_batch_, queue_.size());
    const std::vector<Job*> batch(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
    queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
    ++running_;
    in_flight_ += n;
    // Another writer may start on what is left.
    if (!queue_.empty() && running_ < max_writers_) queue_.front()->wake.notify_one();
    lock.unlock();
    run_batch(batch);
    lock.lock();
    --running_;
    in_flight_ -= n;
    ++stats_.batches;
    stats_.jobs += n;
    stats_.largest = std::max(stats_.largest, n);
    count_batch(batch);
    for (Job* j : batch) {
      j->done = true;
      if (j != &job) j->wake.notify_one();
    }
    // The next batch is led by whoever waits first.
    if (!queue_.empty()) queue_.front()->wake.notify_one();
  }
  lock.unlock();
  if (job.conflicted) {
    run_alone(job);
    return;
  }
  if (job.error) std::rethrow_exception(job.error);
}

void WriteQueue::count_batch(const std::vector<Job*>& batch) {
  auto& m = metrics::registry();
  m.write_waiting.add(-static_cast<std::int64_t>(batch.size()));
  m.write_batches.inc();
  m.write_jobs.inc(batch.size());
  m.write_batch_size.observe(batch.size());
  for (const Job* j : batch) {
    if (!j->conflicted) continue;
    ++stats_.conflicts;
    m.write_conflicts.inc();
  }
}

void WriteQueue::count_failed_batch() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ++stats_.failed_batches;
  }
  metrics::registry().write_failed_batches.inc();
}

void WriteQueue::run_alone(Job& job) {
  // The engine's own transaction: it retries lost connections and conflicts.
  for (int attempt = 0;; ++attempt) {
    try {
      db_.transact(TxMode::Write, *job.work);
      return;
    } catch (const RetryJob&) {
      if (attempt >= kMaxJobRetries) throw DatabaseError("a write asked to run again too often");
    }
  }
}

void WriteQueue::run_batch(const std::vector<Job*>& batch) {
  if (batch.size() == 1) {
    // Alone anyway: no savepoint, and its exceptions are its own.
    Job& job = *batch.front();
    try {
      run_alone(job);
    } catch (...) {
      job.error = std::current_exception();
    }
    return;
  }
  bool defer;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    defer = defer_reservations_;
  }
  try {
    if (try_batch(batch, defer)) return;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ++stats_.refitted;
    }
    metrics::registry().write_refitted.inc();
    try_batch(batch, false);
  } catch (...) {
    count_failed_batch();
    // Nothing of the batch is known to be written: nobody hears success. A job
    // rolled back for a conflict still runs alone.
    const std::exception_ptr failure = std::current_exception();
    for (Job* job : batch) {
      if (!job->conflicted) job->error = failure;
    }
  }
}

namespace {
// Rolls the batch's transaction back when its reservations do not fit.
struct ReservationsDoNotFit {};
}  // namespace

bool WriteQueue::try_batch(const std::vector<Job*>& batch, bool defer) {
  try {
    db_.transact(TxMode::Write, [&](Tx& tx) {
      Connection& conn = tx.connection();
      DeferredReservations deferred;
      tx.defer_reservations_to(defer ? &deferred : nullptr);
      bool savepoint_open = false;
      // The engine runs this again after a lost connection: start every job over.
      for (Job* job : batch) {
        job->error = nullptr;
        job->conflicted = false;
      }
      for (Job* job : batch) {
        for (int attempt = 0;; ++attempt) {
          conn.exec_script(savepoint_open ? kNextSavepoint : kSavepoint);
          savepoint_open = true;
          deferred.begin_job();
          try {
            (*job->work)(tx);
            deferred.keep_job();
            break;
          } catch (const DatabaseUnavailable&) {
            // The database, not this job (includes ConnectionLost, which the
            // engine answers by running the whole batch again).
            throw;
          } catch (const TransientConflict&) {
            // Lost a lock to another transaction (say, another process's
            // batch holding rows in the other order): give its locks back so
            // the winner can finish, and run this job alone after the batch.
            deferred.drop_job();
            conn.exec_script(kRollbackToSavepoint);
            job->conflicted = true;
            break;
          } catch (const RetryJob&) {
            deferred.drop_job();
            conn.exec_script(kRollbackToSavepoint);
            if (attempt >= kMaxJobRetries) {
              job->error =
                  std::make_exception_ptr(DatabaseError("a write asked to run again too often"));
              break;
            }
          } catch (...) {
            deferred.drop_job();
            job->error = std::current_exception();
            conn.exec_script(kRollbackToSavepoint);
            break;
          }
        }
      }
      tx.defer_reservations_to(nullptr);
      // One conditional UPDATE per type, in id order (as every batch locks
      // them); a total that does not fit undoes the whole batch. Releases
      // outweighing reservations give the difference back.
      for (const auto& [type_id, quantity] : deferred.totals()) {
        if (quantity > 0 && !orders::reserve(tx, type_id, quantity)) throw ReservationsDoNotFit{};
        if (quantity < 0) orders::unreserve(tx, type_id, -quantity);
      }
      // COMMIT releases the last savepoint.
    });
  } catch (const ReservationsDoNotFit&) {
    return false;
  }
  return true;
}

}  // namespace evient::store
