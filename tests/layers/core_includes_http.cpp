// Probe: the core layer must not see http/router.hpp (built by tests/CMakeLists.txt, expected to fail).
#include "http/router.hpp"
