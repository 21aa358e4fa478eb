#include "services/password_hasher.hpp"

#include <algorithm>

#include "core/errors.hpp"
#include "core/metrics.hpp"

namespace evient {

PasswordHasher::PasswordHasher(std::size_t threads, std::size_t queue)
    : capacity_(std::max<std::size_t>(1, threads) + queue) {
  for (std::size_t i = 0; i < std::max<std::size_t>(1, threads); ++i) {
    threads_.emplace_back([this] { serve(); });
  }
}

PasswordHasher::~PasswordHasher() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (auto& t : threads_) t.join();
}

void PasswordHasher::admit(std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    if (admitted_ >= capacity_) {
      metrics::registry().hash_rejected.inc();
      throw ServiceUnavailable("Too many sign-ins at once; try again in a second",
                               std::chrono::seconds(1));
    }
    ++admitted_;
    metrics::registry().hash_admitted.add(1);
    jobs_.push_back(std::move(job));
  }
  ready_.notify_one();
}

void PasswordHasher::serve() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // stopping, nothing left
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    job();  // a packaged_task: its exception goes to the waiting caller
    {
      std::lock_guard lock(mutex_);
      --admitted_;
    }
  }
}

template <class R>
R PasswordHasher::submit(const std::function<R()>& work) {
  auto task = std::make_shared<std::packaged_task<R()>>([&work] {
    // Off the gauge before the caller sees the result (a local's destructor
    // runs before packaged_task stores the value).
    struct Done {
      ~Done() { metrics::registry().hash_admitted.add(-1); }
    } done;
    return work();
  });
  auto result = task->get_future();
  admit([task] { (*task)(); });
  return result.get();
}

std::string PasswordHasher::run(const std::function<std::string()>& work) {
  return submit(work);
}

bool PasswordHasher::run_check(const std::function<bool()>& work) {
  return submit(work);
}

std::size_t default_hash_threads(int workers) {
  const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
  return std::clamp<std::size_t>(static_cast<std::size_t>(std::max(workers, 0)) / 4, 1, cores);
}

std::size_t default_hash_queue(std::size_t threads) {
  return threads;
}

}  // namespace evient
