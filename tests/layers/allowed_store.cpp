// Control: what the store layer may include compiles.
#include "core/errors.hpp"
#include "store/db.hpp"
