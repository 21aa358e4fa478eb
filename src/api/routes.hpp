#pragma once
// One register_* function per resource; build_router wires them all.
#include <memory>

#include "http/pipeline.hpp"
#include "http/router.hpp"
#include "services/services.hpp"

namespace evient::api {

void register_health_routes(http::Router& r, Services& s);
void register_auth_routes(http::Router& r, Services& s);
void register_user_routes(http::Router& r, Services& s);
void register_event_routes(http::Router& r, Services& s);
void register_banner_routes(http::Router& r, Services& s);
void register_order_routes(http::Router& r, Services& s);
void register_payment_routes(http::Router& r, Services& s);
void register_ticket_routes(http::Router& r, Services& s);
void register_notification_routes(http::Router& r, Services& s);
// Everything under /api/admin/ (api/admin_routes.hpp lists the parts).
void register_admin_routes(http::Router& r, Services& s);

http::Router build_router(Services& services);
// The bearer-token guard, backed by AuthService.
std::shared_ptr<http::Authenticator> make_authenticator(Services& services);

}  // namespace evient::api
