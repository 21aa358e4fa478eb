#include "services/catalog_service.hpp"

#include <sstream>

#include "core/config.hpp"
#include "core/crypto.hpp"
#include "core/errors.hpp"
#include "core/text.hpp"
#include "store/banners_repo.hpp"
#include "store/db.hpp"
#include "store/events_repo.hpp"
#include "store/orders_repo.hpp"
#include "store/seating_repo.hpp"

namespace evient {

std::vector<std::string> search_words(const std::string& search) {
  std::vector<std::string> words;
  std::istringstream in(text::fold(search));
  std::string w;
  while (in >> w && words.size() < 8) {
    if (w.size() > 64) w.resize(64);
    words.push_back(w);
  }
  return words;
}

CatalogService::CatalogService(store::Database& db, const Clock& clock,
                               std::chrono::milliseconds cache_ttl, AvailabilityRefresher refresher)
    : db_(db), clock_(clock), refresher_(std::move(refresher)), cache_(db, clock, cache_ttl) {}

std::string CatalogService::cache_key(const EventQuery& q) {
  // Normalised as list() reads it: case of the category and of the search
  // words, and extra spaces, do not make distinct entries.
  std::string key = "events?p=" + std::to_string(q.page) + "&l=" + std::to_string(q.limit);
  // Free text is length-prefixed, so no category can pose as a search.
  auto add = [&key](const char* name, const std::string& value) {
    key += name + std::to_string(value.size()) + ':' + value;
  };
  if (q.category && !q.category->empty()) add("&c=", text::ascii_lower(*q.category));
  if (q.search) {
    std::string words;
    for (const auto& w : search_words(*q.search)) words += w + ' ';
    add("&s=", words);
  }
  if (q.upcoming) key += "&u";
  return key;
}

EventPage CatalogService::list(const EventQuery& q) {
  store::events::EventFilter f;
  f.statuses = {EventStatus::Published};
  if (q.category && !q.category->empty()) f.category = *q.category;
  if (q.search) f.search_words = search_words(*q.search);
  if (q.upcoming) f.ends_after = clock_.now();
  return db_.read([&](store::Tx& tx) {
    EventPage page;
    page.items = store::events::list_cards(tx, f, q.limit, (q.page - 1) * q.limit);
    store::events::attach_visible_types(tx, page.items);
    page.total = store::events::count(tx, f);
    return page;
  });
}

std::vector<EventCard> CatalogService::featured(std::int64_t limit) {
  store::events::EventFilter f;
  f.statuses = {EventStatus::Published};
  f.is_hot = true;
  f.starts_after = clock_.now();
  return db_.read([&](store::Tx& tx) {
    auto cards = store::events::list_cards(tx, f, limit, 0);
    store::events::attach_visible_types(tx, cards);
    return cards;
  });
}

EventDetail CatalogService::detail(const std::string& id_or_slug) {
  auto find = [&](store::Tx& tx) {
    return crypto::is_uuid(id_or_slug) ? store::events::find_by_id(tx, id_or_slug)
                                       : store::events::find_by_slug(tx, id_or_slug);
  };
  // One transaction in the common case (on PostgreSQL each one costs round
  // trips): the event, its types, and whether any hold on it has expired. Only
  // then are the holds released and the availability read again.
  auto load = [&](store::Tx& tx) {
    auto event = find(tx);
    if (!event || event->status == EventStatus::Draft)
      throw NotFound("Event not found", "EVENT_NOT_FOUND");
    const bool expired =
        refresher_ &&
        !store::orders::expired_pending_for_event(tx, event->id, clock_.now()).empty();
    EventDetail d{*event, store::events::ticket_types(tx, event->id, false), std::nullopt, {}};
    if (auto room_id = store::seating::event_room(tx, event->id)) {
      if (auto room = store::seating::find_room_head(tx, *room_id)) {
        d.seating = SeatingRef{room->id, room->name};
      }
      for (auto& id : store::seating::seated_types(tx, event->id)) d.seated_type_ids.insert(id);
    }
    return std::make_pair(std::move(d), expired);
  };
  auto [detail, expired] = db_.read(load);
  if (!expired) return detail;
  refresher_(detail.event.id);
  return db_.read(load).first;
}

AvailabilityMap CatalogService::availability(const std::vector<std::string>& type_ids,
                                             bool release_expired) {
  auto load = [&](store::Tx& tx) {
    auto types = store::events::ticket_types_by_id(tx, type_ids);
    std::optional<std::string> expired_event;
    if (release_expired && refresher_ && !types.empty() &&
        !store::orders::expired_pending_for_event(tx, types.front().event_id, clock_.now())
             .empty()) {
      expired_event = types.front().event_id;
    }
    return std::make_pair(std::move(types), expired_event);
  };
  auto [types, expired_event] = db_.read(load);
  if (expired_event) {
    refresher_(*expired_event);
    types = db_.read(load).first;
  }
  AvailabilityMap out;
  for (auto& t : types) out.emplace(t.id, std::move(t));
  return out;
}

std::vector<Banner> CatalogService::banners() {
  return db_.read([&](store::Tx& tx) { return store::banners::list_active(tx); });
}

}  // namespace evient
