// GET /api/admin/events/:id/attendees.csv: one row per ticket, streamed in
// keyset pages of 500, each page read in its own short transaction.
#include <memory>

#include "api/admin_routes.hpp"
#include "core/log.hpp"
#include "core/money.hpp"
#include "core/time.hpp"
#include "http/query.hpp"
#include "services/admin_event_service.hpp"
#include "services/admin_rules.hpp"

namespace evient::api {
namespace {

constexpr std::int64_t kChunkRows = 500;

const std::vector<std::string> kHeader = {
    "ticket_code", "status", "used_at", "ticket_type", "holder_name", "holder_email",
    "order_id",    "price",  "room",    "seat_row",    "seat_number"};

std::string attendee_row(const AttendeeRow& a) {
  return admin_rules::csv_row(
      {a.ticket_code, std::string(to_text(a.status)), a.used_at ? format_iso(*a.used_at) : "",
       a.ticket_type, a.holder_name.value_or(""), a.holder_email, a.order_id,
       money_to_string(a.price), a.seat ? a.seat->room : "", a.seat ? a.seat->row : "",
       a.seat ? std::to_string(a.seat->number) : ""});
}

struct ExportCursor {
  bool header_sent = false;
  std::optional<std::string> after;  // last ticket id written
};

}  // namespace

void register_admin_attendee_routes(http::Router& r, AdminEventService& admin_events) {
  r.get("/api/admin/events/:id/attendees.csv", http::Access::Admin,
        [&admin_events](http::Request& req) {
          const Event e =
              admin_events.require_event(http::uuid_param(req, "id", "EVENT_NOT_FOUND"));
          http::Response res;
          res.content_type = "text/csv; charset=utf-8";
          res.headers.emplace_back("Content-Disposition",
                                   "attachment; filename=\"attendees-" + e.slug + ".csv\"");
          res.headers.emplace_back("Cache-Control", "no-store");
          auto cursor = std::make_shared<ExportCursor>();
          AdminEventService* events = &admin_events;
          res.stream = [events, cursor, event_id = e.id](std::string& chunk) {
            if (!cursor->header_sent) {
              chunk += admin_rules::csv_row(kHeader);
              cursor->header_sent = true;
            }
            std::vector<AttendeeRow> rows;
            try {
              rows = events->attendees(event_id, cursor->after, kChunkRows);
            } catch (const std::exception& ex) {
              // Rethrown: the connection closes without the final chunk, so the
              // client sees a broken download rather than a silently short file.
              log::error("attendee export of event " + event_id + " failed: " + ex.what());
              throw;
            }
            for (const auto& a : rows) chunk += attendee_row(a);
            if (static_cast<std::int64_t>(rows.size()) < kChunkRows) return false;
            cursor->after = rows.back().ticket_id;
            return true;
          };
          return res;
        });
}

}  // namespace evient::api
