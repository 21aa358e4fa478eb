#pragma once
// Every service of the application, owned together. App (the composition root)
// builds and wires them; route groups each receive only the ones they need.
// Services hold the business rules; they know neither HTTP nor SQL.
#include <chrono>
#include <functional>
#include <memory>
#include <vector>

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
class SeatingService;
class ImageService;

// Work the application repeats in the background (e.g. releasing expired
// reservations), run by App on its own threads.
struct BackgroundTask {
  std::chrono::seconds interval;
  std::function<void()> run;
};

struct Services {
  Services();
  ~Services();
  Services(const Services&) = delete;
  Services& operator=(const Services&) = delete;

  // Declared in dependency order: a service is destroyed before those it uses.
  std::unique_ptr<AuthService> auth;
  // Checkout side.
  std::unique_ptr<PaymentService> payments;
  std::unique_ptr<OrderService> orders;
  std::unique_ptr<CatalogService> catalog;
  std::unique_ptr<WalletService> wallet;
  std::unique_ptr<NotificationService> notifications;
  // Admin side.
  std::unique_ptr<ScannerService> scanner;
  std::unique_ptr<StatsService> stats;
  std::unique_ptr<AdminEventService> admin_events;
  std::unique_ptr<AdminService> admin;
  std::unique_ptr<AdminOrderService> admin_orders;
  std::unique_ptr<AdminBroadcastService> admin_broadcast;
  // Rooms and seated events.
  std::unique_ptr<SeatingService> seating;
  // Uploaded images.
  std::unique_ptr<ImageService> images;

  std::chrono::seconds sweep_interval{30};
  std::vector<BackgroundTask> background_tasks();
};

}  // namespace evient
