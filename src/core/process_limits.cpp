#include "core/process_limits.hpp"

#include <sys/resource.h>

#include <fstream>

namespace evient {
namespace {

// An unlimited hard limit cannot be the soft limit of RLIMIT_NOFILE on Linux:
// the kernel caps it at fs.nr_open.
rlim_t kernel_file_cap() {
  std::ifstream in("/proc/sys/fs/nr_open");
  std::uint64_t cap = 0;
  if (in >> cap && cap > 0) return static_cast<rlim_t>(cap);
  return 1 << 20;
}

}  // namespace

std::uint64_t raise_open_file_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 0;
  rlim_t target = limit.rlim_max == RLIM_INFINITY ? kernel_file_cap() : limit.rlim_max;
  if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < target) {
    rlimit raised{target, limit.rlim_max};
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit.rlim_cur = target;
  }
  return static_cast<std::uint64_t>(limit.rlim_cur);
}

}  // namespace evient
