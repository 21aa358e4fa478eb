// Row labels and "best available": front rows first, then the block nearest
// the row's centre, never split across rows or around a gap.
#include "services/seat_selection.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace evient {
namespace {

using seat_selection::best_blocks;

// A room's seats with ids "<row><number>" ("A1", "B12"), minus `taken`.
std::vector<Seat> free_seats(std::int64_t rows, std::int64_t per_row,
                             const std::set<std::string>& taken = {}) {
  std::vector<Seat> out;
  for (auto& s : seat_selection::layout(rows, per_row)) {
    s.id = s.row + std::to_string(s.number);
    if (!taken.count(s.id)) out.push_back(s);
  }
  return out;
}

using Ids = std::vector<std::string>;

TEST(SeatSelection, RowLabelsRunLikeSpreadsheetColumns) {
  EXPECT_EQ(seat_selection::row_label(0), "A");
  EXPECT_EQ(seat_selection::row_label(25), "Z");
  EXPECT_EQ(seat_selection::row_label(26), "AA");
  EXPECT_EQ(seat_selection::row_label(27), "AB");
  EXPECT_EQ(seat_selection::row_label(51), "AZ");
  EXPECT_EQ(seat_selection::row_label(52), "BA");
  EXPECT_EQ(seat_selection::row_label(99), "CV");
  for (std::int64_t i = 0; i < 800; ++i) {
    EXPECT_EQ(seat_selection::row_index(seat_selection::row_label(i)), i) << i;
  }
  EXPECT_FALSE(seat_selection::row_index(""));
  EXPECT_FALSE(seat_selection::row_index("a"));
  EXPECT_FALSE(seat_selection::row_index("A1"));
}

TEST(SeatSelection, LayoutIsRowByRowFrontFirst) {
  auto seats = seat_selection::layout(2, 3);
  ASSERT_EQ(seats.size(), 6u);
  EXPECT_EQ(seats[0].row, "A");
  EXPECT_EQ(seats[0].number, 1);
  EXPECT_EQ(seats[5].row, "B");
  EXPECT_EQ(seats[5].row_index, 1);
  EXPECT_EQ(seats[5].number, 3);
}

TEST(SeatSelection, TheFrontCentreBlockWins) {
  EXPECT_EQ(best_blocks(free_seats(3, 8), 2, 8, 1), (std::vector<Ids>{{"A4", "A5"}}));
  EXPECT_EQ(best_blocks(free_seats(3, 9), 3, 9, 1), (std::vector<Ids>{{"A4", "A5", "A6"}}));
  // An odd block in an even row: both nearest blocks are as central; the lower one wins.
  EXPECT_EQ(best_blocks(free_seats(3, 8), 3, 8, 2),
            (std::vector<Ids>{{"A3", "A4", "A5"}, {"A4", "A5", "A6"}}));
}

TEST(SeatSelection, ANearerRowBeatsABetterCentre) {
  // Row A has only its edge left together; it still beats row B's centre.
  auto seats = free_seats(2, 8, {"A3", "A4", "A5", "A6", "A7", "A8"});
  EXPECT_EQ(best_blocks(seats, 2, 8, 1), (std::vector<Ids>{{"A1", "A2"}}));
  EXPECT_EQ(best_blocks(seats, 3, 8, 1), (std::vector<Ids>{{"B3", "B4", "B5"}}));
}

TEST(SeatSelection, NeverAcrossAGapOrARow) {
  // A: 1 2 _ 4 5 _ 7 8 ; B: all taken but B8 ; C: C1 only.
  auto seats = free_seats(3, 8,
                          {"A3", "A6", "B1", "B2", "B3", "B4", "B5", "B6", "B7", "C2", "C3", "C4",
                           "C5", "C6", "C7", "C8"});
  auto blocks = best_blocks(seats, 2, 8, 10);
  EXPECT_EQ(blocks, (std::vector<Ids>{{"A4", "A5"}, {"A1", "A2"}, {"A7", "A8"}}));
  EXPECT_TRUE(best_blocks(seats, 3, 8, 10).empty());
  // A8 and B1 are not side by side, nor are B8 and C1.
  EXPECT_EQ(best_blocks(free_seats(2, 8,
                                   {"A1", "A2", "A3", "A4", "A5", "A6", "A7", "B2", "B3", "B4",
                                    "B5", "B6", "B7", "B8"}),
                        2, 8, 10),
            std::vector<Ids>{});
}

TEST(SeatSelection, OneSeatIsTheMostCentralFreeOne) {
  auto seats = free_seats(2, 7, {"A4"});
  EXPECT_EQ(best_blocks(seats, 1, 7, 3), (std::vector<Ids>{{"A3"}, {"A5"}, {"A2"}}));
}

TEST(SeatSelection, BoundsAndOrderOfInput) {
  EXPECT_TRUE(best_blocks(free_seats(2, 4), 0, 4, 3).empty());
  EXPECT_TRUE(best_blocks(free_seats(2, 4), 5, 4, 3).empty());
  EXPECT_TRUE(best_blocks(free_seats(2, 4), 2, 4, 0).empty());
  EXPECT_TRUE(best_blocks({}, 1, 4, 3).empty());
  auto seats = free_seats(2, 4);
  std::reverse(seats.begin(), seats.end());  // any order in
  EXPECT_EQ(best_blocks(seats, 4, 4, 5),
            (std::vector<Ids>{{"A1", "A2", "A3", "A4"}, {"B1", "B2", "B3", "B4"}}));
}

}  // namespace
}  // namespace evient
