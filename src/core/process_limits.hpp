#pragma once
// Limits of the process itself.
#include <cstdint>

namespace evient {

// Raises the soft limit on open files (RLIMIT_NOFILE) to the hard limit: every
// connection is a file descriptor, and the usual soft limit of 1,024 is reached
// long before the machine's. Returns the soft limit in force afterwards.
std::uint64_t raise_open_file_limit();

}  // namespace evient
