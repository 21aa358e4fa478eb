// POST /api/payments/webhook/:provider, and the calls of the sandbox provider's
// payment page: GET /api/payments/sandbox/:order_id?sig=...,
// POST /api/payments/sandbox/:order_id/complete {sig, action: pay|cancel}
#include "api/routes.hpp"
#include "api/serializers.hpp"
#include "core/errors.hpp"
#include "http/body.hpp"
#include "http/envelope.hpp"
#include "services/payment_service.hpp"

namespace evient::api {
namespace json = boost::json;

void register_payment_routes(http::Router& r, PaymentService& payments) {
  r.post("/api/payments/webhook/:provider", http::Access::Public, [&payments](http::Request& req) {
    PaymentResult result =
        payments.handle_notification(req.param("provider"), req.headers, req.body);
    return http::ok({{"received", true},
                     {"order_id", result.order_id},
                     {"outcome", std::string(outcome_name(result.outcome))}});
  });

  // The sandbox provider's payment page is a page of the web app
  // (/checkout/sandbox/:order_id?sig=...); these are the calls it makes. The
  // signature in the link stands in for a real provider's checkout session,
  // so no login is needed, as on a provider's own page.
  r.get("/api/payments/sandbox/:order_id", http::Access::Public, [&payments](http::Request& req) {
    const std::string* sig = req.query_param("sig");
    Order o = payments.sandbox_order(req.param("order_id"), sig ? *sig : "");
    return http::ok({{"order", order_json(o)}, {"payable", o.status == OrderStatus::Pending}});
  });

  r.post("/api/payments/sandbox/:order_id/complete", http::Access::Public,
         [&payments](http::Request& req) {
           http::JsonBody body(req);
           Validator v;
           auto sig = body.string("sig", v, http::Presence::Required, 200);
           auto action = body.string("action", v, http::Presence::Required, 20);
           if (action && *action != "pay" && *action != "cancel") {
             v.add("action", "INVALID", "action must be pay or cancel");
           }
           v.throw_if_any();
           PaymentResult result =
               payments.sandbox_complete(req.param("order_id"), *sig, *action == "pay");
           return http::ok({{"order_id", result.order_id},
                            {"outcome", std::string(outcome_name(result.outcome))}});
         });
}

}  // namespace evient::api
