// Admin orders:
//   GET  /api/admin/orders?status=&event_id=&user=&page=&limit=  (newest first)
//   GET  /api/admin/orders/:id                                   (with its tickets)
//   POST /api/admin/orders/:id/refund {force?, reason?}
// The refund body is read from an allow-list (force, reason); anything else,
// such as status or total_amount, is ignored.
#include "api/admin_routes.hpp"
#include "api/serializers.hpp"
#include "http/envelope.hpp"
#include "services/admin_order_service.hpp"

namespace evient::api {
namespace json = boost::json;
namespace {

constexpr std::size_t kMaxReason = 500;

bool is_order_status(const std::string& s) {
  return s == "pending" || s == "paid" || s == "cancelled" || s == "refunded";
}

json::object admin_order_json(const store::orders::OrderWithBuyer& o) {
  json::object out = order_json(o.order);
  out["buyer"] = {
      {"id", o.buyer.id}, {"email", o.buyer.email}, {"full_name", opt(o.buyer.full_name)}};
  return out;
}

json::object admin_order_detail_json(const AdminOrderDetail& d) {
  json::object out = admin_order_json(d.order);
  out["tickets"] = to_array(d.tickets, ticket_json);
  return out;
}

RefundInput parse_refund(const http::Request& req) {
  RefundInput in;
  if (req.body.empty()) return in;  // every field is optional
  http::JsonBody body(req);
  Validator v;
  in.force = body.boolean("force", v, false).value_or(false);
  in.reason = body.string("reason", v, false, kMaxReason);
  if (in.reason && in.reason->empty()) in.reason.reset();
  v.throw_if_any();
  return in;
}

}  // namespace

void register_admin_order_routes(http::Router& r, Services& s) {
  r.get("/api/admin/orders", http::Access::Admin, [&s](http::Request& req) {
    const http::PageRequest page = http::parse_page(req, 20);
    AdminOrderQuery q;
    q.limit = page.limit;
    q.offset = page.offset();
    q.status = admin::query_text(req, "status", 20);
    if (q.status && !is_order_status(*q.status)) {
      throw ValidationError("status", "INVALID",
                            "status must be pending, paid, cancelled or refunded");
    }
    q.event_id = admin::query_uuid(req, "event_id");
    q.user = admin::query_text(req, "user", 200);
    AdminOrderPage result = s.admin_orders->list(q);
    return http::paged(to_array(result.items, admin_order_json), page, result.total);
  });

  r.get("/api/admin/orders/:id", http::Access::Admin, [&s](http::Request& req) {
    const std::string id = admin::uuid_param(req, "id", "ORDER_NOT_FOUND");
    return http::ok(admin_order_detail_json(s.admin_orders->get(id)));
  });

  r.post("/api/admin/orders/:id/refund", http::Access::Admin, [&s](http::Request& req) {
    const std::string id = admin::uuid_param(req, "id", "ORDER_NOT_FOUND");
    const RefundInput in = parse_refund(req);
    RefundResult result = s.admin_orders->refund(req.user().user_id, id, in);
    json::object data = admin_order_detail_json(result.detail);
    data["refund"] = {{"cancelled_tickets", result.cancelled_tickets},
                      {"used_tickets_kept", result.used_tickets_kept},
                      {"provider_refunded", result.provider_refunded}};
    return http::ok(std::move(data), "Order refunded");
  });
}

}  // namespace evient::api
