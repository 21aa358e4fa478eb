// POST /api/auth/register, POST /api/auth/login, POST /api/auth/logout,
// POST /api/auth/refresh, GET /api/auth/me
#include "api/routes.hpp"
#include "api/serializers.hpp"
#include "http/body.hpp"
#include "http/envelope.hpp"
#include "http/pipeline.hpp"
#include "services/auth_service.hpp"

namespace evient::api {
namespace json = boost::json;

void register_auth_routes(http::Router& r, AuthService& auth) {
  r.post("/api/auth/register", http::Access::Public, [&auth](http::Request& req) {
    http::JsonBody body(req);
    Validator v;
    auto email = body.string("email", v, http::Presence::Required, 254);
    auto password = body.raw_string("password", v, http::Presence::Required, 1024);
    auto full_name = body.line("full_name", v, http::Presence::Required, 100);
    v.throw_if_any();
    return http::created(
        auth_json(auth.register_user(*email, *password, *full_name, req.remote_address)),
        "Account created");
  });

  r.post("/api/auth/login", http::Access::Public, [&auth](http::Request& req) {
    http::JsonBody body(req);
    Validator v;
    auto email = body.string("email", v, http::Presence::Required, 254);
    auto password = body.raw_string("password", v, http::Presence::Required, 1024);
    v.throw_if_any();
    return http::ok(auth_json(auth.login(*email, *password, req.remote_address)));
  });

  // The token presented ends now; other sessions of the user go on.
  r.post("/api/auth/logout", http::Access::User, [&auth](http::Request& req) {
    auth.logout(http::bearer_token(req));
    return http::ok(nullptr, "Logged out");
  });

  // A fresh token (a full lifetime) for a valid one, which ends.
  r.post("/api/auth/refresh", http::Access::User, [&auth](http::Request& req) {
    return http::ok(auth_json(auth.refresh(http::bearer_token(req))));
  });

  r.get("/api/auth/me", http::Access::User, [&auth](http::Request& req) {
    return http::ok({{"user", user_json(auth.profile(req.user().user_id))}});
  });
}

}  // namespace evient::api
