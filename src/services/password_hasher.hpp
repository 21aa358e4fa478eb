#pragma once
// Argon2id on its own threads, behind a bounded queue. Each hash holds 19 MiB
// and a core for tens of milliseconds; run on the shared worker pool, a flood
// of sign-ups or logins left no worker for checkout (buy-and-pay fell from
// ~1,370/s to 11/s). Here at most `threads + queue` requests wait for a hash;
// one more is refused at once with 503 and Retry-After, and every other worker
// stays free for the rest of the API.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace evient {

class PasswordHasher {
 public:
  // threads >= 1; queue = how many may wait beyond those running.
  PasswordHasher(std::size_t threads, std::size_t queue);
  ~PasswordHasher();
  PasswordHasher(const PasswordHasher&) = delete;
  PasswordHasher& operator=(const PasswordHasher&) = delete;

  // Runs `work` on a hashing thread and waits for its result; throws
  // ServiceUnavailable (503, Retry-After: 1) when the queue is full.
  std::string run(const std::function<std::string()>& work);
  bool run_check(const std::function<bool()>& work);

  std::size_t capacity() const { return capacity_; }
  // Running and waiting now.
  std::size_t in_use() {
    std::lock_guard lock(mutex_);
    return admitted_;
  }

 private:
  void admit(std::function<void()> job);
  template <class R>
  R submit(const std::function<R()>& work);
  void serve();

  const std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;
  std::size_t admitted_ = 0;  // running + waiting
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

// Defaults for EVIENT_HASH_THREADS / EVIENT_HASH_QUEUE: a quarter of the
// workers (at most one per core, at least one) hash, as many more may wait, so
// at most half the workers ever wait for a hash.
std::size_t default_hash_threads(int workers);
std::size_t default_hash_queue(std::size_t threads);

}  // namespace evient
