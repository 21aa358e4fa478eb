// How the store sorts statements for the caches (store/db.hpp): a sale must
// not evict the catalogue's static pages, nor a checkout's row lock on the
// buyer the token cache; anything else, and anything unrecognised, must.
#include <gtest/gtest.h>

#include "store/db.hpp"

namespace evient::store {
namespace {

TEST(StatementKind, ReadsWriteNothing) {
  EXPECT_EQ(classify_statement("SELECT * FROM events"), WriteKind::None);
  EXPECT_EQ(classify_statement("  select 1"), WriteKind::None);
  EXPECT_FALSE(writes_accounts("SELECT * FROM users FOR UPDATE"));
}

TEST(StatementKind, SalesAreAvailability) {
  EXPECT_EQ(classify_statement("UPDATE ticket_types SET quantity_sold = quantity_sold + $2 "
                               "WHERE id = $1 AND quantity_sold + $2 <= quantity_total"),
            WriteKind::Availability);
  EXPECT_EQ(classify_statement("INSERT INTO orders (id, user_id) VALUES ($1, $2)"),
            WriteKind::Availability);
  EXPECT_EQ(classify_statement("INSERT INTO order_items(id) VALUES ($1)"), WriteKind::Availability);
  EXPECT_EQ(classify_statement("UPDATE tickets SET status = 'used' WHERE id = $1"),
            WriteKind::Availability);
  EXPECT_EQ(classify_statement("UPDATE event_seats SET state = 'held', order_id = $1, "
                               "held_until = $2 WHERE state = 'available'"),
            WriteKind::Availability);
  EXPECT_EQ(classify_statement("UPDATE users SET token_version = token_version WHERE id = $1"),
            WriteKind::Availability);
}

TEST(StatementKind, CatalogueWritesAndTheUnknownAreOther) {
  EXPECT_EQ(classify_statement("UPDATE events SET title = $2 WHERE id = $1"), WriteKind::Other);
  EXPECT_EQ(
      classify_statement("UPDATE ticket_types SET name = $2, quantity_sold = $3 WHERE id = $1"),
      WriteKind::Other);
  EXPECT_EQ(
      classify_statement("UPDATE ticket_types SET quantity_sold = 0, price = 5 WHERE id = $1"),
      WriteKind::Other);
  EXPECT_EQ(classify_statement("UPDATE ticket_types SET quantity_total = $2 WHERE id = $1"),
            WriteKind::Other);
  EXPECT_EQ(classify_statement("UPDATE event_seats SET ticket_type_id = $2 WHERE seat_id = $1"),
            WriteKind::Other);
  EXPECT_EQ(classify_statement("INSERT INTO event_seats (event_id) VALUES ($1)"), WriteKind::Other);
  EXPECT_EQ(classify_statement("DELETE FROM banners WHERE id = $1"), WriteKind::Other);
  EXPECT_EQ(classify_statement("INSERT INTO \"orders\" (id) VALUES ($1)"), WriteKind::Other);
  EXPECT_EQ(classify_statement("INSERT INTO public.orders (id) VALUES ($1)"), WriteKind::Other);
  EXPECT_EQ(classify_statement("WITH x AS (DELETE FROM events RETURNING id) SELECT * FROM x"),
            WriteKind::Other);
  EXPECT_EQ(classify_statement("CREATE TABLE t (id INT)"), WriteKind::Other);
}

TEST(StatementKind, AccountWrites) {
  EXPECT_TRUE(writes_accounts("UPDATE users SET is_active = $2 WHERE id = $1"));
  EXPECT_TRUE(writes_accounts(
      "UPDATE users SET password_hash = $2, updated_at = $3, token_version = token_version + 1 "
      "WHERE id = $1"));
  EXPECT_TRUE(writes_accounts("INSERT INTO revoked_tokens (token_id) VALUES ($1)"));
  EXPECT_TRUE(writes_accounts("DELETE FROM users WHERE id = $1"));
  EXPECT_TRUE(writes_accounts("WITH x AS (UPDATE users SET role = 'admin') SELECT 1"));
  EXPECT_FALSE(writes_accounts("UPDATE users SET token_version = token_version WHERE id = $1"));
  EXPECT_FALSE(writes_accounts("UPDATE orders SET status = 'paid' WHERE id = $1"));
  EXPECT_FALSE(writes_accounts("INSERT INTO tickets (id) VALUES ($1)"));
}

}  // namespace
}  // namespace evient::store
