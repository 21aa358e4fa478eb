#pragma once
// Test helpers for the write queue (store/write_queue.hpp): a gate that holds
// it, so that jobs submitted meanwhile form one batch, and a bounded wait.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "store/db.hpp"

namespace evient::test {

// Waits (bounded) until `done` holds.
template <class F>
bool eventually(F done, std::chrono::milliseconds limit = std::chrono::seconds(10)) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

// Holds the queue: its job runs alone and waits until opened, so every job
// submitted meanwhile joins the next batch, all together.
class Gate {
 public:
  explicit Gate(store::Database& db) : db_(db) {
    thread_ = std::thread([this] {
      db_.write_queue().run([this](store::Tx&) {
        std::unique_lock<std::mutex> lock(mutex_);
        running_ = true;
        changed_.notify_all();
        changed_.wait(lock, [this] { return open_; });
      });
    });
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [this] { return running_; });
  }
  Gate(const Gate&) = delete;
  Gate& operator=(const Gate&) = delete;
  ~Gate() {
    open();
    thread_.join();
  }
  void open() {
    std::lock_guard<std::mutex> lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }

 private:
  store::Database& db_;
  std::mutex mutex_;
  std::condition_variable changed_;
  bool running_ = false;
  bool open_ = false;
  std::thread thread_;
};

}  // namespace evient::test
