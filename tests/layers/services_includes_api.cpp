// Forbidden: services know nothing of the handlers.
#include "api/routes.hpp"
