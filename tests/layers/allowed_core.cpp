// Control: what the core layer may include compiles.
#include "core/errors.hpp"
