// Forbidden: the HTTP layer knows no business rules.
#include "services/order_service.hpp"
