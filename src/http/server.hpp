#pragma once
// The Beast/Asio HTTP/1.1 server: I/O threads run C++20 coroutine sessions;
// every request is handed to a worker pool (database and Argon2id block), so
// I/O threads never block.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "http/pipeline.hpp"

namespace evient::http {

struct ServerConfig {
  std::string address = "0.0.0.0";
  std::uint16_t port = 8080;  // 0 = pick a free port
  int io_threads = 2;
  int worker_threads = 4;
  std::size_t body_limit = 1 << 20;  // 1 MiB -> 413 above
  // Routes that take larger bodies (image uploads): POST to exactly `path`
  // may send up to `limit` bytes; every other request keeps `body_limit`.
  struct LargeBody {
    std::string path;
    std::size_t limit = 0;
  };
  std::vector<LargeBody> large_bodies;
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds shutdown_grace{10};
  // Open connections at once, in all and per client address (an IPv6 client
  // counts per /64); 0 = no cap. A connection over a cap is answered 503 and
  // closed at once, so the ones already open keep being served and the process
  // never runs out of file descriptors.
  std::size_t max_connections = 10000;
  std::size_t max_connections_per_client = 0;
};

class Server {
 public:
  Server(ServerConfig config, std::shared_ptr<Pipeline> pipeline);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; returns the bound port (useful with port 0).
  std::uint16_t start();
  // Blocks until stop() or SIGINT/SIGTERM (when install_signal_handlers was called).
  void wait();
  void install_signal_handlers();
  // Stops accepting, lets in-flight requests finish (up to shutdown_grace), then returns.
  void stop();
  std::uint16_t port() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace evient::http
