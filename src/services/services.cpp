#include "services/services.hpp"

#include "services/auth_service.hpp"
#include "services/catalog_service.hpp"

namespace evient {

Services::Services(store::Database& db_in, const Clock& clock_in, const Config& config_in)
    : db(db_in), clock(clock_in), config(config_in) {
  auth = std::make_unique<AuthService>(db, clock, config);
  catalog = std::make_unique<CatalogService>(db, clock);
}

Services::~Services() = default;

std::vector<BackgroundTask> Services::background_tasks() {
  std::vector<BackgroundTask> tasks;
  return tasks;
}

}  // namespace evient
