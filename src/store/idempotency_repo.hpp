#pragma once
// Idempotency keys of POST /api/orders, per user.
#include <optional>
#include <string>

#include "store/db.hpp"

namespace evient::store::idempotency {

struct KeyRecord {
  std::string request_hash;
  bool completed = false;             // else still in progress
  std::optional<std::string> result;  // what complete() kept (the service's encoding)
  Timestamp created_at{};
};

// Inserts an in_progress record; false when (user_id, key) already exists.
bool try_insert(Tx& tx, const std::string& user_id, const std::string& key,
                const std::string& request_hash, Timestamp now);
std::optional<KeyRecord> find(Tx& tx, const std::string& user_id, const std::string& key);
// Takes over an in_progress record abandoned before `stale_before` (its order
// never committed). True when this call took it.
bool take_over_stale(Tx& tx, const std::string& user_id, const std::string& key,
                     const std::string& request_hash, Timestamp stale_before, Timestamp now);
void complete(Tx& tx, const std::string& user_id, const std::string& key,
              const std::string& result);
// Forgets an in_progress key whose request failed, so the client may retry it.
void remove_in_progress(Tx& tx, const std::string& user_id, const std::string& key);
std::int64_t remove_older_than(Tx& tx, Timestamp cutoff);

}  // namespace evient::store::idempotency
