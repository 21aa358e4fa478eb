#include "core/jwt.hpp"

#include <jwt.h>

#include <cerrno>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <utility>

#include "core/crypto.hpp"

namespace evient {
namespace {

// Claims are passed through libjwt's `long`; 64-bit on every platform we build for.
static_assert(sizeof(long) == sizeof(std::int64_t));

// Far above any token we issue; stops a hostile header from costing parse time.
constexpr std::size_t kMaxTokenLength = 8192;

struct JwtFree {
  void operator()(jwt_t* jwt) const { jwt_free(jwt); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtFree>;

struct CharFree {
  void operator()(char* p) const { std::free(p); }
};

std::int64_t unix_seconds(Timestamp t) {
  return t.time_since_epoch().count();
}

Timestamp from_unix(long v) {
  return Timestamp(std::chrono::seconds(v));
}

// libjwt reports a missing integer grant only through errno.
std::optional<long> int_grant(jwt_t* jwt, const char* name) {
  errno = 0;
  long value = jwt_get_grant_int(jwt, name);
  if (errno == ENOENT) return std::nullopt;
  return value;
}

std::optional<std::string> string_grant(jwt_t* jwt, const char* name) {
  const char* value = jwt_get_grant(jwt, name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

std::optional<TokenClaims> read_claims(jwt_t* jwt) {
  auto sub = string_grant(jwt, "sub");
  auto role = string_grant(jwt, "role");
  auto ver = int_grant(jwt, "ver");
  auto iat = int_grant(jwt, "iat");
  auto exp = int_grant(jwt, "exp");
  if (!sub || !role || !ver || !iat || !exp) return std::nullopt;
  return TokenClaims{
      *sub, *role, *ver, from_unix(*iat), from_unix(*exp), string_grant(jwt, "jti").value_or("")};
}

}  // namespace

TokenSigner::TokenSigner(std::string secret, std::chrono::seconds ttl)
    : secret_(std::move(secret)), ttl_(ttl) {
  // libjwt refuses an empty HMAC key, so every sign() would fail later; say so now.
  if (secret_.empty()) throw std::invalid_argument("token secret must not be empty");
}

// Signs the claims as given; a caller that leaves expires_at unset gets
// issued_at + ttl, which is what issue() relies on.
std::string TokenSigner::sign(const TokenClaims& claims) const {
  jwt_t* raw = nullptr;
  if (jwt_new(&raw) != 0) throw std::runtime_error("jwt_new failed");
  JwtPtr jwt(raw);
  Timestamp exp = claims.expires_at == Timestamp{} ? claims.issued_at + ttl_ : claims.expires_at;
  auto key = reinterpret_cast<const unsigned char*>(secret_.data());
  bool failed =
      jwt_add_grant(jwt.get(), "sub", claims.user_id.c_str()) != 0 ||
      jwt_add_grant(jwt.get(), "role", claims.role.c_str()) != 0 ||
      jwt_add_grant_int(jwt.get(), "ver", claims.token_version) != 0 ||
      jwt_add_grant_int(jwt.get(), "iat", unix_seconds(claims.issued_at)) != 0 ||
      jwt_add_grant_int(jwt.get(), "exp", unix_seconds(exp)) != 0 ||
      (!claims.token_id.empty() && jwt_add_grant(jwt.get(), "jti", claims.token_id.c_str()) != 0) ||
      jwt_set_alg(jwt.get(), JWT_ALG_HS256, key, static_cast<int>(secret_.size())) != 0;
  if (failed) throw std::runtime_error("cannot build token");
  std::unique_ptr<char, CharFree> encoded(jwt_encode_str(jwt.get()));
  if (!encoded) throw std::runtime_error("cannot encode token");
  return encoded.get();
}

std::string TokenSigner::issue(std::string user_id, std::string role, std::int64_t version,
                               Timestamp now) const {
  return sign(TokenClaims{std::move(user_id), std::move(role), version, now, now + ttl_,
                          crypto::hex_encode(crypto::random_bytes(16))});
}

std::optional<TokenClaims> TokenSigner::verify(std::string_view token, Timestamp now) const {
  if (token.empty() || token.size() > kMaxTokenLength) return std::nullopt;
  if (token.find('\0') != std::string_view::npos) return std::nullopt;
  std::string terminated(token);
  jwt_t* raw = nullptr;
  int rc =
      jwt_decode(&raw, terminated.c_str(), reinterpret_cast<const unsigned char*>(secret_.data()),
                 static_cast<int>(secret_.size()));
  JwtPtr jwt(raw);
  // The allow-list: a valid signature under another algorithm (HS512 with our
  // secret, or "none") is still not a token we issued.
  if (rc != 0 || !jwt || jwt_get_alg(jwt.get()) != JWT_ALG_HS256) return std::nullopt;
  auto claims = read_claims(jwt.get());
  if (!claims || claims->expires_at <= now) return std::nullopt;
  return claims;
}

}  // namespace evient
