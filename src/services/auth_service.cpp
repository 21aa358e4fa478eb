#include "services/auth_service.hpp"

#include <algorithm>
#include <thread>

#include "core/client_address.hpp"
#include "core/crypto.hpp"
#include "core/errors.hpp"
#include "core/metrics.hpp"
#include "core/text.hpp"
#include "services/image_service.hpp"
#include "store/db.hpp"
#include "store/revoked_tokens_repo.hpp"
#include "store/users_repo.hpp"

namespace evient {
namespace {

constexpr std::size_t kMinPassword = 8;
constexpr std::size_t kMaxPassword = 128;

void check_password_rules(Validator& v, const std::string& field, const std::string& password) {
  if (password.size() < kMinPassword) {
    v.add(field, "TOO_SHORT", "Password must be at least 8 characters");
  } else if (password.size() > kMaxPassword) {
    v.add(field, "TOO_LONG", "Password must be at most 128 characters");
  }
}

std::size_t hash_threads(const Config& config) {
  return config.hash_threads > 0 ? static_cast<std::size_t>(config.hash_threads)
                                 : default_hash_threads(config.worker_threads);
}

std::size_t hash_queue(const Config& config) {
  return config.hash_queue >= 0 ? static_cast<std::size_t>(config.hash_queue)
                                : default_hash_queue(hash_threads(config));
}

constexpr std::chrono::seconds kMinute{60};

}  // namespace

std::string normalize_email(std::string_view email) {
  return text::ascii_lower(text::trim(email));
}

AuthService::AuthService(store::Database& db, const Clock& clock, const Config& config)
    : db_(db),
      clock_(clock),
      signer_(config.jwt_secret, config.jwt_ttl),
      login_failures_(clock, config.login_attempts_per_minute, kMinute),
      login_ip_failures_(clock, config.login_failures_per_ip_minute, kMinute),
      password_failures_(clock, config.login_attempts_per_minute, kMinute),
      registrations_(clock, config.registrations_per_ip_minute, kMinute),
      hasher_(hash_threads(config), hash_queue(config)),
      dummy_hash_(crypto::hash_password(crypto::hex_encode(crypto::random_bytes(16)))) {}

std::string AuthService::hash_password(const std::string& password) {
  return hasher_.run([&] { return crypto::hash_password(password); });
}

bool AuthService::verify_password(const std::string& hash, const std::string& password) {
  return hasher_.run_check([&] { return crypto::verify_password(hash, password); });
}

std::string AuthService::issue_token(const User& user) const {
  return signer_.issue(user.id, std::string(to_text(user.role)), user.token_version, clock_.now());
}

AuthResult AuthService::register_user(const std::string& raw_email, const std::string& password,
                                      const std::string& full_name, const std::string& client_ip) {
  const std::string client = client_key(client_ip);
  if (!registrations_.allow(client)) {
    throw RateLimited("Too many new accounts from this address; try again later",
                      registrations_.retry_after(client));
  }
  const std::string email = normalize_email(raw_email);
  Validator v;
  if (!text::is_valid_email(email)) v.add("email", "INVALID", "Email address is not valid");
  check_password_rules(v, "password", password);
  if (full_name.empty()) v.add("full_name", "REQUIRED", "full_name is required");
  if (full_name.size() > 100) v.add("full_name", "TOO_LONG", "full_name is at most 100 bytes");
  v.throw_if_any();

  const bool taken =
      db_.read([&](store::Tx& tx) { return store::users::find_by_email(tx, email).has_value(); });
  if (taken) throw Conflict("EMAIL_TAKEN", "Email is already registered");

  User u;
  u.id = crypto::uuid_v4();
  u.email = email;
  u.password_hash = hash_password(password);  // slow on purpose: outside the transaction
  u.full_name = full_name;
  u.created_at = u.updated_at = clock_.now();
  try {
    db_.write([&](store::Tx& tx) { store::users::insert(tx, u); });
  } catch (const store::ConstraintViolation& e) {
    if (e.constraint() == "uniq_users_email") {
      throw Conflict("EMAIL_TAKEN", "Email is already registered");
    }
    throw;
  }
  return {issue_token(u), u};
}

AuthResult AuthService::login(const std::string& raw_email, const std::string& password,
                              const std::string& client_ip) {
  const std::string email = normalize_email(raw_email);
  // Only failures count, and only where they come from: an attacker elsewhere
  // cannot make the owner's correct password a 429.
  const std::string client = client_key(client_ip);
  const std::string pair = client + " " + email;
  if (login_ip_failures_.exhausted(client)) {
    throw RateLimited("Too many failed logins from this address; try again later",
                      login_ip_failures_.retry_after(client));
  }
  if (login_failures_.exhausted(pair)) {
    throw RateLimited("Too many failed logins; try again later", login_failures_.retry_after(pair));
  }
  auto user = db_.read([&](store::Tx& tx) { return store::users::find_by_email(tx, email); });
  // Unknown email and wrong password take the same time and give the same answer.
  const bool ok = verify_password(user ? user->password_hash : dummy_hash_, password);
  if (!user || !ok) {
    login_ip_failures_.count(client);
    login_failures_.count(pair);
    throw Unauthorized("Invalid email or password", "INVALID_CREDENTIALS");
  }
  if (!user->is_active) throw Forbidden("This account has been deactivated", "ACCOUNT_DISABLED");
  return {issue_token(*user), *user};
}

struct AuthService::CachedOwner {
  std::optional<store::users::TokenOwner> owner;
  std::uint64_t generation = 0;
};

User AuthService::authenticate(std::string_view token) {
  auto claims = signer_.verify(token, clock_.now());
  if (!claims) throw Unauthorized("Invalid or expired token", "INVALID_TOKEN");
  // The signature and expiry are checked every time; only the user row and
  // the token's revocation are cached, and only while no account change can
  // have happened unseen (see the members' comment).
  const bool cacheable = db_.sees_account_changes();
  const std::uint64_t generation = db_.account_generation();
  const std::string key = claims->user_id + ' ' + claims->token_id;
  std::shared_ptr<const CachedOwner> cached;
  if (cacheable) {
    std::lock_guard lock(owners_mutex_);
    auto it = owners_.find(key);
    if (it != owners_.end() && it->second->generation == generation) cached = it->second;
  }
  if (cached) {
    metrics::registry().token_cache_hits.inc();
  } else {
    metrics::registry().token_cache_misses.inc();
    auto fresh = std::make_shared<CachedOwner>();
    fresh->generation = generation;
    fresh->owner = db_.read([&](store::Tx& tx) {
      return store::users::find_for_token(tx, claims->user_id, claims->token_id);
    });
    cached = fresh;
    if (cacheable && db_.sees_account_changes()) {
      std::lock_guard lock(owners_mutex_);
      if (owners_.size() >= kMaxCachedOwners) owners_.clear();
      owners_[key] = cached;
    }
  }
  const auto& owner = cached->owner;
  if (!owner) throw Unauthorized("Invalid or expired token", "INVALID_TOKEN");
  if (owner->token_revoked) {
    throw Unauthorized("Token was revoked; please log in again", "TOKEN_REVOKED");
  }
  const User* user = &owner->user;
  if (!user->is_active) throw Unauthorized("This account has been deactivated", "ACCOUNT_DISABLED");
  if (user->token_version != claims->token_version) {
    throw Unauthorized("Token was revoked; please log in again", "TOKEN_REVOKED");
  }
  return *user;
}

User AuthService::profile(const std::string& user_id) {
  auto user = db_.read([&](store::Tx& tx) { return store::users::find_by_id(tx, user_id); });
  if (!user) throw NotFound("User not found", "USER_NOT_FOUND");
  return *user;
}

ProfileResult AuthService::update_profile(const std::string& user_id, const ProfileUpdate& up) {
  Validator v;
  if (up.full_name && (up.full_name->empty() || up.full_name->size() > 100)) {
    v.add("full_name", "INVALID", "full_name must be 1 to 100 bytes");
  }
  if (up.avatar_url && *up.avatar_url &&
      ((!text::is_http_url(**up.avatar_url) && !is_upload_path(**up.avatar_url)) ||
       (*up.avatar_url)->size() > 2048)) {
    v.add("avatar_url", "INVALID_URL", "avatar_url must be an http(s) URL or an uploaded image");
  }
  if (up.new_password) {
    check_password_rules(v, "new_password", *up.new_password);
    if (!up.old_password)
      v.add("old_password", "REQUIRED", "old_password is required to change the password");
  }
  v.throw_if_any();

  User current = profile(user_id);
  std::optional<std::string> new_hash;
  if (up.new_password) {
    // A stolen token must not make this an unlimited password oracle.
    if (password_failures_.exhausted(user_id)) {
      throw RateLimited("Too many wrong passwords; try again later",
                        password_failures_.retry_after(user_id));
    }
    if (!verify_password(current.password_hash, *up.old_password)) {
      password_failures_.count(user_id);
      throw ValidationError("old_password", "WRONG_PASSWORD", "Current password is incorrect");
    }
    new_hash = hash_password(*up.new_password);
  }
  const Timestamp now = clock_.now();
  User updated = db_.write([&](store::Tx& tx) {
    auto fresh = store::users::find_by_id(tx, user_id);
    if (!fresh) throw NotFound("User not found", "USER_NOT_FOUND");
    const auto name = up.full_name ? up.full_name : fresh->full_name;
    const auto avatar = up.avatar_url ? *up.avatar_url : fresh->avatar_url;
    store::users::update_profile(tx, *fresh, name, avatar, now);
    if (new_hash) store::users::update_password(tx, user_id, *new_hash, now);
    return *store::users::find_by_id(tx, user_id);
  });
  ProfileResult result{updated, std::nullopt};
  if (new_hash) result.token = issue_token(updated);
  return result;
}

void AuthService::logout(std::string_view token) {
  auto claims = signer_.verify(token, clock_.now());
  if (!claims) throw Unauthorized("Invalid or expired token", "INVALID_TOKEN");
  // A token from before jti existed cannot be named; it runs out within its lifetime.
  if (claims->token_id.empty()) return;
  db_.write([&](store::Tx& tx) {
    store::revoked_tokens::revoke(tx, claims->token_id, claims->user_id, claims->expires_at);
  });
}

AuthResult AuthService::refresh(std::string_view token) {
  User user = authenticate(token);
  auto claims = signer_.verify(token, clock_.now());
  if (!claims) throw Unauthorized("Invalid or expired token", "INVALID_TOKEN");
  if (!claims->token_id.empty()) {
    db_.write([&](store::Tx& tx) {
      store::revoked_tokens::revoke(tx, claims->token_id, claims->user_id, claims->expires_at);
    });
  }
  return {issue_token(user), user};
}

void AuthService::sweep_revoked_tokens() {
  const Timestamp now = clock_.now();
  db_.write([&](store::Tx& tx) { store::revoked_tokens::remove_expired(tx, now); });
}

}  // namespace evient
