#pragma once
// The seats of seated lines at checkout, and what happens to them when an
// order is paid, released or refunded. Called inside the caller's transaction,
// after the line's ticket type counter was reserved (the type's row lock comes
// first, as everywhere else, so seat claims never deadlock with releases).
#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "domain/models.hpp"
#include "services/store_handles.hpp"

namespace evient::seat_checkout {

// How many best-available blocks are tried before giving up.
inline constexpr std::size_t kBlocksTried = 3;

// Holds the line's seats for `order_id` until `held_until` and returns their
// ids (none when the type is not seated). With `seat_ids`, exactly those: 422
// SEAT_NOT_IN_TYPE when one is not the type's, 409 SEAT_UNAVAILABLE (data
// {seat_ids: the taken ones}) when one is not available. Without, the best
// `quantity` seats side by side (seat_selection.hpp): 409 SEATS_NOT_TOGETHER
// when no row has that many together. On a throw the caller rolls back, so
// nothing stays held.
// `seated`: whether the type is sold by seat (SellableType::is_seated).
std::vector<std::string> hold_line(store::Tx& tx, bool seated, const std::string& order_id,
                                   const std::string& event_id, const std::string& ticket_type_id,
                                   std::int64_t quantity, const std::vector<std::string>& seat_ids,
                                   Timestamp held_until);

// The order's seats onto its item views (after they were recorded).
void attach_seats(store::Tx& tx, Order& order);

}  // namespace evient::seat_checkout
