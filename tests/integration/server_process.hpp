#pragma once
// One `evient serve` child process on port 0, for the tests that need a real
// second process on the same database (multi_process_test) or one they can
// kill -9 (write_queue_test). The port is read from the server's first log line.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "support/test_app.hpp"

extern char** environ;

namespace evient::test {

class ServerProcess {
 public:
  ServerProcess(const std::string& db_url, int workers) {
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDERR_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    std::vector<std::string> env_strings = {
        "EVIENT_DB=" + db_url,
        "EVIENT_PORT=0",
        "EVIENT_ADDRESS=127.0.0.1",
        std::string("EVIENT_JWT_SECRET=") + kTestJwtSecret,
        std::string("EVIENT_PAYMENT_SECRET=") + kTestPaymentSecret,
        "EVIENT_ACCESS_LOG=0",
        "EVIENT_PAYMENT_PROVIDER=sandbox",
        "EVIENT_MAX_HELD_PER_IP=0",
        "EVIENT_WORKERS=" + std::to_string(workers),
        "EVIENT_DB_POOL=4"};
    for (char** e = environ; *e; ++e) {
      if (std::string_view(*e).starts_with("EVIENT_")) continue;
      env_strings.emplace_back(*e);
    }
    std::vector<char*> envp;
    for (auto& s : env_strings) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::string binary = EVIENT_BINARY;
    std::string serve = "serve";
    char* argv[] = {binary.data(), serve.data(), nullptr};
    int rc = posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv, envp.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    if (rc != 0) throw std::runtime_error("cannot start " + binary);
    read_port(fds[0]);
  }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  ~ServerProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
    if (drain_.joinable()) drain_.join();
  }

  // kill -9: no shutdown, no last flush.
  void kill_now() {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = 0;
  }

  std::uint16_t port() const { return port_; }

 private:
  void read_port(int fd) {
    std::string buffer;
    char chunk[512];
    while (port_ == 0) {
      ssize_t n = ::read(fd, chunk, sizeof chunk);
      if (n <= 0) throw std::runtime_error("server exited before listening: " + buffer);
      buffer.append(chunk, static_cast<std::size_t>(n));
      if (auto pos = buffer.find("port="); pos != std::string::npos) {
        auto end = buffer.find_first_not_of("0123456789", pos + 5);
        if (end != std::string::npos)
          port_ = static_cast<std::uint16_t>(std::stoi(buffer.substr(pos + 5, end - pos - 5)));
      }
    }
    // Keep reading so the child never blocks on a full pipe.
    drain_ = std::thread([fd] {
      char sink[512];
      while (::read(fd, sink, sizeof sink) > 0) {
      }
      ::close(fd);
    });
  }

  pid_t pid_ = 0;
  std::uint16_t port_ = 0;
  std::thread drain_;
};

}  // namespace evient::test
