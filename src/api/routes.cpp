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
    return {u.id, u.role == Role::Admin};
  }

 private:
  AuthService& auth_;
};

}  // namespace

void register_admin_routes(http::Router& r, const AdminServices& s) {
  register_admin_stats_routes(r, s.stats);
  register_admin_scanner_routes(r, s.scanner);
  register_admin_event_routes(r, s.events);
  register_admin_attendee_routes(r, s.events);
  register_admin_user_routes(r, s.admin);
  register_admin_banner_routes(r, s.admin);
  register_admin_audit_routes(r, s.admin);
  register_admin_order_routes(r, s.orders);
  register_admin_notification_routes(r, s.broadcast);
}

std::shared_ptr<http::Authenticator> make_authenticator(AuthService& auth) {
  return std::make_shared<TokenAuthenticator>(auth);
}

}  // namespace evient::api
