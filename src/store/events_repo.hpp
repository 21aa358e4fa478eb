#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/models.hpp"
#include "domain/views.hpp"
#include "store/db.hpp"

namespace evient::store::events {

struct EventFilter {
  std::vector<EventStatus> statuses;      // empty = any
  std::optional<std::string> category;    // compared case-insensitively
  std::vector<std::string> search_words;  // folded words; each must appear
  std::optional<Timestamp> ends_after;    // upcoming: not yet over at this instant
  std::optional<Timestamp> starts_after;  // strictly upcoming
  std::optional<bool> is_hot;
};

std::vector<EventCard> list_cards(Tx& tx, const EventFilter& f, std::int64_t limit,
                                  std::int64_t offset);
std::int64_t count(Tx& tx, const EventFilter& f);

std::optional<Event> find_by_id(Tx& tx, const std::string& id);
// Locks the row until commit (PostgreSQL): waits for orders under way on the
// event (they share-lock it) and keeps new ones out until this transaction ends.
std::optional<Event> find_for_update(Tx& tx, const std::string& id);
std::optional<Event> find_by_slug(Tx& tx, const std::string& slug);
bool slug_exists(Tx& tx, const std::string& slug);
// Throws ConstraintViolation("uniq_events_slug") on a duplicate slug.
void insert(Tx& tx, const Event& e);
// Many at once in multi-row statements (the bench data set).
void insert_many(Tx& tx, const std::vector<Event>& events);
void update(Tx& tx, const Event& e);
void remove(Tx& tx, const std::string& id);

// Non-hidden types (or all of them with include_hidden), cheapest and earliest first.
std::vector<TicketType> ticket_types(Tx& tx, const std::string& event_id, bool include_hidden);
std::optional<TicketType> find_ticket_type(Tx& tx, const std::string& id);
// Every type, hidden ones too, with its event's title: events by start time
// (undated last), then each event's types in their order; only `event_id`'s
// when given.
std::vector<TicketTypeListing> list_ticket_types(Tx& tx,
                                                 const std::optional<std::string>& event_id);
// The types with these ids (any status), in no particular order: what the
// catalogue cache reads to overlay current availability on a cached page.
std::vector<TicketType> ticket_types_by_id(Tx& tx, const std::vector<std::string>& ids);
// Fills each card's ticket_types with its event's visible types, in one statement.
void attach_visible_types(Tx& tx, std::vector<EventCard>& cards);
void insert_ticket_type(Tx& tx, const TicketType& t);
void insert_ticket_types(Tx& tx, const std::vector<TicketType>& types);
// Updates everything but quantity_sold; refuses (returns false) when the new
// quantity_total would fall below what is sold at that instant.
bool update_ticket_type(Tx& tx, const TicketType& t);
void remove_ticket_type(Tx& tx, const std::string& id);

}  // namespace evient::store::events
