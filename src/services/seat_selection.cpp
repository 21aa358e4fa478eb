#include "services/seat_selection.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace evient::seat_selection {

std::string row_label(std::int64_t index) {
  std::string out;
  for (std::int64_t n = index + 1; n > 0; n = (n - 1) / 26) {
    out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return out;
}

std::optional<std::int64_t> row_index(std::string_view label) {
  if (label.empty() || label.size() > 4) return std::nullopt;
  std::int64_t n = 0;
  for (char c : label) {
    if (c < 'A' || c > 'Z') return std::nullopt;
    n = n * 26 + (c - 'A' + 1);
  }
  return n - 1;
}

std::vector<Seat> layout(std::int64_t rows, std::int64_t seats_per_row) {
  std::vector<Seat> out;
  out.reserve(static_cast<std::size_t>(std::max<std::int64_t>(rows * seats_per_row, 0)));
  for (std::int64_t r = 0; r < rows; ++r) {
    const std::string label = row_label(r);
    for (std::int64_t n = 1; n <= seats_per_row; ++n) {
      Seat s;
      s.row = label;
      s.row_index = r;
      s.number = n;
      out.push_back(std::move(s));
    }
  }
  return out;
}

std::vector<std::vector<std::string>> best_blocks(const std::vector<Seat>& available,
                                                  std::int64_t quantity, std::int64_t seats_per_row,
                                                  std::size_t max_blocks) {
  std::vector<std::vector<std::string>> out;
  if (quantity <= 0 || max_blocks == 0) return out;
  // Seats by (row, number).
  std::map<std::pair<std::int64_t, std::int64_t>, const Seat*> by_place;
  for (const auto& s : available) by_place[{s.row_index, s.number}] = &s;

  // (row, twice the distance of the block's centre from the row's, first number)
  using Score = std::tuple<std::int64_t, std::int64_t, std::int64_t>;
  std::vector<std::pair<Score, std::vector<const Seat*>>> blocks;
  std::vector<const Seat*> run;
  std::int64_t run_row = -1;
  auto collect = [&] {
    const auto n = static_cast<std::size_t>(quantity);
    for (std::size_t i = 0; n <= run.size() && i <= run.size() - n; ++i) {
      const Seat* first = run[i];
      const Seat* last = run[i + n - 1];
      const std::int64_t off_centre = first->number + last->number - (seats_per_row + 1);
      std::vector<const Seat*> block(run.begin() + static_cast<std::ptrdiff_t>(i),
                                     run.begin() + static_cast<std::ptrdiff_t>(i + n));
      blocks.emplace_back(
          Score{first->row_index, off_centre < 0 ? -off_centre : off_centre, first->number},
          std::move(block));
    }
    run.clear();
  };
  for (const auto& [place, seat] : by_place) {
    const bool continues =
        !run.empty() && place.first == run_row && place.second == run.back()->number + 1;
    if (!continues) collect();
    run_row = place.first;
    run.push_back(seat);
  }
  collect();

  std::stable_sort(blocks.begin(), blocks.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [score, seats] : blocks) {
    if (out.size() == max_blocks) break;
    std::vector<std::string> ids;
    for (const Seat* s : seats) ids.push_back(s->id);
    out.push_back(std::move(ids));
  }
  return out;
}

}  // namespace evient::seat_selection
