#pragma once
// Composition root: configuration -> database -> services -> router ->
// pipeline -> server, plus background tasks. All wiring happens here: every
// object is complete when its constructor returns. main.cpp and the integration tests
// both build the application through this class.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "store/db.hpp"

namespace evient {

struct Services;
namespace http {
class Server;
class Pipeline;
class Router;
class StaticFiles;
}  // namespace http

// Applies process-wide settings from the config (currency, logging, libsodium).
// Called once by whoever owns the process (main, a test's set-up) before an App
// is built; App itself changes nothing outside its own objects.
void init_process(const Config& config);

class App {
 public:
  explicit App(Config config, std::shared_ptr<const Clock> clock = std::make_shared<SystemClock>());
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Binds the listener, starts background tasks; returns the bound port.
  std::uint16_t start(bool background_tasks = true);
  void install_signal_handlers();
  void wait();
  void stop();

  const Config& config() const { return config_; }
  const Clock& clock() const { return *clock_; }
  store::Database& db() { return *db_; }
  Services& services() { return *services_; }
  // The routes as served (method, pattern, access), for the API contract's test.
  const http::Router& router() const;

 private:
  http::Router build_router(std::shared_ptr<const http::StaticFiles> web);
  void run_periodic(std::chrono::seconds interval, std::function<void()> task);

  Config config_;
  std::shared_ptr<const Clock> clock_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<Services> services_;
  std::shared_ptr<http::Pipeline> pipeline_;
  std::unique_ptr<http::Server> server_;
  std::vector<std::jthread> background_;
};

}  // namespace evient
