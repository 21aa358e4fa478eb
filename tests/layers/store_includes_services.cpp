// Probe: the store layer must not see services/order_service.hpp (built by tests/CMakeLists.txt, expected to fail).
#include "services/order_service.hpp"
