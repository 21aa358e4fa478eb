#include "store/banners_repo.hpp"

#include "store/bulk_insert.hpp"
#include "store/params.hpp"
#include "store/rows.hpp"

namespace evient::store::banners {
namespace {

const std::string kSelect = std::string("SELECT ") + rows::kBannerColumns + " FROM banners b";
const std::string kListActive =
    kSelect +
    " WHERE b.is_active = TRUE AND b.is_homepage = TRUE ORDER BY b.priority DESC, b.id ASC";
const std::string kListAll = kSelect + " ORDER BY b.priority DESC, b.id ASC LIMIT $1 OFFSET $2";
const std::string kFind = kSelect + " WHERE b.id = $1";
constexpr const char* kCountAll = "SELECT COUNT(*) FROM banners";
constexpr const char* kInsertHead =
    "INSERT INTO banners (title, image_url, link_url, event_id, priority, is_active, created_at, "
    "updated_at, is_homepage)";
const std::string kInsert = insert_values_sql(kInsertHead, 1) + " RETURNING id";
constexpr const char* kUpdate =
    "UPDATE banners SET title = $2, image_url = $3, link_url = $4, event_id = $5, priority = $6, "
    "is_active = $7, updated_at = $8, is_homepage = $9 WHERE id = $1";
constexpr const char* kDelete = "DELETE FROM banners WHERE id = $1";

// The parameters of kInsertHead, in its order.
std::vector<Param> banner_params(const Banner& b) {
  return {text_or_null(b.title),
          text_or_null(b.image_url),
          text_or_null(b.link_url),
          text_or_null(b.event_id),
          b.priority,
          b.is_active,
          ts(b.created_at),
          ts(b.updated_at),
          b.is_homepage};
}

}  // namespace

std::vector<Banner> list_active(Tx& tx) {
  return rows::all(tx.exec(kListActive), rows::banner);
}

std::vector<Banner> list_all(Tx& tx, std::int64_t limit, std::int64_t offset) {
  return rows::all(tx.exec(kListAll, {limit, offset}), rows::banner);
}

std::int64_t count_all(Tx& tx) {
  return tx.exec(kCountAll)[0].i64(0);
}

std::optional<Banner> find(Tx& tx, std::int64_t id) {
  Result r = tx.exec(kFind, {id});
  if (r.empty()) return std::nullopt;
  return rows::banner(r[0]);
}

std::optional<Banner> find_for_update(Tx& tx, std::int64_t id) {
  Result r = tx.exec(kFind + std::string(tx.dialect().lock_rows), {id});
  if (r.empty()) return std::nullopt;
  return rows::banner(r[0]);
}

std::int64_t insert(Tx& tx, const Banner& b) {
  return tx.exec(kInsert, banner_params(b))[0].i64(0);
}

void insert_many(Tx& tx, const std::vector<Banner>& banners) {
  BulkInsert bulk(tx, kInsertHead);
  for (const auto& b : banners) bulk.add(banner_params(b));
  bulk.flush();
}

void update(Tx& tx, const Banner& b) {
  tx.exec(kUpdate,
          {b.id, text_or_null(b.title), text_or_null(b.image_url), text_or_null(b.link_url),
           text_or_null(b.event_id), b.priority, b.is_active, ts(b.updated_at), b.is_homepage});
}

void remove(Tx& tx, std::int64_t id) {
  tx.exec(kDelete, {id});
}

}  // namespace evient::store::banners
