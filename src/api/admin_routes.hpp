#pragma once
// The admin API (/api/admin/...): every route is Access::Admin. One file per
// resource; register_admin_routes (routes.hpp) wires them all. Shared parsing
// and serialising helpers for those files live here too.
#include <boost/json.hpp>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "http/body.hpp"
#include "http/router.hpp"
#include "services/scanner_service.hpp"
#include "services/services.hpp"
#include "store/audit_repo.hpp"
#include "store/models.hpp"

namespace evient::api {

void register_admin_stats_routes(http::Router& r, Services& s);
void register_admin_scanner_routes(http::Router& r, Services& s);
void register_admin_event_routes(http::Router& r, Services& s);
void register_admin_attendee_routes(http::Router& r, Services& s);
void register_admin_user_routes(http::Router& r, Services& s);
void register_admin_banner_routes(http::Router& r, Services& s);
void register_admin_audit_routes(http::Router& r, Services& s);
void register_admin_order_routes(http::Router& r, Services& s);
void register_admin_notification_routes(http::Router& r, Services& s);

namespace admin {

// ?name=... trimmed; nullopt when absent or empty; 422 when longer than max_len.
std::optional<std::string> query_text(const http::Request& req, const char* name,
                                      std::size_t max_len = 200);
// ?name=true|false|1|0; 422 otherwise.
std::optional<bool> query_bool(const http::Request& req, const char* name);
// ?name=<uuid>; 422 when malformed.
std::optional<std::string> query_uuid(const http::Request& req, const char* name);
// A route capture that must be a UUID; anything else is the given 404.
std::string uuid_param(const http::Request& req, const char* name, const char* not_found_code);

// A body field that may be null (or "") to clear it: outer optional = present.
std::optional<std::optional<std::string>> nullable_text(const http::JsonBody& body, const char* key,
                                                        Validator& v, std::size_t max_len,
                                                        bool trim = true);
// Same, and the value must be an http(s) URL or a site-relative path.
std::optional<std::optional<std::string>> nullable_url(const http::JsonBody& body, const char* key,
                                                       Validator& v);
// Same, and the value must be an ISO-8601 time.
std::optional<std::optional<Timestamp>> nullable_time(const http::JsonBody& body, const char* key,
                                                      Validator& v);
// An integer within [min, max].
std::optional<std::int64_t> bounded_integer(const http::JsonBody& body, const char* key,
                                            Validator& v, std::int64_t min, std::int64_t max);

boost::json::object scan_json(const ScanResult& r);
boost::json::object admin_ticket_type_json(const TicketType& t);
boost::json::object audit_entry_json(const store::audit::Entry& e);

}  // namespace admin
}  // namespace evient::api
