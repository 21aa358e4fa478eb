#pragma once
// Admin management of users and banners, and the audit log read. Every write
// is audited in the same transaction as the change.
#include <functional>
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
  // Flips is_active in one transaction (two toggles never both read the old
  // value); audited as a banner.update.
  Banner toggle_banner(const std::string& actor_id, std::int64_t id);
  // For AdminEventService::AlsoInTx (the organisers' client asks for an
  // event's banner with the event): a banner of the event written in that
  // transaction, with its title, banner_image (422 without one) and page link,
  // and `in`'s placement (priority, is_homepage, is_active).
  std::function<void(store::Tx&, const Event&, Timestamp)> banner_for(std::string actor_id,
                                                                      BannerInput in);

  // Admin writes, newest first.
  AuditPage audit_log(const AuditFilter& f, std::int64_t limit, std::int64_t offset);

 private:
  Banner insert_banner(store::Tx& tx, const std::string& actor_id, const BannerInput& in,
                       Timestamp now);
  // `change` sees the banner as locked in the transaction.
  Banner update_banner(const std::string& actor_id, std::int64_t id,
                       const std::function<BannerInput(const Banner&)>& change);

  store::Database& db_;
  const Clock& clock_;
};

}  // namespace evient
