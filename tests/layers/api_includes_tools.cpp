// Probe: the api layer must not see tools/seeder.hpp (built by tests/CMakeLists.txt, expected to fail).
#include "tools/seeder.hpp"
