#pragma once
// What the admin API shows: models and admin service results -> JSON. The
// public shapes they build on are in serializers.hpp.
#include <boost/json.hpp>
#include <vector>

#include "domain/models.hpp"
#include "domain/views.hpp"
#include "services/admin_event_service.hpp"
#include "services/admin_order_service.hpp"
#include "services/scanner_service.hpp"
#include "services/seating_service.hpp"
#include "services/stats_service.hpp"

namespace evient::api {

boost::json::object scan_json(const ScanResult& r);
// The stored status (what admins set) beside what buyers see.
boost::json::object admin_ticket_type_json(const TicketType& t);
boost::json::object audit_entry_json(const AuditEntry& e);

boost::json::object admin_event_detail_json(const Event& e, const std::vector<TicketType>& types);
boost::json::object cancellation_json(const CancellationSummary& c);
// The event with its types, and what cancelling it did when it was cancelled.
boost::json::object admin_event_update_json(const EventUpdate& u,
                                            const std::vector<TicketType>& types);

boost::json::object admin_order_json(const OrderWithBuyer& o);
boost::json::object admin_order_detail_json(const AdminOrderDetail& d);
boost::json::object refund_json(const RefundResult& r);

boost::json::object dashboard_json(const DashboardStats& s);

// Rooms in the organisers' client's dialect (camelCase):
// {id, name, rows, seatsPerRow, isActive, seats:[{id, row, number, isActive, roomId}]}.
boost::json::object room_json(const Room& r);
// {room:{id, name, rows, seats_per_row} | null, zones:[{ticket_type_id, ticket_type_name,
// seat_ids}]}
boost::json::object event_seating_json(const EventSeating& s);
boost::json::object block_result_json(const BlockResult& r, bool blocked);
boost::json::object event_stats_json(const EventStats& s);

}  // namespace evient::api
