#include "store/idempotency_repo.hpp"

#include "store/params.hpp"

namespace evient::store::idempotency {
namespace {

// ON CONFLICT keeps the transaction usable on PostgreSQL (a failed INSERT would
// abort it); a concurrent duplicate waits on the key and then inserts nothing.
constexpr const char* kTryInsert =
    "INSERT INTO idempotency_keys (user_id, key, request_hash, status, created_at) "
    "VALUES ($1, $2, $3, 'in_progress', $4) ON CONFLICT (user_id, key) DO NOTHING";
constexpr const char* kFind =
    "SELECT request_hash, status, response_status, response_body, created_at "
    "FROM idempotency_keys WHERE user_id = $1 AND key = $2";
constexpr const char* kTakeOverStale =
    "UPDATE idempotency_keys SET request_hash = $3, created_at = $5 "
    "WHERE user_id = $1 AND key = $2 AND status = 'in_progress' AND created_at < $4";
constexpr const char* kComplete =
    "UPDATE idempotency_keys SET status = 'completed', response_body = $3 "
    "WHERE user_id = $1 AND key = $2";
constexpr const char* kRemoveInProgress =
    "DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND status = 'in_progress'";
constexpr const char* kRemoveOlderThan = "DELETE FROM idempotency_keys WHERE created_at < $1";

}  // namespace

bool try_insert(Tx& tx, const std::string& user_id, const std::string& key,
                const std::string& request_hash, Timestamp now) {
  return tx.exec(kTryInsert, {user_id, key, request_hash, ts(now)}).affected() == 1;
}

std::optional<KeyRecord> find(Tx& tx, const std::string& user_id, const std::string& key) {
  Result r = tx.exec(kFind, {user_id, key});
  if (r.empty()) return std::nullopt;
  // response_status is set only by versions that kept a whole HTTP response;
  // such a body is not a result this version can read.
  const auto row = r[0];
  return KeyRecord{row.text("request_hash"), row.text("status") == "completed",
                   row.is_null("response_status") ? row.opt_text("response_body") : std::nullopt,
                   row.time("created_at")};
}

bool take_over_stale(Tx& tx, const std::string& user_id, const std::string& key,
                     const std::string& request_hash, Timestamp stale_before, Timestamp now) {
  return tx.exec(kTakeOverStale, {user_id, key, request_hash, ts(stale_before), ts(now)})
             .affected() == 1;
}

void complete(Tx& tx, const std::string& user_id, const std::string& key,
              const std::string& result) {
  tx.exec(kComplete, {user_id, key, result});
}

void remove_in_progress(Tx& tx, const std::string& user_id, const std::string& key) {
  tx.exec(kRemoveInProgress, {user_id, key});
}

std::int64_t remove_older_than(Tx& tx, Timestamp cutoff) {
  return tx.exec(kRemoveOlderThan, {ts(cutoff)}).affected();
}

}  // namespace evient::store::idempotency
