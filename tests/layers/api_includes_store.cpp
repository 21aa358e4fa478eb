// Forbidden: handlers never touch the store.
#include "store/db.hpp"
