#include "services/auth_service.hpp"

#include <algorithm>
#include <thread>

#include "core/crypto.hpp"
#include "core/errors.hpp"
#include "core/text.hpp"
#include "store/db.hpp"
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

}  // namespace

std::string normalize_email(std::string_view email) {
  return text::ascii_lower(text::trim(email));
}

AuthService::AuthService(store::Database& db, const Clock& clock, const Config& config)
    : db_(db),
      clock_(clock),
      signer_(config.jwt_secret, config.jwt_ttl),
      login_limiter_(clock, config.login_attempts_per_minute, std::chrono::seconds(60)),
      argon2_slots_(std::clamp<std::ptrdiff_t>(std::thread::hardware_concurrency(), 1, 256)),
      dummy_hash_(crypto::hash_password(crypto::hex_encode(crypto::random_bytes(16)))) {}

template <class F>
auto AuthService::with_argon2_slot(F&& work) {
  argon2_slots_.acquire();
  struct Release {
    std::counting_semaphore<256>& slots;
    ~Release() { slots.release(); }
  } release{argon2_slots_};
  return work();
}

std::string AuthService::hash_password(const std::string& password) {
  return with_argon2_slot([&] { return crypto::hash_password(password); });
}

bool AuthService::verify_password(const std::string& hash, const std::string& password) {
  return with_argon2_slot([&] { return crypto::verify_password(hash, password); });
}

std::string AuthService::issue_token(const User& user) const {
  return signer_.issue(user.id, std::string(to_text(user.role)), user.token_version, clock_.now());
}

AuthResult AuthService::register_user(const std::string& raw_email, const std::string& password,
                                      const std::string& full_name) {
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
  if (!login_limiter_.allow("ip:" + client_ip) || !login_limiter_.allow("email:" + email)) {
    throw RateLimited("Too many login attempts; try again in a minute");
  }
  auto user = db_.read([&](store::Tx& tx) { return store::users::find_by_email(tx, email); });
  // Unknown email and wrong password take the same time and give the same answer.
  const bool ok = verify_password(user ? user->password_hash : dummy_hash_, password);
  if (!user || !ok) throw Unauthorized("Invalid email or password", "INVALID_CREDENTIALS");
  if (!user->is_active) throw Forbidden("This account has been deactivated", "ACCOUNT_DISABLED");
  return {issue_token(*user), *user};
}

User AuthService::authenticate(std::string_view token) {
  auto claims = signer_.verify(token, clock_.now());
  if (!claims) throw Unauthorized("Invalid or expired token", "INVALID_TOKEN");
  auto user =
      db_.read([&](store::Tx& tx) { return store::users::find_by_id(tx, claims->user_id); });
  if (!user) throw Unauthorized("Invalid or expired token", "INVALID_TOKEN");
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
      (!text::is_http_url(**up.avatar_url) || (*up.avatar_url)->size() > 2048)) {
    v.add("avatar_url", "INVALID_URL", "avatar_url must be an http(s) URL");
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
    if (!verify_password(current.password_hash, *up.old_password)) {
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

}  // namespace evient
