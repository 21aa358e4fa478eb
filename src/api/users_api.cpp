// GET/PUT /api/users/profile. Only full_name, avatar_url and the password can be
// changed here; any other field in the body (role, email, is_active...) is ignored.
#include "api/routes.hpp"
#include "api/serializers.hpp"
#include "http/body.hpp"
#include "http/envelope.hpp"
#include "services/auth_service.hpp"

namespace evient::api {
namespace json = boost::json;

void register_user_routes(http::Router& r, AuthService& auth) {
  r.get("/api/users/profile", http::Access::User, [&auth](http::Request& req) {
    return http::ok({{"user", user_json(auth.profile(req.user().user_id))}});
  });

  r.put("/api/users/profile", http::Access::User, [&auth](http::Request& req) {
    http::JsonBody body(req);
    Validator v;
    ProfileUpdate up;
    if (body.has("full_name"))
      up.full_name = body.line("full_name", v, http::Presence::Required, 100);
    if (auto* it = body.object().if_contains("avatar_url")) {
      if (it->is_null()) {
        up.avatar_url = std::optional<std::string>{};
      } else if (auto url = body.string("avatar_url", v, http::Presence::Optional, 2048)) {
        up.avatar_url =
            url->empty() ? std::optional<std::string>{} : std::optional<std::string>(*url);
      }
    }
    if (body.has("new_password")) {
      up.new_password = body.raw_string("new_password", v, http::Presence::Required, 1024);
      up.old_password = body.raw_string("old_password", v, http::Presence::Optional, 1024);
    }
    v.throw_if_any();
    ProfileResult result = auth.update_profile(req.user().user_id, up);
    json::object data{{"user", user_json(result.user)}};
    if (result.token) data["token"] = *result.token;
    return http::ok(std::move(data), "Profile updated");
  });
}

}  // namespace evient::api
