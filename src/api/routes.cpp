#include "api/routes.hpp"

#include "api/admin_routes.hpp"
#include "services/auth_service.hpp"

namespace evient::api {
namespace {

class TokenAuthenticator final : public http::Authenticator {
 public:
  explicit TokenAuthenticator(AuthService& auth) : auth_(auth) {}
  http::AuthContext authenticate(std::string_view token) override {
    User u = auth_.authenticate(token);
    return {u.id, u.role};
  }

 private:
  AuthService& auth_;
};

}  // namespace

http::Router build_router(Services& services) {
  http::Router r;
  register_health_routes(r, services);
  register_auth_routes(r, services);
  register_user_routes(r, services);
  register_event_routes(r, services);
  register_banner_routes(r, services);
  register_order_routes(r, services);
  register_payment_routes(r, services);
  register_ticket_routes(r, services);
  register_notification_routes(r, services);
  register_admin_routes(r, services);
  register_admin_order_routes(r, services);
  register_admin_notification_routes(r, services);
  return r;
}

std::shared_ptr<http::Authenticator> make_authenticator(Services& services) {
  return std::make_shared<TokenAuthenticator>(*services.auth);
}

}  // namespace evient::api
