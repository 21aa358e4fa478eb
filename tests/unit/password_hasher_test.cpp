#include "services/password_hasher.hpp"

#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "core/errors.hpp"

namespace evient {
namespace {

using namespace std::chrono_literals;

TEST(PasswordHasher, RunsWorkAndReturnsItsResult) {
  PasswordHasher hasher(2, 2);
  EXPECT_EQ(hasher.run([] { return std::string("hash"); }), "hash");
  EXPECT_TRUE(hasher.run_check([] { return true; }));
  EXPECT_THROW(hasher.run([]() -> std::string { throw std::runtime_error("x"); }),
               std::runtime_error);
}

TEST(PasswordHasher, AFullQueueIsRefusedAtOnceWith503) {
  PasswordHasher hasher(1, 1);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> started;
  auto running = std::async(std::launch::async, [&] {
    return hasher.run([&] {
      started.set_value();
      released.wait();
      return std::string("first");
    });
  });
  started.get_future().wait();
  auto waiting = std::async(std::launch::async,
                            [&] { return hasher.run([] { return std::string("second"); }); });
  // The second is admitted (queued) before the third tries.
  for (int i = 0; i < 500 && hasher.in_use() < 2; ++i) std::this_thread::sleep_for(1ms);
  ASSERT_EQ(hasher.in_use(), 2u);
  try {
    hasher.run_check([] { return true; });
    ADD_FAILURE() << "a third request was admitted";
  } catch (const ServiceUnavailable& e) {
    EXPECT_EQ(e.status(), 503u);
    EXPECT_EQ(e.retry_after(), 1s);
  }
  release.set_value();
  EXPECT_EQ(running.get(), "first");
  EXPECT_EQ(waiting.get(), "second");
  EXPECT_TRUE(hasher.run_check([] { return true; }));  // room again
}

TEST(PasswordHasher, DefaultsLeaveHalfTheWorkersFree) {
  for (int workers : {1, 4, 8, 16, 64}) {
    const std::size_t threads = default_hash_threads(workers);
    EXPECT_GE(threads, 1u);
    if (workers >= 4) {
      EXPECT_LE(threads + default_hash_queue(threads), std::size_t(workers) / 2);
    }
  }
}

}  // namespace
}  // namespace evient
