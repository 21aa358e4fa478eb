#pragma once
// Admin management of events and their ticket types: every status, every
// write audited in its own transaction, cancellation with its consequences
// (pending orders released, tickets cancelled, paid orders refunded, buyers
// notified) in one transaction, and the attendee export.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "domain/models.hpp"
#include "domain/views.hpp"
#include "services/catalog_service.hpp"
#include "services/store_handles.hpp"

namespace evient {

// Only what the request body gave; the outer optional is "field present", the
// inner one (where there is one) allows null to clear the field. Lengths,
// formats and URLs are checked by the handler; cross-field rules here.
struct EventInput {
  std::optional<std::string> title;
  std::optional<std::string> slug;
  std::optional<std::optional<std::string>> description, content, location, banner_image,
      thumbnail_image, category;
  std::optional<std::optional<Timestamp>> start_time, end_time;
  std::optional<EventStatus> status;
  std::optional<bool> is_hot;
};

struct TicketTypeInput {
  std::optional<std::string> name;
  std::optional<std::optional<std::string>> description;
  std::optional<Minor> price;
  std::optional<std::optional<Minor>> original_price;
  std::optional<std::int64_t> quantity_total;
  std::optional<TicketTypeStatus> status;
  std::optional<std::int64_t> sort_order;
};

struct AdminEventQuery {
  std::int64_t limit = 20;
  std::int64_t offset = 0;
  std::optional<EventStatus> status;
  std::optional<std::string> category;
  std::optional<std::string> search;
};

struct CancellationSummary {
  std::int64_t released_orders = 0;         // pending -> cancelled
  std::int64_t refunded_orders = 0;         // paid -> refunded
  std::int64_t refund_required_orders = 0;  // paid orders spanning other events too
  std::int64_t cancelled_tickets = 0;
  std::int64_t notified_users = 0;
  std::int64_t provider_refunds_accepted = 0;
};

struct EventUpdate {
  Event event;
  std::optional<CancellationSummary> cancellation;  // set when this update cancelled it
};

class AdminEventService {
 public:
  // More work for the transaction that writes an event, run after the event
  // (and the types given with it) are written: what another service does to
  // the same event in the same request, e.g. seat it (SeatingService::seat_in).
  using AlsoInTx = std::function<void(store::Tx&, const Event&, Timestamp now)>;

  // Called after a cancellation has committed, once per order it refunded, to
  // give the money back through the payment provider; returns whether the
  // provider accepted. Empty: the orders are refunded in our books only.
  using ProviderRefund = std::function<bool(const Order&)>;
  AdminEventService(store::Database& db, const Clock& clock, ProviderRefund provider_refund);

  EventPage list(const AdminEventQuery& q);
  EventDetail get(const std::string& id);  // with hidden ticket types
  Event create(const std::string& actor_id, const EventInput& in);
  // The event, `types` and `also` in one transaction: a bad type (422 on
  // ticket_types[i].<field>) or a failing `also` leaves nothing behind. Each
  // write has its usual audit entry.
  EventDetail create_with_types(const std::string& actor_id, const EventInput& in,
                                const std::vector<TicketTypeInput>& types,
                                const AlsoInTx& also = {});
  EventUpdate update(const std::string& actor_id, const std::string& id, const EventInput& in,
                     const AlsoInTx& also = {});
  // Refused (EVENT_HAS_TICKETS) once any ticket or order refers to it.
  void remove(const std::string& actor_id, const std::string& id);

  std::vector<TicketType> ticket_types(const std::string& event_id);
  // Every event's types (hidden ones too) with the event's title, flat; only
  // `event_id`'s when given (404 EVENT_NOT_FOUND when there is no such event).
  std::vector<TicketTypeListing> all_ticket_types(const std::optional<std::string>& event_id);
  TicketType create_ticket_type(const std::string& actor_id, const std::string& event_id,
                                const TicketTypeInput& in);
  TicketType update_ticket_type(const std::string& actor_id, const std::string& id,
                                const TicketTypeInput& in);
  void remove_ticket_type(const std::string& actor_id, const std::string& id);

  // Throws NotFound (EVENT_NOT_FOUND).
  Event require_event(const std::string& id);
  // One page of the attendee export, one read transaction.
  std::vector<AttendeeRow> attendees(const std::string& event_id,
                                     const std::optional<std::string>& after, std::int64_t limit);

 private:
  CancellationSummary cancel_event(store::Tx& tx, const Event& e, Timestamp now,
                                   std::vector<std::string>& refunded_order_ids);
  // The provider-refund hook: runs outside the transaction (network work).
  std::int64_t refund_through_provider(const std::vector<std::string>& order_ids);

  store::Database& db_;
  const Clock& clock_;
  ProviderRefund provider_refund_;
};

}  // namespace evient
