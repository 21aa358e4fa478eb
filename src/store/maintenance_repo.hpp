#pragma once
// Whole-database operations for the tools (seed --reset).
#include "store/db.hpp"

namespace evient::store::maintenance {

// Deletes every row of every table, children before parents (keeps the schema).
void delete_all_rows(Tx& tx);

}  // namespace evient::store::maintenance
