// Control: what the api layer may include compiles.
#include "api/routes.hpp"
#include "http/router.hpp"
#include "services/order_service.hpp"
#include "store/models.hpp"
