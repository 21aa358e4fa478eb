#include "services/services.hpp"

#include "services/admin_event_service.hpp"
#include "services/admin_order_service.hpp"
#include "services/admin_service.hpp"
#include "services/auth_service.hpp"
#include "services/catalog_service.hpp"
#include "services/notification_service.hpp"
#include "services/order_service.hpp"
#include "services/payment_service.hpp"
#include "services/scanner_service.hpp"
#include "services/stats_service.hpp"
#include "services/wallet_service.hpp"

namespace evient {

Services::Services(store::Database& db_in, const Clock& clock_in, const Config& config_in)
    : db(db_in), clock(clock_in), config(config_in) {
  auth = std::make_unique<AuthService>(db, clock, config);
  catalog = std::make_unique<CatalogService>(db, clock);
  payments = std::make_unique<PaymentService>(db, clock, config);
  orders = std::make_unique<OrderService>(db, clock, config, *payments);
  wallet = std::make_unique<WalletService>(db);
  notifications = std::make_unique<NotificationService>(db);
  // Availability is read after expired holds of that event are released.
  catalog->set_availability_refresher(
      [this](const std::string& event_id) { orders->release_expired_for_event(event_id); });
  scanner = std::make_unique<ScannerService>(db, clock, config.door_window);
  stats = std::make_unique<StatsService>(db, clock);
  admin_events = std::make_unique<AdminEventService>(db, clock);
  // A cancelled event's refunded orders get their money back through the
  // provider that took it, after the cancellation committed.
  admin_events->set_provider_refund(
      [this](const Order& order) { return payments->call_provider_refund(order); });
  admin = std::make_unique<AdminService>(db, clock);
  admin_orders = std::make_unique<AdminOrderService>(db, clock, *payments);
  admin_broadcast = std::make_unique<AdminBroadcastService>(db, clock);
}

Services::~Services() = default;

std::vector<BackgroundTask> Services::background_tasks() {
  std::vector<BackgroundTask> tasks;
  tasks.push_back({config.sweep_interval, [this] { orders->sweep(); }});
  return tasks;
}

}  // namespace evient
