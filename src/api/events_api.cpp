// The public catalogue: GET /api/events, /api/events/featured, /api/events/:id
#include "api/cached_response.hpp"
#include "api/routes.hpp"
#include "api/serializers.hpp"
#include "http/envelope.hpp"
#include "http/query.hpp"
#include "services/catalog_service.hpp"

namespace evient::api {
namespace {

namespace json = boost::json;
using Field = AvailabilitySlot::Field;

// A card with holes where availability goes (CatalogCache overlays it).
json::object card_template(const EventCard& c, TemplateBuilder& b) {
  json::object o = event_card_json(c);
  std::vector<std::string> ids;
  json::array& types = o["ticket_types"].as_array();
  for (std::size_t i = 0; i < c.ticket_types.size(); ++i) {
    const TicketType& t = c.ticket_types[i];
    b.saw(t);
    ids.push_back(t.id);
    json::object& type = types[i].as_object();
    type["quantity_sold"] = b.hole(Field::QuantitySold, {t.id});
    type["status"] = b.hole(Field::Status, {t.id});
  }
  o["is_sold_out"] = b.hole(Field::SoldOut, std::move(ids));
  return o;
}

json::array cards_template(const std::vector<EventCard>& cards, TemplateBuilder& b) {
  json::array a;
  a.reserve(cards.size());
  for (const auto& c : cards) a.push_back(card_template(c, b));
  return a;
}

json::object detail_template(const EventDetail& d, TemplateBuilder& b) {
  json::object o = event_detail_json(d);
  json::array& types = o["ticket_types"].as_array();
  for (std::size_t i = 0; i < d.ticket_types.size(); ++i) {
    const TicketType& t = d.ticket_types[i];
    b.saw(t);
    json::object& type = types[i].as_object();
    type["quantity_sold"] = b.hole(Field::QuantitySold, {t.id});
    type["available"] = b.hole(Field::Available, {t.id});
    type["status"] = b.hole(Field::Status, {t.id});
  }
  return o;
}

EventQuery list_query(http::Request& req, http::PageRequest& page) {
  page = http::parse_page(req);
  EventQuery q;
  q.page = page.page;
  q.limit = page.limit;
  q.category = http::query_text(req, "category");
  q.search = http::query_text(req, "search");
  const std::string* upcoming = req.query_param("upcoming");
  q.upcoming = upcoming && (*upcoming == "true" || *upcoming == "1");
  return q;
}

}  // namespace

void register_event_routes(http::Router& r, CatalogService& catalog) {
  // The catalogue's pages show types, no seats.
  auto types_availability = [&catalog](const PageTemplate& page, bool release_expired) {
    Availability out;
    out.types = catalog.availability(page.type_ids, release_expired);
    return out;
  };
  auto list_availability = [types_availability](const PageTemplate& page) {
    return types_availability(page, false);
  };
  r.get(
      "/api/events", http::Access::Public,
      [&catalog, list_availability](http::Request& req) {
        // Validation first: only well-formed queries reach the cache.
        http::PageRequest page;
        const EventQuery q = list_query(req, page);
        return cached_page(
            catalog.cache(), CatalogService::cache_key(q),
            [&](TemplateBuilder& b) {
              EventPage result = catalog.list(q);
              return http::paged(cards_template(result.items, b), page, result.total);
            },
            list_availability);
      },
      [&catalog](http::Request& req) {
        http::PageRequest page;
        return peek_cached(catalog.cache(), CatalogService::cache_key(list_query(req, page)));
      });

  r.get(
      "/api/events/featured", http::Access::Public,
      [&catalog, list_availability](http::Request&) {
        return cached_page(
            catalog.cache(), "featured",
            [&](TemplateBuilder& b) { return http::ok(cards_template(catalog.featured(), b)); },
            list_availability);
      },
      [&catalog](http::Request&) { return peek_cached(catalog.cache(), "featured"); });

  r.get(
      "/api/events/:id", http::Access::Public,
      [&catalog, types_availability](http::Request& req) {
        const std::string& id = req.param("id");
        return cached_page(
            catalog.cache(), "event/" + id,
            [&](TemplateBuilder& b) { return http::ok(detail_template(catalog.detail(id), b)); },
            [types_availability](const PageTemplate& page) {
              return types_availability(page, true);
            });
      },
      [&catalog](http::Request& req) {
        return peek_cached(catalog.cache(), "event/" + req.param("id"));
      });
}

}  // namespace evient::api
