#include "store/audit_repo.hpp"

#include "store/params.hpp"

namespace evient::store::audit {
namespace {

constexpr const char* kInsert =
    "INSERT INTO audit_log (id, actor_id, action, entity_type, entity_id, before_json, "
    "after_json, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
constexpr const char* kSelect =
    "SELECT id, actor_id, action, entity_type, entity_id, before_json, after_json, created_at "
    "FROM audit_log";

void apply_filter(QueryBuilder& q, const Filter& f) {
  if (f.entity_type) q.where("entity_type = " + q.bind(*f.entity_type));
  if (f.entity_id) q.where("entity_id = " + q.bind(*f.entity_id));
}

}  // namespace

void insert(Tx& tx, const Entry& e) {
  tx.exec(kInsert, {e.id, text_or_null(e.actor_id), e.action, e.entity_type, e.entity_id,
                    text_or_null(e.before_json), text_or_null(e.after_json), ts(e.created_at)});
}

std::vector<Entry> list(Tx& tx, const Filter& f, std::int64_t limit, std::int64_t offset) {
  QueryBuilder q;
  apply_filter(q, f);
  const std::string sql = kSelect + q.where_clause() + " ORDER BY created_at DESC, id DESC LIMIT " +
                          q.bind(limit) + " OFFSET " + q.bind(offset);
  Result r = tx.exec(sql, q.params());
  std::vector<Entry> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) {
    Entry e;
    e.id = r[i].text("id");
    e.actor_id = r[i].opt_text("actor_id");
    e.action = r[i].text("action");
    e.entity_type = r[i].text("entity_type");
    e.entity_id = r[i].text("entity_id");
    e.before_json = r[i].opt_text("before_json");
    e.after_json = r[i].opt_text("after_json");
    e.created_at = r[i].time("created_at");
    out.push_back(std::move(e));
  }
  return out;
}

std::int64_t count(Tx& tx, const Filter& f) {
  QueryBuilder q;
  apply_filter(q, f);
  return tx.exec("SELECT COUNT(*) FROM audit_log" + q.where_clause(), q.params())[0].i64(0);
}

}  // namespace evient::store::audit
