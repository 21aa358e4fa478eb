// Control: what the services layer may include compiles.
#include "core/errors.hpp"
#include "services/order_service.hpp"
#include "store/db.hpp"
