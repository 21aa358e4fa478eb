#pragma once
// Accounts: registration, login, token checks and the caller's own profile.
#include <optional>
#include <semaphore>
#include <string>

#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/jwt.hpp"
#include "core/rate_limiter.hpp"
#include "domain/models.hpp"
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

  AuthResult register_user(const std::string& email, const std::string& password,
                           const std::string& full_name);
  AuthResult login(const std::string& email, const std::string& password,
                   const std::string& client_ip);
  // The caller behind a bearer token, re-checked against the database: a
  // deactivated user or a token issued before a password change is refused.
  User authenticate(std::string_view token);
  User profile(const std::string& user_id);
  ProfileResult update_profile(const std::string& user_id, const ProfileUpdate& update);

  std::string issue_token(const User& user) const;
  // Argon2id, at most one computation per core at a time: each holds 19 MiB and a
  // whole core, so more in parallel only adds memory and latency.
  std::string hash_password(const std::string& password);
  bool verify_password(const std::string& hash, const std::string& password);
  const TokenSigner& signer() const { return signer_; }

 private:
  template <class F>
  auto with_argon2_slot(F&& work);

  store::Database& db_;
  const Clock& clock_;
  TokenSigner signer_;
  RateLimiter login_limiter_;
  std::counting_semaphore<256> argon2_slots_;
  std::string dummy_hash_;  // verified against when the email is unknown (equal timing)
};

// Lower-cases and trims; the one place emails are normalised.
std::string normalize_email(std::string_view email);

}  // namespace evient
