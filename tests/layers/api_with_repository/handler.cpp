// Fixture: an API file reaching a repository, which the build refuses.
#include "store/models.hpp"
#include "store/orders_repo.hpp"
