#include "api/cached_response.hpp"

#include <random>
#include <set>
#include <stdexcept>

namespace evient::api {
namespace {

http::Response with_body(const CatalogCache::Body& body, bool hit) {
  http::Response r;
  r.body = *body;
  r.headers.emplace_back("X-Cache", hit ? "hit" : "miss");
  return r;
}

std::string random_marker() {
  std::random_device device;
  constexpr std::string_view kHex = "0123456789abcdef";
  std::string marker = "@av";
  for (int i = 0; i < 32; ++i) marker += kHex[device() % 16];
  return marker + ":";
}

}  // namespace

http::Response cached_response(CatalogCache& cache, const std::string& key,
                               const std::function<http::Response()>& build) {
  CatalogCache::Lookup found = cache.get_or_fill(key, [&] {
    http::Response fresh = build();
    return std::move(fresh.body);
  });
  return with_body(found.body, found.hit);
}

TemplateBuilder::TemplateBuilder() {
  static const std::string marker = random_marker();
  marker_ = marker;
}

boost::json::value TemplateBuilder::hole(AvailabilitySlot::Field field,
                                         std::vector<std::string> ids) {
  const std::size_t index = slots_.size();
  slots_.push_back({field, std::move(ids)});
  return boost::json::string(marker_ + std::to_string(index) + "@");
}

void TemplateBuilder::saw_seat(const std::string& event_id, const std::string& seat_id,
                               SeatState state) {
  seats_of_event_ = event_id;
  // As the overlay reads them: only seats that do not read available.
  if (state != SeatState::Available) availability_.seats.emplace(seat_id, state);
}

void TemplateBuilder::valid_until(Timestamp until) {
  if (!availability_.until || until < *availability_.until) availability_.until = until;
}

std::shared_ptr<const PageTemplate> TemplateBuilder::finish(const std::string& serialized) {
  auto page = std::make_shared<PageTemplate>();
  const std::string open = '"' + marker_;
  std::size_t from = 0;
  for (;;) {
    const std::size_t at = serialized.find(open, from);
    if (at == std::string::npos) break;
    std::size_t end = at + open.size();
    std::size_t index = 0;
    while (end < serialized.size() && serialized[end] >= '0' && serialized[end] <= '9') {
      index = index * 10 + static_cast<std::size_t>(serialized[end] - '0');
      ++end;
    }
    if (serialized.compare(end, 2, "@\"") != 0 || index >= slots_.size()) {
      throw std::logic_error("catalogue template: malformed hole");
    }
    page->literals.push_back(serialized.substr(from, at - from));
    page->slots.push_back(slots_[index]);
    from = end + 2;
  }
  page->literals.push_back(serialized.substr(from));
  std::set<std::string> ids;
  for (const auto& slot : page->slots) {
    if (slot.field != AvailabilitySlot::Field::SeatState)
      ids.insert(slot.ids.begin(), slot.ids.end());
  }
  page->type_ids.assign(ids.begin(), ids.end());
  page->seats_of_event = seats_of_event_;
  return page;
}

http::Response cached_page(CatalogCache& cache, const std::string& key,
                           const std::function<http::Response(TemplateBuilder&)>& build,
                           const CatalogCache::ReadAvailability& read) {
  CatalogCache::Lookup found = cache.get(
      key,
      [&] {
        TemplateBuilder builder;
        http::Response fresh = build(builder);
        CatalogCache::Fill fill;
        fill.page = builder.finish(fresh.body);
        fill.availability = builder.take_availability();
        return fill;
      },
      read);
  return with_body(found.body, found.hit);
}

std::optional<http::Response> peek_cached(CatalogCache& cache, const std::string& key) {
  CatalogCache::Body body = cache.peek(key);
  if (!body) return std::nullopt;
  return with_body(body, true);
}

}  // namespace evient::api
