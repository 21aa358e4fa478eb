#pragma once
// The admin API (/api/admin/...): every route is Access::Admin. One file per
// resource; register_admin_routes (routes.cpp) wires them all. Shared body
// parsing helpers for those files live here too (their JSON shaping is in
// admin_serializers.hpp).
#include <optional>
#include <string>

#include "api/routes.hpp"
#include "core/clock.hpp"
#include "http/body.hpp"
#include "http/router.hpp"

namespace evient {
struct EventInput;
struct TicketTypeInput;
struct BannerInput;
}  // namespace evient

namespace evient::api {

void register_admin_stats_routes(http::Router& r, StatsService& stats);
void register_admin_scanner_routes(http::Router& r, ScannerService& scanner);
void register_admin_event_routes(http::Router& r, AdminEventService& admin_events);
void register_admin_attendee_routes(http::Router& r, AdminEventService& admin_events);
void register_admin_user_routes(http::Router& r, AdminService& admin);
void register_admin_banner_routes(http::Router& r, AdminService& admin);
void register_admin_audit_routes(http::Router& r, AdminService& admin);
void register_admin_order_routes(http::Router& r, AdminOrderService& admin_orders);
void register_admin_notification_routes(http::Router& r, AdminBroadcastService& admin_broadcast);

namespace admin {

// Trim: trimmed; Keep: as sent; SingleLine: trimmed, and one line without
// control characters (names and titles).
enum class Whitespace { Trim, Keep, SingleLine };

// A body field that may be null (or "") to clear it: outer optional = present.
std::optional<std::optional<std::string>> nullable_text(const http::JsonBody& body, const char* key,
                                                        Validator& v, std::size_t max_len,
                                                        Whitespace ws = Whitespace::Trim);
// Same, and the value must be an http(s) URL or a site-relative path.
std::optional<std::optional<std::string>> nullable_url(const http::JsonBody& body, const char* key,
                                                       Validator& v);
// Same, and the value must be an ISO-8601 time.
std::optional<std::optional<Timestamp>> nullable_time(const http::JsonBody& body, const char* key,
                                                      Validator& v);
// An integer within [min, max].
std::optional<std::int64_t> bounded_integer(const http::JsonBody& body, const char* key,
                                            Validator& v, std::int64_t min, std::int64_t max);

// The request bodies of the admin writes, parsed from an allow-list (other
// fields are ignored); 422 with every bad field. Shared by /api/admin and the
// organisers' client's paths (react_admin_api.cpp).
EventInput parse_event(const http::JsonBody& body, bool creating);
TicketTypeInput parse_ticket_type(const http::JsonBody& body);
BannerInput parse_banner(const http::JsonBody& body);
// The :id of a banner path; 404 BANNER_NOT_FOUND unless a positive integer.
std::int64_t banner_id(const http::Request& req);

}  // namespace admin
}  // namespace evient::api
