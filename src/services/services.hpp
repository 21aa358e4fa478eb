#pragma once
// Every service of the application, built once by App and shared by the
// handlers. Services hold the business rules; they know neither HTTP nor SQL.
#include <chrono>
#include <functional>
#include <memory>
#include <vector>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "store/db.hpp"

namespace evient {

class AuthService;
class CatalogService;
class OrderService;
class PaymentService;
class WalletService;
class NotificationService;
class ScannerService;
class StatsService;
class AdminEventService;
class AdminService;
class AdminOrderService;
class AdminBroadcastService;

// Work the application repeats in the background (e.g. releasing expired
// reservations), run by App on its own threads.
struct BackgroundTask {
  std::chrono::seconds interval;
  std::function<void()> run;
};

struct Services {
  Services(store::Database& db, const Clock& clock, const Config& config);
  ~Services();

  store::Database& db;
  const Clock& clock;
  const Config& config;

  std::unique_ptr<AuthService> auth;
  std::unique_ptr<CatalogService> catalog;
  // Checkout side.
  std::unique_ptr<PaymentService> payments;
  std::unique_ptr<OrderService> orders;
  std::unique_ptr<WalletService> wallet;
  std::unique_ptr<NotificationService> notifications;
  // Admin side.
  std::unique_ptr<ScannerService> scanner;
  std::unique_ptr<StatsService> stats;
  std::unique_ptr<AdminEventService> admin_events;
  std::unique_ptr<AdminService> admin;
  std::unique_ptr<AdminOrderService> admin_orders;
  std::unique_ptr<AdminBroadcastService> admin_broadcast;

  std::vector<BackgroundTask> background_tasks();
};

}  // namespace evient
