// Registration: limited per client address, and Argon2id runs on its own
// bounded pool whose full queue answers 503 at once instead of starving the
// workers checkout needs.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "support/test_app.hpp"

namespace evient::test {
namespace {

HttpResponse register_from(std::uint16_t port, const char* source, const std::string& email) {
  HttpClient client(port, "127.0.0.1", source);
  return client.post("/api/auth/register",
                     {{"email", email}, {"password", kTestPassword}, {"full_name", "Flood"}});
}

TEST(RegistrationLimit, OneAddressCannotCreateAccountsInBulk) {
  TestServer server([](Config& c) { c.registrations_per_ip_minute = 3; });
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(register_from(server.port(), "127.0.0.2", "a" + std::to_string(i) + "@x.com").status,
              201u);
  }
  auto limited = register_from(server.port(), "127.0.0.2", "a9@x.com");
  EXPECT_EQ(limited.status, 429u) << limited.body;
  EXPECT_FALSE(limited.header("retry-after").empty());
  EXPECT_EQ(register_from(server.port(), "127.0.0.3", "b@x.com").status, 201u);
  server.clock().advance(std::chrono::seconds(61));
  EXPECT_EQ(register_from(server.port(), "127.0.0.2", "a9@x.com").status, 201u);
}

TEST(RegistrationLimit, AFullHashingQueueAnswers503AtOnceAndOtherRequestsGoOn) {
  TestServer server([](Config& c) {
    c.worker_threads = 8;
    c.hash_threads = 1;
    c.hash_queue = 0;
  });
  constexpr int kClients = 8;
  std::atomic<int> created{0};
  std::atomic<int> busy{0};
  std::atomic<int> busy_with_retry_after{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&, i] {
      auto r = register_from(server.port(), "127.0.0.5", "c" + std::to_string(i) + "@x.com");
      if (r.status == 201) ++created;
      if (r.status == 503) {
        ++busy;
        if (!r.header("retry-after").empty() && r.error_code() == "SERVICE_UNAVAILABLE") {
          ++busy_with_retry_after;
        }
      }
    });
  }
  // Meanwhile the rest of the API answers.
  for (int i = 0; i < 5; ++i) EXPECT_EQ(server.client()->get("/api/events").status, 200u);
  for (auto& t : clients) t.join();
  EXPECT_EQ(created + busy, kClients);
  EXPECT_GE(created, 1);
  EXPECT_GE(busy, 1) << "eight sign-ups at once on one hashing thread with no queue";
  EXPECT_EQ(busy, busy_with_retry_after);
}

}  // namespace
}  // namespace evient::test
