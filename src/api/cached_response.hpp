#pragma once
// Serves a catalogue response from CatalogCache, building it with `build` on a
// miss. `build` must return a 200 with the default content type and no extra
// headers (what http::ok / http::paged make); errors are thrown, never cached.
// The response says X-Cache: hit|miss.
#include <boost/json.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "http/message.hpp"
#include "services/catalog_cache.hpp"

namespace evient::api {

// A whole response without holes (banners).
http::Response cached_response(CatalogCache& cache, const std::string& key,
                               const std::function<http::Response()>& build);

// Makes a PageTemplate: serialisers put hole() where an availability value
// goes, and finish() cuts the serialised response at the holes. A hole is a
// JSON string carrying a random per-process marker, so no stored text can
// pose as one.
class TemplateBuilder {
 public:
  TemplateBuilder();
  // `ids`: the type(s), or the seat, whose availability goes there.
  boost::json::value hole(AvailabilitySlot::Field field, std::vector<std::string> ids);
  // Remembers what the page was read with: a type's current availability, a
  // seat's current state (its SeatState holes are read for `event_id`), the
  // instant the page changes without a write.
  void saw(const TicketType& t) { availability_.types.emplace(t.id, t); }
  void saw_seat(const std::string& event_id, const std::string& seat_id, SeatState state);
  void valid_until(Timestamp until);
  std::shared_ptr<const PageTemplate> finish(const std::string& serialized);
  Availability take_availability() { return std::move(availability_); }

 private:
  std::string marker_;
  std::vector<AvailabilitySlot> slots_;
  std::string seats_of_event_;
  Availability availability_;
};

// A page whose availability is overlaid at serve time: `build` serialises with
// holes through the builder; `read` reads the types' availability again.
http::Response cached_page(CatalogCache& cache, const std::string& key,
                           const std::function<http::Response(TemplateBuilder&)>& build,
                           const CatalogCache::ReadAvailability& read);

// The cached response for `key` when it can be served without the database
// (on an I/O thread), else none.
std::optional<http::Response> peek_cached(CatalogCache& cache, const std::string& key);

}  // namespace evient::api
