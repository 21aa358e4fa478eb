#pragma once
// Issued tickets and the wallet view of them.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/models.hpp"
#include "store/db.hpp"

namespace evient::store::tickets {

void insert(Tx& tx, const Ticket& t);
// Many at once in multi-row statements (the bench data set).
void insert_many(Tx& tx, const std::vector<Ticket>& tickets);
std::optional<Ticket> find(Tx& tx, const std::string& id);
std::vector<Ticket> list_for_order(Tx& tx, const std::string& order_id);
// valid -> cancelled for every ticket of the order; returns how many per ticket type.
std::map<std::string, std::int64_t> cancel_valid_for_order(Tx& tx, const std::string& order_id);
std::int64_t count_used_for_order(Tx& tx, const std::string& order_id);
std::optional<Ticket> find_for_user(Tx& tx, const std::string& user_id, const std::string& id);

// The user's tickets with their event and type, soonest event first, in one query.
std::vector<WalletTicket> wallet(Tx& tx, const std::string& user_id,
                                 const std::optional<TicketStatus>& status, std::int64_t limit,
                                 std::int64_t offset);
std::int64_t wallet_count(Tx& tx, const std::string& user_id,
                          const std::optional<TicketStatus>& status);

}  // namespace evient::store::tickets
