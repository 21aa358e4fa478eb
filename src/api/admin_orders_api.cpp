// Admin orders:
//   GET  /api/admin/orders?status=&event_id=&user=&page=&limit=  (newest first)
//   GET  /api/admin/orders/:id                                   (with its tickets)
//   POST /api/admin/orders/:id/refund {force?, reason?}
// The refund body is read from an allow-list (force, reason); anything else,
// such as status or total_amount, is ignored.
#include "api/admin_routes.hpp"
#include "api/admin_serializers.hpp"
#include "api/serializers.hpp"
#include "http/envelope.hpp"
#include "http/query.hpp"
#include "services/admin_order_service.hpp"

namespace evient::api {
namespace json = boost::json;
namespace {

constexpr std::size_t kMaxReason = 500;

RefundInput parse_refund(const http::Request& req) {
  RefundInput in;
  if (req.body.empty()) return in;  // every field is optional
  http::JsonBody body(req);
  Validator v;
  in.force = body.boolean("force", v, http::Presence::Optional).value_or(false);
  in.reason = body.string("reason", v, http::Presence::Optional, kMaxReason);
  if (in.reason && in.reason->empty()) in.reason.reset();
  v.throw_if_any();
  return in;
}

}  // namespace

void register_admin_order_routes(http::Router& r, AdminOrderService& admin_orders) {
  r.get("/api/admin/orders", http::Access::Admin, [&admin_orders](http::Request& req) {
    const http::PageRequest page = http::parse_page(req, 20);
    AdminOrderQuery q;
    q.limit = page.limit;
    q.offset = page.offset();
    if (auto status = http::query_text(req, "status", 20)) {
      q.status = parse<OrderStatus>(*status);
      if (!q.status) {
        throw ValidationError("status", "INVALID",
                              "status must be pending, paid, cancelled or refunded");
      }
    }
    q.event_id = http::query_uuid(req, "event_id");
    q.user = http::query_text(req, "user", 200);
    AdminOrderPage result = admin_orders.list(q);
    return http::paged(to_array(result.items, admin_order_json), page, result.total);
  });

  r.get("/api/admin/orders/:id", http::Access::Admin, [&admin_orders](http::Request& req) {
    const std::string id = http::uuid_param(req, "id", "ORDER_NOT_FOUND");
    return http::ok(admin_order_detail_json(admin_orders.get(id)));
  });

  r.post("/api/admin/orders/:id/refund", http::Access::Admin, [&admin_orders](http::Request& req) {
    const std::string id = http::uuid_param(req, "id", "ORDER_NOT_FOUND");
    const RefundInput in = parse_refund(req);
    RefundResult result = admin_orders.refund(req.user().user_id, id, in);
    return http::ok(refund_json(result), "Order refunded");
  });
}

}  // namespace evient::api
