// POST /api/auth/register, POST /api/auth/login, GET /api/auth/me
#include "api/routes.hpp"
#include "api/serializers.hpp"
#include "http/body.hpp"
#include "http/envelope.hpp"
#include "services/auth_service.hpp"

namespace evient::api {
namespace json = boost::json;

namespace {

json::object auth_json(const AuthResult& r) {
  return {{"token", r.token}, {"user", user_json(r.user)}};
}

}  // namespace

void register_auth_routes(http::Router& r, Services& s) {
  r.post("/api/auth/register", http::Access::Public, [&s](http::Request& req) {
    http::JsonBody body(req);
    Validator v;
    auto email = body.string("email", v, true, 254);
    auto password = body.raw_string("password", v, true, 1024);
    auto full_name = body.string("full_name", v, true, 100);
    v.throw_if_any();
    return http::created(auth_json(s.auth->register_user(*email, *password, *full_name)),
                         "Account created");
  });

  r.post("/api/auth/login", http::Access::Public, [&s](http::Request& req) {
    http::JsonBody body(req);
    Validator v;
    auto email = body.string("email", v, true, 254);
    auto password = body.raw_string("password", v, true, 1024);
    v.throw_if_any();
    return http::ok(auth_json(s.auth->login(*email, *password, req.remote_address)));
  });

  r.get("/api/auth/me", http::Access::User, [&s](http::Request& req) {
    return http::ok({{"user", user_json(s.auth->profile(req.user().user_id))}});
  });
}

}  // namespace evient::api
