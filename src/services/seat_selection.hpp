#pragma once
// Pure rules of seated events: row labels, and which seats "best available"
// gives a buyer who asks for a quantity without choosing.
//
// Best: `quantity` seats side by side (consecutive numbers, one row), all
// available. Blocks are ranked by row, front first (row A is nearest the
// stage), then by how far the block's centre is from the row's centre, then by
// the lower seat number. So the front-centre block wins, and a buyer is never
// split across rows or around a gap.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/models.hpp"

namespace evient::seat_selection {

// 0 -> "A", 25 -> "Z", 26 -> "AA", 27 -> "AB", ... (spreadsheet columns).
std::string row_label(std::int64_t index);
// The inverse; nullopt for anything but upper-case letters.
std::optional<std::int64_t> row_index(std::string_view label);

// The seats of a room of `rows` x `seats_per_row`, front row first, all active,
// ids left empty.
std::vector<Seat> layout(std::int64_t rows, std::int64_t seats_per_row);

// Up to `max_blocks` blocks of `quantity` adjacent seats among `available`
// (seats of one room, any order), best first; each block's seat ids in seat
// order. Empty when no row has that many together.
std::vector<std::vector<std::string>> best_blocks(const std::vector<Seat>& available,
                                                  std::int64_t quantity, std::int64_t seats_per_row,
                                                  std::size_t max_blocks);

}  // namespace evient::seat_selection
