// Allowed: the store includes the domain and core.
#include "domain/models.hpp"
#include "store/db.hpp"
