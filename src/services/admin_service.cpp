#include "services/admin_service.hpp"

#include "core/errors.hpp"
#include "services/audit_trail.hpp"
#include "store/admin_repo.hpp"
#include "store/audit_repo.hpp"
#include "store/banners_repo.hpp"
#include "store/db.hpp"
#include "store/events_repo.hpp"
#include "store/users_repo.hpp"

namespace evient {
namespace {

User find_user(store::Tx& tx, const std::string& id) {
  auto u = store::users::find_by_id(tx, id);
  if (!u) throw NotFound("User not found", "USER_NOT_FOUND");
  return *u;
}

Banner find_banner(store::Tx& tx, std::int64_t id) {
  auto b = store::banners::find(tx, id);
  if (!b) throw NotFound("Banner not found", "BANNER_NOT_FOUND");
  return *b;
}

void apply_input(Banner& b, const BannerInput& in) {
  if (in.title) b.title = *in.title;
  if (in.image_url) b.image_url = *in.image_url;
  if (in.link_url) b.link_url = *in.link_url;
  if (in.event_id) b.event_id = *in.event_id;
  if (in.priority) b.priority = *in.priority;
  if (in.is_active) b.is_active = *in.is_active;
  if (in.is_homepage) b.is_homepage = *in.is_homepage;
}

void check_banner_event(store::Tx& tx, const BannerInput& in) {
  if (in.event_id && *in.event_id && !store::events::find_by_id(tx, **in.event_id)) {
    throw ValidationError("event_id", "NOT_FOUND", "event_id does not name an event");
  }
}

}  // namespace

AdminService::AdminService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

UserPage AdminService::users(const UserFilter& f, std::int64_t limit, std::int64_t offset) {
  return db_.read([&](store::Tx& tx) {
    return UserPage{store::users::list(tx, f, limit, offset), store::users::count(tx, f)};
  });
}

User AdminService::user(const std::string& id) {
  return db_.read([&](store::Tx& tx) { return find_user(tx, id); });
}

User AdminService::update_user(const std::string& actor_id, const std::string& id,
                               const UserAdminInput& in) {
  const Timestamp now = clock_.now();
  return db_.write([&](store::Tx& tx) {
    const User before = find_user(tx, id);
    User u = before;
    if (in.full_name) u.full_name = *in.full_name;
    if (in.role) u.role = *in.role;
    if (in.is_active) u.is_active = *in.is_active;
    const bool was_admin = before.role == Role::Admin && before.is_active;
    const bool stays_admin = u.role == Role::Admin && u.is_active;
    if (was_admin && !stays_admin) {
      // Locks the admins' rows, so two admins demoting each other cannot both win.
      if (store::admin::lock_active_admins(tx) <= 1) {
        throw Conflict("LAST_ADMIN", "The last active administrator cannot be demoted");
      }
      if (u.id == actor_id) {
        throw Conflict("CANNOT_MODIFY_SELF", "You cannot demote or deactivate yourself");
      }
    }
    const bool access_changed = u.role != before.role || u.is_active != before.is_active;
    store::users::update_admin_fields(tx, u, access_changed, now);
    User after = find_user(tx, id);
    audit::record(tx, actor_id, "user.update", "user", id, audit::snapshot(before),
                  audit::snapshot(after), now);
    return after;
  });
}

User AdminService::deactivate_user(const std::string& actor_id, const std::string& id) {
  UserAdminInput in;
  in.is_active = false;
  return update_user(actor_id, id, in);
}

BannerPage AdminService::banners(std::int64_t limit, std::int64_t offset) {
  return db_.read([&](store::Tx& tx) {
    return BannerPage{store::banners::list_all(tx, limit, offset), store::banners::count_all(tx)};
  });
}

Banner AdminService::create_banner(const std::string& actor_id, const BannerInput& in) {
  const Timestamp now = clock_.now();
  return db_.write([&](store::Tx& tx) { return insert_banner(tx, actor_id, in, now); });
}

Banner AdminService::insert_banner(store::Tx& tx, const std::string& actor_id,
                                   const BannerInput& in, Timestamp now) {
  check_banner_event(tx, in);
  Banner b;
  apply_input(b, in);
  b.created_at = b.updated_at = now;
  b.id = store::banners::insert(tx, b);
  audit::record(tx, actor_id, "banner.create", "banner", std::to_string(b.id), nullptr,
                audit::snapshot(b), now);
  return b;
}

std::function<void(store::Tx&, const Event&, Timestamp)> AdminService::banner_for(
    std::string actor_id, BannerInput in) {
  return [this, actor_id = std::move(actor_id), in = std::move(in)](store::Tx& tx, const Event& e,
                                                                    Timestamp now) {
    if (!e.banner_image) {
      throw ValidationError("banner_image", "REQUIRED", "A banner needs the event's banner_image");
    }
    BannerInput b = in;
    b.title = std::optional<std::string>(e.title);
    b.image_url = e.banner_image;
    b.link_url = std::optional<std::string>("/events/" + e.slug);
    b.event_id = std::optional<std::string>(e.id);
    insert_banner(tx, actor_id, b, now);
  };
}

Banner AdminService::update_banner(const std::string& actor_id, std::int64_t id,
                                   const BannerInput& in) {
  return update_banner(actor_id, id, [&](const Banner&) { return in; });
}

Banner AdminService::toggle_banner(const std::string& actor_id, std::int64_t id) {
  return update_banner(actor_id, id, [](const Banner& before) {
    BannerInput in;
    in.is_active = !before.is_active;
    return in;
  });
}

Banner AdminService::update_banner(const std::string& actor_id, std::int64_t id,
                                   const std::function<BannerInput(const Banner&)>& change) {
  const Timestamp now = clock_.now();
  return db_.write([&](store::Tx& tx) {
    auto locked = store::banners::find_for_update(tx, id);
    if (!locked) throw NotFound("Banner not found", "BANNER_NOT_FOUND");
    const Banner before = *locked;
    const BannerInput in = change(before);
    check_banner_event(tx, in);
    Banner b = before;
    apply_input(b, in);
    b.updated_at = now;
    store::banners::update(tx, b);
    audit::record(tx, actor_id, "banner.update", "banner", std::to_string(id),
                  audit::snapshot(before), audit::snapshot(b), now);
    return b;
  });
}

void AdminService::remove_banner(const std::string& actor_id, std::int64_t id) {
  const Timestamp now = clock_.now();
  db_.write([&](store::Tx& tx) {
    const Banner b = find_banner(tx, id);
    store::banners::remove(tx, id);
    audit::record(tx, actor_id, "banner.delete", "banner", std::to_string(id), audit::snapshot(b),
                  nullptr, now);
  });
}

AuditPage AdminService::audit_log(const AuditFilter& f, std::int64_t limit, std::int64_t offset) {
  return db_.read([&](store::Tx& tx) {
    return AuditPage{store::audit::list(tx, f, limit, offset), store::audit::count(tx, f)};
  });
}

}  // namespace evient
