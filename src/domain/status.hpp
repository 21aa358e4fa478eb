#pragma once
// The closed sets of values the domain works with, as enums. Their text (the
// same in the database and in JSON) is read and written only at the edges:
// the store's mappers and parameters, the serializers, and request parsing in
// api/, through to_text() and parse<E>().
#include <array>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace evient {

enum class Role { User, Admin };
enum class EventStatus { Draft, Published, Completed, Cancelled };
enum class OrderStatus { Pending, Paid, Cancelled, Refunded };
enum class TicketStatus { Valid, Used, Cancelled };
enum class TicketTypeStatus { Active, Hidden, SoldOut };
// The door's verdict on a ticket (services/scanner_service.hpp).
enum class ScanReason { Ok, AlreadyUsed, Cancelled, WrongEvent, EventNotToday, EventNotOn };
enum class NotificationType { System, Order, Promotion };
// A seat of a seated event (store: event_seats.state). Disabled: the room's
// seat is switched off, or the seat is in no ticket type's zone.
enum class SeatState { Available, Held, Sold, Blocked, Disabled };

// Each enum's values with their text, in declaration order.
template <class E>
struct EnumText;

template <>
struct EnumText<Role> {
  static constexpr std::string_view kWhat = "role";
  static constexpr std::array<std::pair<Role, std::string_view>, 2> kValues = {
      {{Role::User, "user"}, {Role::Admin, "admin"}}};
};
template <>
struct EnumText<EventStatus> {
  static constexpr std::string_view kWhat = "event status";
  static constexpr std::array<std::pair<EventStatus, std::string_view>, 4> kValues = {
      {{EventStatus::Draft, "draft"},
       {EventStatus::Published, "published"},
       {EventStatus::Completed, "completed"},
       {EventStatus::Cancelled, "cancelled"}}};
};
template <>
struct EnumText<OrderStatus> {
  static constexpr std::string_view kWhat = "order status";
  static constexpr std::array<std::pair<OrderStatus, std::string_view>, 4> kValues = {
      {{OrderStatus::Pending, "pending"},
       {OrderStatus::Paid, "paid"},
       {OrderStatus::Cancelled, "cancelled"},
       {OrderStatus::Refunded, "refunded"}}};
};
template <>
struct EnumText<TicketStatus> {
  static constexpr std::string_view kWhat = "ticket status";
  static constexpr std::array<std::pair<TicketStatus, std::string_view>, 3> kValues = {
      {{TicketStatus::Valid, "valid"},
       {TicketStatus::Used, "used"},
       {TicketStatus::Cancelled, "cancelled"}}};
};
template <>
struct EnumText<TicketTypeStatus> {
  static constexpr std::string_view kWhat = "ticket type status";
  static constexpr std::array<std::pair<TicketTypeStatus, std::string_view>, 3> kValues = {
      {{TicketTypeStatus::Active, "active"},
       {TicketTypeStatus::Hidden, "hidden"},
       {TicketTypeStatus::SoldOut, "sold_out"}}};
};
template <>
struct EnumText<ScanReason> {
  static constexpr std::string_view kWhat = "scan reason";
  static constexpr std::array<std::pair<ScanReason, std::string_view>, 6> kValues = {
      {{ScanReason::Ok, "OK"},
       {ScanReason::AlreadyUsed, "ALREADY_USED"},
       {ScanReason::Cancelled, "CANCELLED"},
       {ScanReason::WrongEvent, "WRONG_EVENT"},
       {ScanReason::EventNotToday, "EVENT_NOT_TODAY"},
       {ScanReason::EventNotOn, "EVENT_NOT_ON"}}};
};
template <>
struct EnumText<NotificationType> {
  static constexpr std::string_view kWhat = "notification type";
  static constexpr std::array<std::pair<NotificationType, std::string_view>, 3> kValues = {
      {{NotificationType::System, "system"},
       {NotificationType::Order, "order"},
       {NotificationType::Promotion, "promotion"}}};
};

template <>
struct EnumText<SeatState> {
  static constexpr std::string_view kWhat = "seat state";
  static constexpr std::array<std::pair<SeatState, std::string_view>, 5> kValues = {
      {{SeatState::Available, "available"},
       {SeatState::Held, "held"},
       {SeatState::Sold, "sold"},
       {SeatState::Blocked, "blocked"},
       {SeatState::Disabled, "disabled"}}};
};

template <class E>
constexpr std::string_view to_text(E value) {
  for (const auto& [v, text] : EnumText<E>::kValues) {
    if (v == value) return text;
  }
  return {};  // unreachable: every value has its text
}

// The value whose text is `text`, or nullopt (request parsing: 422).
template <class E>
constexpr std::optional<E> parse(std::string_view text) {
  for (const auto& [v, t] : EnumText<E>::kValues) {
    if (t == text) return v;
  }
  return std::nullopt;
}

// The value whose text is `text`; throws std::invalid_argument otherwise (text
// the application wrote itself, such as a stored row).
template <class E>
E parse_or_throw(std::string_view text) {
  if (auto v = parse<E>(text)) return *v;
  throw std::invalid_argument("unknown " + std::string(EnumText<E>::kWhat) + " '" +
                              std::string(text) + "'");
}

}  // namespace evient
