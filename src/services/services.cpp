#include "services/services.hpp"

#include "services/admin_event_service.hpp"
#include "services/admin_order_service.hpp"
#include "services/admin_service.hpp"
#include "services/auth_service.hpp"
#include "services/catalog_service.hpp"
#include "services/image_service.hpp"
#include "services/notification_service.hpp"
#include "services/order_service.hpp"
#include "services/payment_service.hpp"
#include "services/scanner_service.hpp"
#include "services/seating_service.hpp"
#include "services/stats_service.hpp"
#include "services/wallet_service.hpp"

namespace evient {

Services::Services() = default;
Services::~Services() = default;

std::vector<BackgroundTask> Services::background_tasks() {
  std::vector<BackgroundTask> tasks;
  tasks.push_back({sweep_interval, [this] { orders->sweep(); }});
  tasks.push_back({sweep_interval, [this] { auth->sweep_revoked_tokens(); }});
  return tasks;
}

}  // namespace evient
