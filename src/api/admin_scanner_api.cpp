// The door scanner: GET /api/admin/scanners/validate, POST /api/admin/scanners/checkin,
// POST /api/admin/scanners/undo. A refused check-in is a 409 whose code is the
// reason and whose data is the same scan view validate returns.
#include "api/admin_routes.hpp"
#include "api/admin_serializers.hpp"
#include "core/crypto.hpp"
#include "http/envelope.hpp"
#include "http/query.hpp"

namespace evient::api {
namespace json = boost::json;
namespace {

std::string required_code(std::optional<std::string> code) {
  if (!code) throw ValidationError("code", "REQUIRED", "code is required");
  return *code;
}

std::optional<std::string> body_event_id(const http::JsonBody& body, Validator& v) {
  auto id = body.string("event_id", v, http::Presence::Optional, 64);
  if (id && !crypto::is_uuid(*id)) {
    v.add("event_id", "INVALID", "event_id must be a UUID");
    return std::nullopt;
  }
  return id;
}

const char* refusal_message(ScanReason reason) {
  switch (reason) {
    case ScanReason::AlreadyUsed:
      return "This ticket has already been checked in";
    case ScanReason::Cancelled:
      return "This ticket was cancelled";
    case ScanReason::WrongEvent:
      return "This ticket is for another event";
    case ScanReason::EventNotOn:
      return "This ticket's event is cancelled or not on";
    default:
      return "This ticket's event is not open at the door now";
  }
}

}  // namespace

void register_admin_scanner_routes(http::Router& r, ScannerService& scanner) {
  r.get("/api/admin/scanners/validate", http::Access::Admin, [&scanner](http::Request& req) {
    const std::string code = required_code(http::query_text(req, "code", 100));
    auto event_id = http::query_uuid(req, "event_id");
    return http::ok(scan_json(scanner.validate(code, event_id)));
  });

  r.post("/api/admin/scanners/checkin", http::Access::Admin, [&scanner](http::Request& req) {
    http::JsonBody body(req);
    Validator v;
    auto code = body.string("code", v, http::Presence::Required, 100);
    auto event_id = body_event_id(body, v);
    v.throw_if_any();
    ScanResult result = scanner.check_in(req.user().user_id, *code, event_id);
    json::object view = scan_json(result);
    if (!result.valid) {
      view["used_at"] = view.at("ticket").at("used_at");
      throw Conflict(std::string(to_text(result.reason)), refusal_message(result.reason),
                     std::move(view));
    }
    return http::ok(std::move(view), "Checked in");
  });

  r.post("/api/admin/scanners/undo", http::Access::Admin, [&scanner](http::Request& req) {
    http::JsonBody body(req);
    Validator v;
    auto code = body.string("code", v, http::Presence::Required, 100);
    v.throw_if_any();
    return http::ok(scan_json(scanner.undo(req.user().user_id, *code)), "Check-in undone");
  });
}

}  // namespace evient::api
