#pragma once
// Tokens ended before they expire, by jti (POST /api/auth/logout and refresh).
#include <cstdint>
#include <string>

#include "store/db.hpp"

namespace evient::store::revoked_tokens {

// Records the token as ended until `expires_at`; a second call changes nothing.
void revoke(Tx& tx, const std::string& token_id, const std::string& user_id, Timestamp expires_at);
bool is_revoked(Tx& tx, const std::string& token_id);
// Forgets tokens that have expired by `now` (they fail verification anyway).
std::int64_t remove_expired(Tx& tx, Timestamp now);

}  // namespace evient::store::revoked_tokens
