-- Unpaid holds are bounded per client address (EVIENT_MAX_HELD_PER_IP), so an
-- order keeps the address it was placed from (IPv6: its /64). Orders taken by
-- a test provider (the sandbox pays for free) are test orders: marked as such
-- in the wallet and the admin, and kept out of revenue.
ALTER TABLE orders ADD COLUMN client_address TEXT;
ALTER TABLE orders ADD COLUMN is_test {{BOOL}} NOT NULL DEFAULT FALSE;
CREATE INDEX idx_orders_client_pending ON orders (client_address, status, expires_at);
