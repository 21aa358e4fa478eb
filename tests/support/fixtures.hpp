#pragma once
// Test data written straight through the store, for tests that need events and
// ticket types without going through the admin API.
#include <chrono>
#include <optional>
#include <string>

#include "app.hpp"
#include "domain/models.hpp"
#include "support/status_text.hpp"

namespace evient::test {

struct EventSpec {
  std::string title = "Test Event";
  std::string status = "published";
  std::string category = "Music";
  std::string location = "Hà Nội";
  std::string description = "A test event";
  std::chrono::seconds starts_in = std::chrono::hours(24 * 7);  // relative to the app clock
  std::chrono::seconds duration = std::chrono::hours(3);
  bool is_hot = false;
};

// Returns the created event (slug derived from the title plus a random suffix).
Event create_event(App& app, const EventSpec& spec = {});

struct TicketTypeSpec {
  std::string name = "GA";
  Minor price = 100000;
  std::int64_t quantity_total = 100;
  std::string status = "active";
  std::optional<Minor> original_price;
};

TicketType create_ticket_type(App& app, const std::string& event_id,
                              const TicketTypeSpec& spec = {});

}  // namespace evient::test
