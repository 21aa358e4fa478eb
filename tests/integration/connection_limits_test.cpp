// Connection caps: past them new connections are answered 503 and closed at
// once, and the connections already open keep being served.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "support/test_app.hpp"

namespace evient::test {
namespace {

using namespace std::chrono_literals;

// A TCP connection that sends nothing: what an idle or slow client looks like.
class IdleSocket {
 public:
  explicit IdleSocket(std::uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    timeval timeout{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  }
  ~IdleSocket() { ::close(fd_); }
  IdleSocket(const IdleSocket&) = delete;
  IdleSocket& operator=(const IdleSocket&) = delete;

  bool connected() const { return connected_; }
  // Everything until the server closes; nullopt when it kept the connection
  // open for five seconds.
  std::optional<std::string> read_until_closed() {
    std::string data;
    char buffer[512];
    for (;;) {
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n > 0) {
        data.append(buffer, static_cast<std::size_t>(n));
      } else if (n == 0 || errno == ECONNRESET) {
        return data;
      } else {
        return std::nullopt;
      }
    }
  }

 private:
  int fd_;
  bool connected_ = false;
};

void expect_turned_away(IdleSocket& socket) {
  ASSERT_TRUE(socket.connected());
  auto answer = socket.read_until_closed();
  ASSERT_TRUE(answer.has_value()) << "the connection over the cap was kept open";
  if (!answer->empty()) {
    EXPECT_TRUE(answer->starts_with("HTTP/1.1 503")) << *answer;
    EXPECT_NE(answer->find("Retry-After: 1"), std::string::npos) << *answer;
  }
}

// A new connection is served once the server has seen the idle ones go.
bool served_within(std::uint16_t port, std::chrono::seconds limit) {
  for (auto deadline = std::chrono::steady_clock::now() + limit;
       std::chrono::steady_clock::now() < deadline; std::this_thread::sleep_for(20ms)) {
    try {
      HttpClient client(port);
      if (client.get("/healthz").status == 200) return true;
    } catch (const std::exception&) {
      // turned away: the server has not noticed the closed connections yet
    }
  }
  return false;
}

TEST(ConnectionLimits, OverTheTotalCapNewConnectionsAreTurnedAwayAndOldOnesServed) {
  TestServer server([](Config& c) {
    c.max_connections = 3;
    c.max_connections_per_ip = 0;
  });
  auto active = server.client();
  ASSERT_EQ(active->get("/healthz").status, 200u);
  {
    std::vector<std::unique_ptr<IdleSocket>> idle;
    for (int i = 0; i < 2; ++i) idle.push_back(std::make_unique<IdleSocket>(server.port()));
    IdleSocket over(server.port());
    expect_turned_away(over);
    // The connection already open is still served, on the same connection.
    EXPECT_EQ(active->get("/healthz").status, 200u);
    EXPECT_EQ(active->connections_opened(), 1u);
  }
  EXPECT_TRUE(served_within(server.port(), 5s));
}

TEST(ConnectionLimits, OneClientAddressCannotTakeEveryConnection) {
  TestServer server([](Config& c) {
    c.max_connections = 100;
    c.max_connections_per_ip = 2;
  });
  auto active = server.client();
  ASSERT_EQ(active->get("/healthz").status, 200u);
  {
    IdleSocket idle(server.port());
    IdleSocket over(server.port());
    expect_turned_away(over);
    EXPECT_EQ(active->get("/healthz").status, 200u);
  }
  EXPECT_TRUE(served_within(server.port(), 5s));
}

}  // namespace
}  // namespace evient::test
