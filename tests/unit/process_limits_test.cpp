#include "core/process_limits.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>

namespace evient {
namespace {

TEST(ProcessLimits, OpenFileSoftLimitIsRaisedToTheHardLimit) {
  rlimit limit{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &limit), 0);
  if (limit.rlim_max != RLIM_INFINITY && limit.rlim_max <= 64) GTEST_SKIP() << "hard limit too low";
  rlimit lowered{64, limit.rlim_max};
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &lowered), 0);

  const std::uint64_t raised = raise_open_file_limit();

  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &limit), 0);
  EXPECT_EQ(raised, limit.rlim_cur);
  EXPECT_GT(limit.rlim_cur, 64u);
  if (limit.rlim_max != RLIM_INFINITY) {
    EXPECT_EQ(limit.rlim_cur, limit.rlim_max);
  }
}

}  // namespace
}  // namespace evient
