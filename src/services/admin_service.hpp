#pragma once
// Admin management of users and banners, and the audit log read. Every write
// is audited in the same transaction as the change.
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "domain/models.hpp"
#include "domain/views.hpp"
#include "services/store_handles.hpp"

namespace evient {

struct UserAdminInput {
  std::optional<std::optional<std::string>> full_name;
  std::optional<Role> role;
  std::optional<bool> is_active;
};

struct BannerInput {
  std::optional<std::optional<std::string>> title, image_url, link_url, event_id;
  std::optional<std::int64_t> priority;
  std::optional<bool> is_active;
  std::optional<bool> is_homepage;
};

struct UserPage {
  std::vector<User> items;
  std::int64_t total = 0;
};

struct BannerPage {
  std::vector<Banner> items;
  std::int64_t total = 0;
};

struct AuditPage {
  std::vector<AuditEntry> items;
  std::int64_t total = 0;
};

class AdminService {
 public:
  AdminService(store::Database& db, const Clock& clock);

  UserPage users(const UserFilter& f, std::int64_t limit, std::int64_t offset);
  User user(const std::string& id);
  // An admin cannot demote or deactivate themself (CANNOT_MODIFY_SELF), nor the
  // last active admin (LAST_ADMIN). A role or is_active change ends the user's
  // tokens at once.
  User update_user(const std::string& actor_id, const std::string& id, const UserAdminInput& in);
  User deactivate_user(const std::string& actor_id, const std::string& id);

  BannerPage banners(std::int64_t limit, std::int64_t offset);
  Banner create_banner(const std::string& actor_id, const BannerInput& in);
  Banner update_banner(const std::string& actor_id, std::int64_t id, const BannerInput& in);
  void remove_banner(const std::string& actor_id, std::int64_t id);

  // Admin writes, newest first.
  AuditPage audit_log(const AuditFilter& f, std::int64_t limit, std::int64_t offset);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace evient
