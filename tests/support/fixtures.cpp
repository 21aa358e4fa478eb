#include "support/fixtures.hpp"

#include "core/crypto.hpp"
#include "core/text.hpp"
#include "store/events_repo.hpp"

namespace evient::test {

Event create_event(App& app, const EventSpec& spec) {
  Event e;
  e.id = crypto::uuid_v4();
  e.title = spec.title;
  e.slug = text::slugify(spec.title) + "-" + e.id.substr(0, 8);
  e.description = spec.description;
  e.content = "<p>" + spec.description + "</p>";
  e.location = spec.location;
  e.start_time = app.clock().now() + spec.starts_in;
  e.end_time = *e.start_time + spec.duration;
  e.category = spec.category;
  e.status = parse_or_throw<EventStatus>(spec.status);
  e.is_hot = spec.is_hot;
  e.created_at = e.updated_at = app.clock().now();
  app.db().write([&](store::Tx& tx) { store::events::insert(tx, e); });
  return e;
}

TicketType create_ticket_type(App& app, const std::string& event_id, const TicketTypeSpec& spec) {
  TicketType t;
  t.id = crypto::uuid_v4();
  t.event_id = event_id;
  t.name = spec.name;
  t.price = spec.price;
  t.original_price = spec.original_price;
  t.quantity_total = spec.quantity_total;
  t.status = parse_or_throw<TicketTypeStatus>(spec.status);
  t.created_at = t.updated_at = app.clock().now();
  app.db().write([&](store::Tx& tx) { store::events::insert_ticket_type(tx, t); });
  return t;
}

}  // namespace evient::test
