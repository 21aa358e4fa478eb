#pragma once
// A connection of its own that LISTENs on one channel, on a thread of its own,
// and reports every notification. While it is not listening (not yet
// connected, or the connection broke), notifications may be lost: it says so
// (on_state(false)), reconnects with a pause, and reports a change after each
// reconnect, since something may have happened meanwhile.
#include <atomic>
#include <functional>
#include <string>
#include <thread>

namespace evient::store::postgres {

class Listener {
 public:
  // on_change: a notification arrived, or listening (re)started.
  // on_state: whether notifications are being received from now on.
  Listener(std::string url, std::string channel, std::function<void()> on_change,
           std::function<void(bool)> on_state);
  ~Listener();
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;

 private:
  void run();

  const std::string url_;
  const std::string channel_;
  const std::function<void()> on_change_;
  const std::function<void(bool)> on_state_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace evient::store::postgres
