#include "store/revoked_tokens_repo.hpp"

#include "store/params.hpp"

namespace evient::store::revoked_tokens {

void revoke(Tx& tx, const std::string& token_id, const std::string& user_id, Timestamp expires_at) {
  tx.exec(
      "INSERT INTO revoked_tokens (token_id, user_id, expires_at) VALUES ($1, $2, $3) "
      "ON CONFLICT (token_id) DO NOTHING",
      {token_id, user_id, ts(expires_at)});
}

bool is_revoked(Tx& tx, const std::string& token_id) {
  return !tx.exec("SELECT 1 FROM revoked_tokens WHERE token_id = $1", {token_id}).empty();
}

std::int64_t remove_expired(Tx& tx, Timestamp now) {
  return tx.exec("DELETE FROM revoked_tokens WHERE expires_at <= $1", {ts(now)}).affected();
}

}  // namespace evient::store::revoked_tokens
