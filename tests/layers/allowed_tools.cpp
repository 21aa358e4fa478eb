// Control: what the tools layer may include compiles.
#include "store/db.hpp"
#include "tools/seeder.hpp"
