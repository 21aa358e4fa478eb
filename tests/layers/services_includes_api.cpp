// Probe: the services layer must not see api/routes.hpp (built by tests/CMakeLists.txt, expected to fail).
#include "api/routes.hpp"
