#pragma once
// Accounts: registration, login, token checks and the caller's own profile.
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/jwt.hpp"
#include "core/rate_limiter.hpp"
#include "domain/models.hpp"
#include "services/password_hasher.hpp"
#include "services/store_handles.hpp"

namespace evient {

struct AuthResult {
  std::string token;
  User user;
};

struct ProfileUpdate {
  std::optional<std::string> full_name;
  // Outer optional: field given; inner: null clears the avatar.
  std::optional<std::optional<std::string>> avatar_url;
  std::optional<std::string> old_password;
  std::optional<std::string> new_password;
};

struct ProfileResult {
  User user;
  std::optional<std::string> token;  // a fresh token when the password changed
};

class AuthService {
 public:
  AuthService(store::Database& db, const Clock& clock, const Config& config);

  // At most EVIENT_REGISTER_RATE accounts per minute per client address.
  AuthResult register_user(const std::string& email, const std::string& password,
                           const std::string& full_name, const std::string& client_ip);
  // Failed attempts are limited per (client address, email) and per client
  // address, never per email alone: nobody can lock an account's owner out
  // from elsewhere.
  AuthResult login(const std::string& email, const std::string& password,
                   const std::string& client_ip);
  // Ends the token (by its jti) before it expires.
  void logout(std::string_view token);
  // A new token for a valid one, which ends.
  AuthResult refresh(std::string_view token);
  // Deletes the records of ended tokens that have expired anyway.
  void sweep_revoked_tokens();
  // The caller behind a bearer token, re-checked against the database: a
  // deactivated user or a token issued before a password change is refused.
  User authenticate(std::string_view token);
  User profile(const std::string& user_id);
  // A wrong old_password counts like a failed login, per account.
  ProfileResult update_profile(const std::string& user_id, const ProfileUpdate& update);

  std::string issue_token(const User& user) const;
  // Argon2id on the hashing threads (services/password_hasher.hpp): each holds
  // 19 MiB and a whole core; a full queue is a 503.
  std::string hash_password(const std::string& password);
  bool verify_password(const std::string& hash, const std::string& password);
  const TokenSigner& signer() const { return signer_; }

 private:
  store::Database& db_;
  const Clock& clock_;
  TokenSigner signer_;
  RateLimiter login_failures_;     // per (client address, email)
  RateLimiter login_ip_failures_;  // per client address
  RateLimiter password_failures_;  // wrong old_password, per account
  RateLimiter registrations_;      // per client address
  PasswordHasher hasher_;
  std::string dummy_hash_;  // verified against when the email is unknown (equal timing)

  // What authenticate() read for a (user, token id), stamped with
  // Database::account_generation() from before the read; used only while
  // that has not moved and the database sees other processes' account changes
  // (PostgreSQL's LISTEN). Bounded: cleared when full.
  struct CachedOwner;
  static constexpr std::size_t kMaxCachedOwners = 20000;
  std::mutex owners_mutex_;
  std::unordered_map<std::string, std::shared_ptr<const CachedOwner>> owners_;
};

// Lower-cases and trims; the one place emails are normalised.
std::string normalize_email(std::string_view email);

}  // namespace evient
