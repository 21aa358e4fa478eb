#pragma once
// The domain's models: rows as the services see them, with statuses as enums
// (domain/status.hpp). Money is in minor units (core/money.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/money.hpp"
#include "domain/status.hpp"

namespace evient {

struct User {
  std::string id;
  std::string email;
  std::string password_hash;
  std::optional<std::string> full_name;
  std::optional<std::string> avatar_url;
  Role role = Role::User;
  Timestamp created_at{};
  Timestamp updated_at{};
  bool is_active = true;
  std::int64_t token_version = 0;
};

struct Event {
  std::string id;
  std::string title;
  std::string slug;
  std::optional<std::string> description;
  std::optional<std::string> content;  // sanitised HTML
  std::optional<std::string> location;
  std::optional<Timestamp> start_time;
  std::optional<Timestamp> end_time;
  std::optional<std::string> banner_image;
  std::optional<std::string> thumbnail_image;
  std::optional<std::string> category;
  EventStatus status = EventStatus::Draft;
  bool is_hot = false;
  Timestamp created_at{};
  Timestamp updated_at{};
};

struct TicketType {
  std::string id;
  std::string event_id;
  std::string name;
  std::optional<std::string> description;
  Minor price = 0;
  std::optional<Minor> original_price;
  std::int64_t quantity_total = 0;
  std::int64_t quantity_sold = 0;
  TicketTypeStatus status = TicketTypeStatus::Active;
  std::int64_t sort_order = 0;
  Timestamp created_at{};
  Timestamp updated_at{};

  std::int64_t available() const {
    return quantity_total > quantity_sold ? quantity_total - quantity_sold : 0;
  }
  // What the public sees: a sold-out type says so whatever its stored status.
  TicketTypeStatus effective_status() const {
    if (status == TicketTypeStatus::Hidden) return status;
    return quantity_sold >= quantity_total ? TicketTypeStatus::SoldOut : status;
  }
};

// An event as a list card: without `content`, with what a buyer scans for.
struct EventCard {
  Event event;
  std::optional<Minor> min_price;  // cheapest non-hidden ticket type
  bool is_sold_out = false;        // no non-hidden type has anything left
  // Its visible types (store::events::attach_visible_types), for clients that
  // show them on the card (the organisers' React client).
  std::vector<TicketType> ticket_types;
};

struct Banner {
  std::int64_t id = 0;
  std::optional<std::string> title;
  std::optional<std::string> image_url;
  std::optional<std::string> link_url;
  std::optional<std::string> event_id;
  std::int64_t priority = 0;
  bool is_active = true;
  bool is_homepage = true;  // shown in the home page carousel
  Timestamp created_at{};
  Timestamp updated_at{};
};

struct Notification {
  std::string id;
  std::string user_id;
  std::optional<std::string> title;
  std::optional<std::string> message;
  NotificationType type = NotificationType::System;
  bool is_read = false;
  Timestamp created_at{};
};

// A seat as a ticket names it.
struct SeatRef {
  std::string id;
  std::string room;  // the room's name
  std::string row;   // "A", "B", ... "Z", "AA", ...
  std::int64_t number = 0;
};

struct OrderItem {
  std::string id;
  std::string order_id;
  std::string ticket_type_id;
  std::string event_id;
  std::int64_t quantity = 0;
  Minor unit_price = 0;
  std::string ticket_type_name;  // joined for display
  std::string event_title;       // joined for display
  std::vector<SeatRef> seats;    // a seated type's chosen seats
};

struct Order {
  std::string id;
  std::string user_id;
  Minor total_amount = 0;
  OrderStatus status = OrderStatus::Pending;
  std::optional<std::string> payment_method;
  std::optional<std::string> payment_transaction_id;
  Timestamp created_at{};
  Timestamp updated_at{};
  std::optional<Timestamp> expires_at;
  std::optional<Timestamp> paid_at;
  bool refund_required = false;
  // Taken by a test provider (the sandbox): no money moved; not revenue.
  bool is_test = false;
  // Where it was placed from (core/client_address.hpp client_key); bounds the
  // unpaid holds of one address. Not shown to anyone.
  std::optional<std::string> client_address;
  std::vector<OrderItem> items;
};

struct Ticket {
  std::string id;
  std::string order_id;
  std::string ticket_type_id;
  std::string user_id;
  std::string event_id;
  std::string ticket_code;
  TicketStatus status = TicketStatus::Valid;
  std::optional<Timestamp> used_at;
  Minor price_at_purchase = 0;
  Timestamp created_at{};
  std::optional<SeatRef> seat;  // a seated event's ticket
};

struct Seat {
  std::string id;
  std::string room_id;
  std::string row;
  std::int64_t row_index = 0;  // 0 = "A", the front
  std::int64_t number = 0;     // from 1
  bool is_active = true;
};

struct Room {
  std::string id;
  std::string name;
  std::int64_t rows = 0;
  std::int64_t seats_per_row = 0;
  bool is_active = true;
  Timestamp created_at{};
  Timestamp updated_at{};
  std::vector<Seat> seats;  // row by row, front first
};

// A ticket as the wallet shows it: with its event and type name.
struct WalletTicket {
  Ticket ticket;
  Event event;  // id, title, slug, times, location and images only
  std::string ticket_type_name;
  bool is_test = false;  // its order is a test order
};

}  // namespace evient
