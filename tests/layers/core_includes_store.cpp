// Probe: the core layer must not see store/db.hpp (built by tests/CMakeLists.txt, expected to fail).
#include "store/db.hpp"
