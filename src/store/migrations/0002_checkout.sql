-- Checkout: idempotency keys for POST /api/orders. A key is claimed by an INSERT
-- in its own short transaction before the order runs, so a concurrent duplicate
-- hits the primary key; the order transaction marks it completed together with
-- the response it returned, so a completed key always matches a committed order.
CREATE TABLE idempotency_keys (
  user_id         {{UUID}} NOT NULL REFERENCES users (id),
  key             TEXT NOT NULL,
  request_hash    TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'in_progress',
  response_status INTEGER,
  response_body   TEXT,
  created_at      {{TIMESTAMP}} NOT NULL DEFAULT {{NOW}},
  CONSTRAINT uniq_idempotency_keys_user_id_key PRIMARY KEY (user_id, key),
  CONSTRAINT chk_idempotency_keys_status CHECK (status IN ('in_progress', 'completed'))
);
CREATE INDEX idx_idempotency_keys_created ON idempotency_keys (created_at);

-- Pending orders per ticket type are looked up when inventory is refreshed.
CREATE INDEX idx_orders_user_status ON orders (user_id, status);
