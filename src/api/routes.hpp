#pragma once
// One register_* function per route group; each receives the services it
// needs and nothing else. App (the composition root) calls them all.
#include <functional>
#include <memory>
#include <string>

#include "http/pipeline.hpp"
#include "http/router.hpp"

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
}  // namespace evient

namespace evient::api {

// What the admin routes (/api/admin/...) work with.
struct AdminServices {
  StatsService& stats;
  ScannerService& scanner;
  AdminEventService& events;
  AdminService& admin;  // users, banners, audit log
  AdminOrderService& orders;
  AdminBroadcastService& broadcast;
};

// /healthz and /readyz; `database_ready` answers whether the database does.
void register_health_routes(http::Router& r, std::function<bool()> database_ready);
// GET /metrics (Prometheus): bearer `token` when set, else loopback clients only.
void register_metrics_routes(http::Router& r, std::string token);
void register_auth_routes(http::Router& r, AuthService& auth);
void register_user_routes(http::Router& r, AuthService& auth);
void register_event_routes(http::Router& r, CatalogService& catalog);
void register_banner_routes(http::Router& r, CatalogService& catalog);
void register_order_routes(http::Router& r, OrderService& orders);
void register_payment_routes(http::Router& r, PaymentService& payments);
void register_ticket_routes(http::Router& r, WalletService& wallet);
void register_notification_routes(http::Router& r, NotificationService& notifications);
// Rooms (/api/rooms, admin), an event's seating (/api/admin/events/:id/seating),
// and the public seat map (/api/events/:id/seats).
void register_seating_routes(http::Router& r, SeatingService& seating);
// The admin writes on the organisers' React client's paths (react_admin_api.cpp).
void register_react_admin_routes(http::Router& r, AdminEventService& events, AdminService& admin,
                                 SeatingService& seating);
// POST /api/upload (admin), POST /api/users/avatar (user), GET /uploads/:name.
void register_upload_routes(http::Router& r, ImageService& images);
// Everything under /api/admin/ (api/admin_routes.hpp lists the parts).
void register_admin_routes(http::Router& r, const AdminServices& s);

// The bearer-token guard, backed by AuthService.
std::shared_ptr<http::Authenticator> make_authenticator(AuthService& auth);

}  // namespace evient::api
