#pragma once
// HS256 bearer tokens (libjwt). Only HS256 is accepted when verifying: a token
// with alg "none" or any other algorithm is rejected.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace evient {

struct TokenClaims {
  std::string user_id;             // sub
  std::string role;                // role
  std::int64_t token_version = 0;  // ver: bumped on password change / deactivation
  Timestamp issued_at{};           // iat
  Timestamp expires_at{};          // exp
  std::string token_id;            // jti: names one token, so logout can end it; "" in old tokens
};

class TokenSigner {
 public:
  TokenSigner(std::string secret, std::chrono::seconds ttl);
  std::string sign(const TokenClaims& claims) const;  // fills iat/exp from `now`
  // A new token with a random jti.
  std::string issue(std::string user_id, std::string role, std::int64_t version,
                    Timestamp now) const;
  // nullopt when malformed, wrongly signed, not HS256, or expired at `now`.
  std::optional<TokenClaims> verify(std::string_view token, Timestamp now) const;
  std::chrono::seconds ttl() const { return ttl_; }

 private:
  std::string secret_;
  std::chrono::seconds ttl_;
};

}  // namespace evient
