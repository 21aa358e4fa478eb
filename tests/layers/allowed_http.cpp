// Control: what the http layer may include compiles.
#include "core/errors.hpp"
#include "http/router.hpp"
