// POST /api/orders, GET /api/orders, GET /api/orders/:id, POST /api/orders/:id/cancel
#include <algorithm>
#include <limits>

#include "api/routes.hpp"
#include "api/serializers.hpp"
#include "core/crypto.hpp"
#include "http/body.hpp"
#include "http/envelope.hpp"
#include "services/order_service.hpp"

namespace evient::api {
namespace json = boost::json;

namespace {

constexpr std::size_t kMaxLines = 50;
constexpr std::size_t kMaxKeyLength = 255;
constexpr std::size_t kMaxSeatsPerLine = 100;

// A seated line's chosen seats: seat ids, none twice (at most the per-order
// limit's worth is checked by the service).
void parse_seat_ids(const json::object& o, const std::string& at, OrderLine& line, Validator& v) {
  const json::value* ids = o.if_contains("seat_ids");
  if (!ids || ids->is_null()) return;
  if (!ids->is_array() || ids->as_array().empty() || ids->as_array().size() > kMaxSeatsPerLine) {
    v.add(at + ".seat_ids", "INVALID", "seat_ids must be a non-empty array of seat ids");
    return;
  }
  for (const auto& id : ids->as_array()) {
    if (!id.is_string() || !crypto::is_uuid(id.as_string())) {
      v.add(at + ".seat_ids", "INVALID", "seat_ids must hold seat ids");
      line.seat_ids.clear();
      return;
    }
    const std::string seat(id.as_string());
    if (std::find(line.seat_ids.begin(), line.seat_ids.end(), seat) != line.seat_ids.end()) {
      v.add(at + ".seat_ids", "DUPLICATE", "seat_ids names a seat twice");
      line.seat_ids.clear();
      return;
    }
    line.seat_ids.push_back(seat);
  }
}

std::vector<OrderLine> parse_lines(const http::JsonBody& body) {
  Validator v;
  std::vector<OrderLine> lines;
  const json::value* items = body.get("ticket_items");
  if (!items) {
    v.add("ticket_items", "REQUIRED", "ticket_items is required");
  } else if (!items->is_array()) {
    v.add("ticket_items", "INVALID_TYPE", "ticket_items must be an array");
  } else if (items->as_array().empty()) {
    v.add("ticket_items", "REQUIRED", "ticket_items must not be empty");
  } else if (items->as_array().size() > kMaxLines) {
    v.add("ticket_items", "TOO_MANY",
          "ticket_items may have at most " + std::to_string(kMaxLines) + " lines");
  } else {
    const json::array& a = items->as_array();
    for (std::size_t i = 0; i < a.size(); ++i) {
      const std::string at = "ticket_items[" + std::to_string(i) + "]";
      if (!a[i].is_object()) {
        v.add(at, "INVALID_TYPE", at + " must be an object");
        continue;
      }
      const json::object& o = a[i].as_object();
      OrderLine line;
      const json::value* id = o.if_contains("ticket_type_id");
      if (!id || id->is_null()) {
        v.add(at + ".ticket_type_id", "REQUIRED", "ticket_type_id is required");
      } else if (!id->is_string() || !crypto::is_uuid(id->as_string())) {
        v.add(at + ".ticket_type_id", "INVALID", "ticket_type_id must be a ticket type id");
      } else {
        line.ticket_type_id = std::string(id->as_string());
      }
      parse_seat_ids(o, at, line, v);
      const json::value* q = o.if_contains("quantity");
      if ((!q || q->is_null()) && !line.seat_ids.empty()) {
        line.quantity = static_cast<std::int64_t>(line.seat_ids.size());
      } else if (!q || q->is_null()) {
        v.add(at + ".quantity", "REQUIRED", "quantity is required");
      } else if (!line.seat_ids.empty() &&
                 !(q->is_int64() &&
                   q->as_int64() == static_cast<std::int64_t>(line.seat_ids.size()))) {
        v.add(at + ".quantity", "INVALID", "quantity must be the number of seat_ids");
      } else if (q->is_int64() && q->as_int64() > 0) {
        line.quantity = q->as_int64();
      } else if (q->is_uint64() && q->as_uint64() > 0) {
        line.quantity = std::numeric_limits<std::int64_t>::max();  // far over any limit
      } else {
        v.add(at + ".quantity", "INVALID", "quantity must be a positive integer");
      }
      lines.push_back(std::move(line));
    }
  }
  v.throw_if_any();
  return lines;
}

std::optional<std::string> idempotency_key(const http::Request& req) {
  const std::string* key = req.header("idempotency-key");
  if (!key) return std::nullopt;
  bool printable = !key->empty() && key->size() <= kMaxKeyLength;
  for (unsigned char c : *key) printable = printable && c >= 0x21 && c <= 0x7e;
  if (!printable) {
    throw ValidationError("Idempotency-Key", "INVALID",
                          "Idempotency-Key must be 1-255 printable ASCII characters");
  }
  return *key;
}

http::Response create_order(OrderService& orders, http::Request& req) {
  http::JsonBody body(req);
  const std::vector<OrderLine> lines = parse_lines(body);
  std::optional<IdempotencyKey> key;
  if (auto raw = idempotency_key(req)) {
    // Same key, same request (the parsed body, so whitespace does not matter).
    key = IdempotencyKey{std::move(*raw), checkout::request_hash("POST /api/orders\n" +
                                                                 json::serialize(body.object()))};
  }
  PlacedOrder placed = orders.place_order(req.user().user_id, lines, key, req.remote_address);
  http::Response resp = http::created(checkout_json(placed.result));
  if (placed.replayed) resp.headers.emplace_back("Idempotent-Replayed", "true");
  return resp;
}

}  // namespace

void register_order_routes(http::Router& r, OrderService& orders) {
  r.post("/api/orders", http::Access::User,
         [&orders](http::Request& req) { return create_order(orders, req); });

  r.get("/api/orders", http::Access::User, [&orders](http::Request& req) {
    http::PageRequest page = http::parse_page(req);
    OrderPage result = orders.list(req.user().user_id, page.limit, page.offset());
    return http::paged(to_array(result.items, order_json), page, result.total);
  });

  r.get("/api/orders/:id", http::Access::User, [&orders](http::Request& req) {
    return http::ok(checkout_json(orders.get(req.user().user_id, req.param("id"))));
  });

  r.post("/api/orders/:id/cancel", http::Access::User, [&orders](http::Request& req) {
    return http::ok(checkout_json(orders.cancel(req.user().user_id, req.param("id"))),
                    "Order cancelled");
  });
}

}  // namespace evient::api
