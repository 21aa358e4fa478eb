#pragma once
// The public catalogue: event lists, featured events, event detail with ticket
// availability, and banners. Read-only; drafts are invisible here.
#include <chrono>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "domain/models.hpp"
#include "services/catalog_cache.hpp"
#include "services/store_handles.hpp"

namespace evient {

struct EventQuery {
  std::int64_t page = 1;
  std::int64_t limit = 10;
  std::optional<std::string> category;
  std::optional<std::string> search;
  bool upcoming = false;
};

struct EventPage {
  std::vector<EventCard> items;
  std::int64_t total = 0;
};

// The room a seated event takes place in.
struct SeatingRef {
  std::string room_id;
  std::string room_name;
};

struct EventDetail {
  Event event;
  std::vector<TicketType> ticket_types;
  std::optional<SeatingRef> seating;      // none: not seated
  std::set<std::string> seated_type_ids;  // types whose buyers choose seats
};

class CatalogService {
 public:
  // Called before availability is read for an event, so reservations that have
  // expired are released even when the background sweeper is not running.
  using AvailabilityRefresher = std::function<void(const std::string& event_id)>;
  // `cache_ttl`: the longest a cached response is served (0: no cache).
  CatalogService(store::Database& db, const Clock& clock, std::chrono::milliseconds cache_ttl,
                 AvailabilityRefresher refresher);

  EventPage list(const EventQuery& q);
  std::vector<EventCard> featured(std::int64_t limit = 12);
  // `id_or_slug` is the event's UUID or its slug. Drafts are 404.
  EventDetail detail(const std::string& id_or_slug);
  std::vector<Banner> banners();
  // The current availability of these types (CatalogCache's overlay). With
  // `release_expired`, as detail() does: holds on their event that have
  // expired are released first.
  AvailabilityMap availability(const std::vector<std::string>& type_ids, bool release_expired);

  // Serialised responses of the methods above, keyed by cache_key(); the API
  // layer fills it (it owns serialisation). See catalog_cache.hpp for when an
  // entry stops being served.
  CatalogCache& cache() { return cache_; }
  static std::string cache_key(const EventQuery& q);

 private:
  store::Database& db_;
  const Clock& clock_;
  AvailabilityRefresher refresher_;
  CatalogCache cache_;
};

// Splits a search string into folded words (at most 8, each at most 64 bytes).
std::vector<std::string> search_words(const std::string& search);

}  // namespace evient
