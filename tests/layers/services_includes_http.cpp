// Probe: the services layer must not see http/message.hpp (built by tests/CMakeLists.txt, expected to fail).
#include "http/message.hpp"
