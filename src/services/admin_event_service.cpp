#include "services/admin_event_service.hpp"

#include <set>

#include "core/crypto.hpp"
#include "core/errors.hpp"
#include "core/html_sanitizer.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "services/admin_rules.hpp"
#include "services/audit_trail.hpp"
#include "store/admin_repo.hpp"
#include "store/db.hpp"
#include "store/events_repo.hpp"
#include "store/notifications_repo.hpp"
#include "store/orders_repo.hpp"
#include "store/seating_repo.hpp"

namespace evient {
namespace json = boost::json;
namespace {

constexpr int kMaxSlugAttempts = 100;

template <class T>
void apply(std::optional<T>& field, const std::optional<T>& given) {
  if (given) field = *given;
}
template <class T>
void apply(T& field, const std::optional<T>& given) {
  if (given) field = *given;
}

void apply_input(Event& e, const EventInput& in) {
  apply(e.title, in.title);
  if (in.description) e.description = *in.description;
  if (in.content) {
    e.content =
        *in.content ? std::optional<std::string>(sanitize_html(**in.content)) : std::nullopt;
  }
  if (in.location) e.location = *in.location;
  if (in.banner_image) e.banner_image = *in.banner_image;
  if (in.thumbnail_image) e.thumbnail_image = *in.thumbnail_image;
  if (in.category) e.category = *in.category;
  if (in.start_time) e.start_time = *in.start_time;
  if (in.end_time) e.end_time = *in.end_time;
  apply(e.is_hot, in.is_hot);
}

void check_times(const Event& e) {
  if (e.start_time && e.end_time && *e.end_time <= *e.start_time) {
    throw ValidationError("end_time", "BEFORE_START", "end_time must be after start_time");
  }
  if (e.end_time && !e.start_time) {
    throw ValidationError("start_time", "REQUIRED", "start_time is required with end_time");
  }
}

// An explicit slug must be well-formed and free; a generated one gets -2, -3...
std::string choose_slug(store::Tx& tx, const std::optional<std::string>& explicit_slug,
                        const std::string& title) {
  if (explicit_slug) {
    if (!admin_rules::is_valid_slug(*explicit_slug)) {
      throw ValidationError("slug", "INVALID", "slug may only hold a-z, 0-9 and single dashes");
    }
    if (store::events::slug_exists(tx, *explicit_slug)) {
      throw Conflict("SLUG_TAKEN", "Another event already uses this slug");
    }
    return *explicit_slug;
  }
  const std::string base = text::slugify(title);
  for (int n = 1; n <= kMaxSlugAttempts; ++n) {
    std::string candidate = admin_rules::numbered_slug(base, n);
    if (!store::events::slug_exists(tx, candidate)) return candidate;
  }
  return admin_rules::numbered_slug(base, 0) + "-" + crypto::uuid_v4().substr(0, 8);
}

Event find_event(store::Tx& tx, const std::string& id) {
  auto e = store::events::find_by_id(tx, id);
  if (!e) throw NotFound("Event not found", "EVENT_NOT_FOUND");
  return *e;
}

// For a change of the event itself: a cancellation must not overlap an order
// being placed (store::orders::find_sellable_type share-locks the same row).
Event lock_event(store::Tx& tx, const std::string& id) {
  auto e = store::events::find_for_update(tx, id);
  if (!e) throw NotFound("Event not found", "EVENT_NOT_FOUND");
  return *e;
}

TicketType find_type(store::Tx& tx, const std::string& id) {
  auto t = store::events::find_ticket_type(tx, id);
  if (!t) throw NotFound("Ticket type not found", "TICKET_TYPE_NOT_FOUND");
  return *t;
}

void apply_input(TicketType& t, const TicketTypeInput& in) {
  apply(t.name, in.name);
  if (in.description) t.description = *in.description;
  apply(t.price, in.price);
  if (in.original_price) t.original_price = *in.original_price;
  apply(t.quantity_total, in.quantity_total);
  apply(t.status, in.status);
  apply(t.sort_order, in.sort_order);
}

// What a new type must have; `at` prefixes the field names ("ticket_types[2].").
void require_type_fields(const TicketTypeInput& in, Validator& v, const std::string& at) {
  if (!in.name) v.add(at + "name", "REQUIRED", "name is required");
  if (!in.price) v.add(at + "price", "REQUIRED", "price is required");
  if (!in.quantity_total) v.add(at + "quantity_total", "REQUIRED", "quantity_total is required");
}

TicketType insert_type(store::Tx& tx, const std::string& actor_id, const Event& e,
                       const TicketTypeInput& in, Timestamp now) {
  if (e.status == EventStatus::Cancelled) {
    throw Conflict("EVENT_CANCELLED", "Ticket types cannot be added to a cancelled event");
  }
  TicketType t;
  t.id = crypto::uuid_v4();
  t.event_id = e.id;
  t.sort_order = static_cast<std::int64_t>(store::events::ticket_types(tx, e.id, true).size());
  apply_input(t, in);
  t.quantity_sold = 0;
  t.created_at = t.updated_at = now;
  store::events::insert_ticket_type(tx, t);
  audit::record(tx, actor_id, "ticket_type.create", "ticket_type", t.id, nullptr,
                audit::snapshot(t), now);
  return t;
}

// Unique slugs race on PostgreSQL between the check and the insert; the
// constraint has the last word.
template <class F>
auto slug_guarded(F&& f) {
  try {
    return f();
  } catch (const store::ConstraintViolation& e) {
    if (e.constraint() == "uniq_events_slug") {
      throw Conflict("SLUG_TAKEN", "Another event already uses this slug");
    }
    throw;
  }
}

}  // namespace

AdminEventService::AdminEventService(store::Database& db, const Clock& clock,
                                     ProviderRefund provider_refund)
    : db_(db), clock_(clock), provider_refund_(std::move(provider_refund)) {}

EventPage AdminEventService::list(const AdminEventQuery& q) {
  store::events::EventFilter f;
  if (q.status) f.statuses = {*q.status};
  if (q.category) f.category = *q.category;
  if (q.search) f.search_words = search_words(*q.search);
  return db_.read([&](store::Tx& tx) {
    return EventPage{store::events::list_cards(tx, f, q.limit, q.offset),
                     store::events::count(tx, f)};
  });
}

EventDetail AdminEventService::get(const std::string& id) {
  return db_.read([&](store::Tx& tx) {
    Event e = find_event(tx, id);
    return EventDetail{e, store::events::ticket_types(tx, e.id, true)};
  });
}

Event AdminEventService::create(const std::string& actor_id, const EventInput& in) {
  return create_with_types(actor_id, in, {}).event;
}

EventDetail AdminEventService::create_with_types(const std::string& actor_id, const EventInput& in,
                                                 const std::vector<TicketTypeInput>& types,
                                                 const AlsoInTx& also) {
  if (!in.title) throw ValidationError("title", "REQUIRED", "title is required");
  const EventStatus status = in.status.value_or(EventStatus::Draft);
  if (status != EventStatus::Draft && status != EventStatus::Published) {
    throw ValidationError("status", "INVALID", "a new event is draft or published");
  }
  Validator v;
  for (std::size_t i = 0; i < types.size(); ++i) {
    require_type_fields(types[i], v, "ticket_types[" + std::to_string(i) + "].");
  }
  v.throw_if_any();
  const Timestamp now = clock_.now();
  Event e;
  e.id = crypto::uuid_v4();
  apply_input(e, in);
  e.status = status;
  e.created_at = e.updated_at = now;
  check_times(e);
  return slug_guarded([&] {
    return db_.write([&](store::Tx& tx) {
      e.slug = choose_slug(tx, in.slug, e.title);
      store::events::insert(tx, e);
      audit::record(tx, actor_id, "event.create", "event", e.id, nullptr, audit::snapshot(e), now);
      for (const auto& t : types) insert_type(tx, actor_id, e, t, now);
      if (also) also(tx, e, now);
      // Read back: `also` may have changed the types (seats set quantity_total).
      return EventDetail{e, store::events::ticket_types(tx, e.id, true)};
    });
  });
}

EventUpdate AdminEventService::update(const std::string& actor_id, const std::string& id,
                                      const EventInput& in, const AlsoInTx& also) {
  const Timestamp now = clock_.now();
  std::vector<std::string> refunded;
  EventUpdate result = slug_guarded([&] {
    return db_.write([&](store::Tx& tx) {
      refunded.clear();  // the engine may run this again after a lost connection
      const Event before = lock_event(tx, id);
      Event e = before;
      apply_input(e, in);
      check_times(e);
      if (in.status && !admin_rules::event_transition_allowed(before.status, *in.status)) {
        throw Conflict("INVALID_STATUS_TRANSITION",
                       "An event cannot go from " + std::string(to_text(before.status)) + " to " +
                           std::string(to_text(*in.status)),
                       json::object{{"from", to_text(before.status)}, {"to", to_text(*in.status)}});
      }
      apply(e.status, in.status);
      if (in.slug && *in.slug != before.slug) e.slug = choose_slug(tx, in.slug, e.title);
      e.updated_at = now;
      store::events::update(tx, e);
      EventUpdate u{e, std::nullopt};
      json::value after = audit::snapshot(e);
      if (e.status == EventStatus::Cancelled && before.status != EventStatus::Cancelled) {
        u.cancellation = cancel_event(tx, e, now, refunded);
        const auto& c = *u.cancellation;
        after.as_object()["cancellation"] = {{"released_orders", c.released_orders},
                                             {"refunded_orders", c.refunded_orders},
                                             {"refund_required_orders", c.refund_required_orders},
                                             {"cancelled_tickets", c.cancelled_tickets}};
      }
      audit::record(tx, actor_id, u.cancellation ? "event.cancel" : "event.update", "event", e.id,
                    audit::snapshot(before), after, now);
      if (also) also(tx, e, now);
      return u;
    });
  });
  if (result.cancellation) {
    result.cancellation->provider_refunds_accepted = refund_through_provider(refunded);
  }
  return result;
}

CancellationSummary AdminEventService::cancel_event(store::Tx& tx, const Event& e, Timestamp now,
                                                    std::vector<std::string>& refunded_order_ids) {
  CancellationSummary s;
  std::set<std::string> buyers;
  // Seats to give back: pending orders' holds and the tickets cancelled below,
  // summed per type and released once per type in ticket type id order (the
  // order checkout locks rows in). checkout::release_order is not reused: it
  // writes its own notice per order, and each buyer gets one notice here.
  store::orders::UnitsByType released;
  for (const auto& o : store::admin::orders_for_event(tx, e.id, OrderStatus::Pending)) {
    if (!store::orders::cancel_if_pending(tx, o.id, now)) continue;
    if (auto order = store::orders::find(tx, o.id)) {
      for (const auto& [type_id, units] : store::orders::units_of(*order)) {
        released[type_id] += units;
      }
    }
    ++s.released_orders;
    buyers.insert(o.user_id);
  }
  for (const auto& [type_id, count] : store::admin::cancel_event_tickets(tx, e.id)) {
    released[type_id] += count;
    s.cancelled_tickets += count;
  }
  store::orders::unreserve_all(tx, released);
  store::seating::free_event(tx, e.id);
  for (const auto& o : store::admin::orders_for_event(tx, e.id, OrderStatus::Paid)) {
    if (o.only_this_event) {
      if (store::admin::mark_refunded(tx, o.id, now)) {
        ++s.refunded_orders;
        refunded_order_ids.push_back(o.id);
      }
    } else {
      store::orders::set_refund_required(tx, o.id, now);
      ++s.refund_required_orders;
    }
    buyers.insert(o.user_id);
  }
  for (const auto& user_id : buyers) {
    Notification n;
    n.id = crypto::uuid_v4();
    n.user_id = user_id;
    n.title = "Sự kiện đã bị huỷ";
    n.message = "Sự kiện " + e.title +
                " đã bị huỷ. Vé của bạn không còn hiệu lực; khoản thanh toán sẽ được hoàn lại.";
    n.type = NotificationType::Order;
    n.created_at = now;
    store::notifications::insert(tx, n);
  }
  s.notified_users = static_cast<std::int64_t>(buyers.size());
  return s;
}

std::int64_t AdminEventService::refund_through_provider(const std::vector<std::string>& ids) {
  if (!provider_refund_ || ids.empty()) return 0;
  std::int64_t accepted = 0;
  for (const auto& id : ids) {
    auto order = db_.read([&](store::Tx& tx) { return store::orders::find(tx, id); });
    if (!order) continue;
    bool ok = false;
    try {
      ok = provider_refund_(*order);
    } catch (const std::exception& ex) {
      log::error("provider refund of order " + id + " failed: " + ex.what());
    }
    if (ok) {
      ++accepted;
      continue;
    }
    // Refunded in our books, not yet by the provider: leave a mark to retry by hand.
    db_.write([&](store::Tx& tx) { store::orders::set_refund_required(tx, id, clock_.now()); });
  }
  return accepted;
}

void AdminEventService::remove(const std::string& actor_id, const std::string& id) {
  const Timestamp now = clock_.now();
  db_.write([&](store::Tx& tx) {
    const Event e = find_event(tx, id);
    if (store::admin::event_has_sales(tx, e.id)) {
      throw Conflict("EVENT_HAS_TICKETS",
                     "This event has orders or tickets; cancel it instead of deleting it");
    }
    store::events::remove(tx, e.id);
    audit::record(tx, actor_id, "event.delete", "event", e.id, audit::snapshot(e), nullptr, now);
  });
}

std::vector<TicketType> AdminEventService::ticket_types(const std::string& event_id) {
  return db_.read([&](store::Tx& tx) {
    const Event e = find_event(tx, event_id);
    return store::events::ticket_types(tx, e.id, true);
  });
}

std::vector<TicketTypeListing> AdminEventService::all_ticket_types(
    const std::optional<std::string>& event_id) {
  return db_.read([&](store::Tx& tx) {
    if (event_id) find_event(tx, *event_id);
    return store::events::list_ticket_types(tx, event_id);
  });
}

TicketType AdminEventService::create_ticket_type(const std::string& actor_id,
                                                 const std::string& event_id,
                                                 const TicketTypeInput& in) {
  Validator v;
  require_type_fields(in, v, "");
  v.throw_if_any();
  const Timestamp now = clock_.now();
  return db_.write(
      [&](store::Tx& tx) { return insert_type(tx, actor_id, find_event(tx, event_id), in, now); });
}

TicketType AdminEventService::update_ticket_type(const std::string& actor_id, const std::string& id,
                                                 const TicketTypeInput& in) {
  const Timestamp now = clock_.now();
  return db_.write([&](store::Tx& tx) {
    const TicketType before = find_type(tx, id);
    // A seated type has as many tickets as seats: its zone decides, not a number.
    if (in.quantity_total && *in.quantity_total != before.quantity_total &&
        store::seating::type_is_seated(tx, id)) {
      throw Conflict("TICKET_TYPE_SEATED",
                     "This ticket type covers seats: change the event's seating instead",
                     json::object{{"quantity_total", before.quantity_total}});
    }
    TicketType t = before;
    apply_input(t, in);
    t.updated_at = now;
    // Conditional: refused when quantity_total would fall below what is sold
    // (or reserved) at this instant, whatever a concurrent checkout just did.
    if (!store::events::update_ticket_type(tx, t)) {
      const TicketType current = find_type(tx, id);
      throw Conflict("QUANTITY_BELOW_SOLD",
                     "quantity_total cannot be below the " + std::to_string(current.quantity_sold) +
                         " already sold or reserved",
                     json::object{{"quantity_sold", current.quantity_sold}});
    }
    TicketType after = find_type(tx, id);
    audit::record(tx, actor_id, "ticket_type.update", "ticket_type", id, audit::snapshot(before),
                  audit::snapshot(after), now);
    return after;
  });
}

void AdminEventService::remove_ticket_type(const std::string& actor_id, const std::string& id) {
  const Timestamp now = clock_.now();
  db_.write([&](store::Tx& tx) {
    const TicketType t = find_type(tx, id);
    if (!store::admin::remove_unsold_ticket_type(tx, t.id)) {
      throw Conflict("TICKET_TYPE_HAS_SALES",
                     "This ticket type has sales or reservations; hide it instead");
    }
    audit::record(tx, actor_id, "ticket_type.delete", "ticket_type", t.id, audit::snapshot(t),
                  nullptr, now);
  });
}

Event AdminEventService::require_event(const std::string& id) {
  return db_.read([&](store::Tx& tx) { return find_event(tx, id); });
}

std::vector<AttendeeRow> AdminEventService::attendees(const std::string& event_id,
                                                      const std::optional<std::string>& after,
                                                      std::int64_t limit) {
  return db_.read(
      [&](store::Tx& tx) { return store::admin::attendees_page(tx, event_id, after, limit); });
}

}  // namespace evient
