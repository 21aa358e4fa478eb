// Forbidden: the store never reaches up into the services.
#include "services/order_service.hpp"
