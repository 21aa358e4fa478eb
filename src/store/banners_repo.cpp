#include "store/banners_repo.hpp"

#include "store/params.hpp"

namespace evient::store::banners {
namespace {

constexpr const char* kColumns =
    "id, title, image_url, link_url, event_id, priority, is_active, created_at, updated_at";

Banner from_row(const Result::Row& r) {
  Banner b;
  b.id = r.i64(0);
  b.title = r.opt_text(1);
  b.image_url = r.opt_text(2);
  b.link_url = r.opt_text(3);
  b.event_id = r.opt_text(4);
  b.priority = r.i64(5);
  b.is_active = r.boolean(6);
  b.created_at = r.time(7);
  b.updated_at = r.time(8);
  return b;
}

std::vector<Banner> all(const Result& r) {
  std::vector<Banner> out;
  for (std::size_t i = 0; i < r.size(); ++i) out.push_back(from_row(r[i]));
  return out;
}

}  // namespace

std::vector<Banner> list_active(Tx& tx) {
  return all(tx.exec(std::string("SELECT ") + kColumns +
                     " FROM banners WHERE is_active = TRUE ORDER BY priority DESC, id ASC"));
}

std::vector<Banner> list_all(Tx& tx, std::int64_t limit, std::int64_t offset) {
  return all(tx.exec(std::string("SELECT ") + kColumns +
                         " FROM banners ORDER BY priority DESC, id ASC LIMIT $1 OFFSET $2",
                     {limit, offset}));
}

std::int64_t count_all(Tx& tx) {
  return tx.exec("SELECT COUNT(*) FROM banners")[0].i64(0);
}

std::optional<Banner> find(Tx& tx, std::int64_t id) {
  Result r = tx.exec(std::string("SELECT ") + kColumns + " FROM banners WHERE id = $1", {id});
  if (r.empty()) return std::nullopt;
  return from_row(r[0]);
}

std::int64_t insert(Tx& tx, const Banner& b) {
  Result r = tx.exec(
      "INSERT INTO banners (title, image_url, link_url, event_id, priority, is_active, created_at, "
      "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
      {text_or_null(b.title), text_or_null(b.image_url), text_or_null(b.link_url),
       text_or_null(b.event_id), b.priority, b.is_active, ts(b.created_at), ts(b.updated_at)});
  return r[0].i64(0);
}

void update(Tx& tx, const Banner& b) {
  tx.exec(
      "UPDATE banners SET title = $2, image_url = $3, link_url = $4, event_id = $5, priority = $6, "
      "is_active = $7, updated_at = $8 WHERE id = $1",
      {b.id, text_or_null(b.title), text_or_null(b.image_url), text_or_null(b.link_url),
       text_or_null(b.event_id), b.priority, b.is_active, ts(b.updated_at)});
}

void remove(Tx& tx, std::int64_t id) {
  tx.exec("DELETE FROM banners WHERE id = $1", {id});
}

}  // namespace evient::store::banners
