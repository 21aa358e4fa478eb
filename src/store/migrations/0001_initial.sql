-- The spec's seven tables plus order_items (what a pending order reserves).
-- Money is BIGINT minor units; timestamps are UTC. Placeholders are replaced
-- per engine (see store/migrations.hpp).

CREATE TABLE users (
  id            {{UUID}} PRIMARY KEY,
  email         TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  full_name     TEXT,
  avatar_url    TEXT,
  role          TEXT NOT NULL DEFAULT 'user',
  created_at    {{TIMESTAMP}} NOT NULL DEFAULT {{NOW}},
  updated_at    {{TIMESTAMP}} NOT NULL DEFAULT {{NOW}},
  is_active     {{BOOL}} NOT NULL DEFAULT TRUE,
  -- Bumped on password change and deactivation; tokens carry it, so older tokens die.
  token_version BIGINT NOT NULL DEFAULT 0,
  search_text   TEXT NOT NULL DEFAULT '',
  CONSTRAINT uniq_users_email UNIQUE (email),
  CONSTRAINT chk_users_role CHECK (role IN ('user', 'admin'))
);
CREATE INDEX idx_users_created ON users (created_at);

CREATE TABLE events (
  id              {{UUID}} PRIMARY KEY,
  title           TEXT NOT NULL,
  slug            TEXT NOT NULL,
  description     TEXT,
  content         TEXT,
  location        TEXT,
  start_time      {{TIMESTAMP}},
  end_time        {{TIMESTAMP}},
  banner_image    TEXT,
  thumbnail_image TEXT,
  category        TEXT,
  status          TEXT NOT NULL DEFAULT 'draft',
  is_hot          {{BOOL}} NOT NULL DEFAULT FALSE,
  created_at      {{TIMESTAMP}} NOT NULL DEFAULT {{NOW}},
  updated_at      {{TIMESTAMP}} NOT NULL DEFAULT {{NOW}},
  -- Folded (lower case, no diacritics) title + description + location, written by
  -- the application so "hoi cho" finds "Hội chợ" on both engines.
  search_text     TEXT NOT NULL DEFAULT '',
  CONSTRAINT uniq_events_slug UNIQUE (slug),
  CONSTRAINT chk_events_status CHECK (status IN ('draft', 'published', 'cancelled', 'completed'))
);
CREATE INDEX idx_events_status_start ON events (status, start_time);
CREATE INDEX idx_events_category ON events (lower(category), start_time);
CREATE INDEX idx_events_hot ON events (is_hot, status, start_time);

CREATE TABLE ticket_types (
  id             {{UUID}} PRIMARY KEY,
  event_id       {{UUID}} NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  name           TEXT NOT NULL,
  description    TEXT,
  price          BIGINT NOT NULL,
  original_price BIGINT,
  quantity_total INTEGER NOT NULL,
  -- Issued tickets plus live reservations of pending orders.
  quantity_sold  INTEGER NOT NULL DEFAULT 0,
  status         TEXT NOT NULL DEFAULT 'active',
  sort_order     INTEGER NOT NULL DEFAULT 0,
  created_at     {{TIMESTAMP}} NOT NULL DEFAULT {{NOW}},
  updated_at     {{TIMESTAMP}} NOT NULL DEFAULT {{NOW}},
  CONSTRAINT chk_ticket_types_status CHECK (status IN ('active', 'sold_out', 'hidden')),
  CONSTRAINT chk_ticket_types_price CHECK (price >= 0 AND (original_price IS NULL OR original_price >= 0)),
  -- The last line of defence against overselling, whatever the application does.
  CONSTRAINT chk_ticket_types_quota CHECK (quantity_total >= 0 AND quantity_sold >= 0 AND quantity_sold <= quantity_total)
);
CREATE INDEX idx_ticket_types_event ON ticket_types (event_id, sort_order);

CREATE TABLE orders (
  id                     {{UUID}} PRIMARY KEY,
  user_id                {{UUID}} NOT NULL REFERENCES users (id),
  total_amount           BIGINT NOT NULL DEFAULT 0,
  status                 TEXT NOT NULL DEFAULT 'pending',
  payment_method         TEXT,
  payment_transaction_id TEXT,
  created_at             {{TIMESTAMP}} NOT NULL DEFAULT {{NOW}},
  updated_at             {{TIMESTAMP}} NOT NULL DEFAULT {{NOW}},
  -- Until when a pending order holds its reserved tickets.
  expires_at             {{TIMESTAMP}},
  paid_at                {{TIMESTAMP}},
  -- Paid after its reservation was lost and nothing was left: money to give back.
  refund_required        {{BOOL}} NOT NULL DEFAULT FALSE,
  CONSTRAINT chk_orders_status CHECK (status IN ('pending', 'paid', 'cancelled', 'refunded')),
  CONSTRAINT chk_orders_total CHECK (total_amount >= 0)
);
CREATE INDEX idx_orders_user ON orders (user_id, created_at);
CREATE INDEX idx_orders_status_expires ON orders (status, expires_at);
CREATE INDEX idx_orders_created ON orders (created_at);
CREATE UNIQUE INDEX uniq_orders_payment_tx ON orders (payment_method, payment_transaction_id);

CREATE TABLE order_items (
  id             {{UUID}} PRIMARY KEY,
  order_id       {{UUID}} NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  ticket_type_id {{UUID}} NOT NULL REFERENCES ticket_types (id),
  event_id       {{UUID}} NOT NULL REFERENCES events (id),
  quantity       INTEGER NOT NULL,
  unit_price     BIGINT NOT NULL,
  CONSTRAINT chk_order_items_quantity CHECK (quantity > 0),
  CONSTRAINT uniq_order_items_type UNIQUE (order_id, ticket_type_id)
);
CREATE INDEX idx_order_items_type ON order_items (ticket_type_id);
CREATE INDEX idx_order_items_event ON order_items (event_id);

CREATE TABLE tickets (
  id                {{UUID}} PRIMARY KEY,
  order_id          {{UUID}} NOT NULL REFERENCES orders (id),
  ticket_type_id    {{UUID}} NOT NULL REFERENCES ticket_types (id),
  user_id           {{UUID}} NOT NULL REFERENCES users (id),
  event_id          {{UUID}} NOT NULL REFERENCES events (id),
  ticket_code       TEXT NOT NULL,
  status            TEXT NOT NULL DEFAULT 'valid',
  used_at           {{TIMESTAMP}},
  price_at_purchase BIGINT NOT NULL,
  created_at        {{TIMESTAMP}} NOT NULL DEFAULT {{NOW}},
  CONSTRAINT uniq_tickets_code UNIQUE (ticket_code),
  CONSTRAINT chk_tickets_status CHECK (status IN ('valid', 'used', 'cancelled'))
);
CREATE INDEX idx_tickets_user ON tickets (user_id, status);
CREATE INDEX idx_tickets_event ON tickets (event_id, status);
CREATE INDEX idx_tickets_order ON tickets (order_id);
CREATE INDEX idx_tickets_type ON tickets (ticket_type_id);

CREATE TABLE banners (
  id         {{SERIAL_PK}},
  title      TEXT,
  image_url  TEXT,
  link_url   TEXT,
  event_id   {{UUID}} REFERENCES events (id) ON DELETE SET NULL,
  priority   INTEGER NOT NULL DEFAULT 0,
  is_active  {{BOOL}} NOT NULL DEFAULT TRUE,
  created_at {{TIMESTAMP}} NOT NULL DEFAULT {{NOW}},
  updated_at {{TIMESTAMP}} NOT NULL DEFAULT {{NOW}}
);
CREATE INDEX idx_banners_active ON banners (is_active, priority);

CREATE TABLE notifications (
  id         {{UUID}} PRIMARY KEY,
  user_id    {{UUID}} NOT NULL REFERENCES users (id),
  title      TEXT,
  message    TEXT,
  type       TEXT NOT NULL DEFAULT 'system',
  is_read    {{BOOL}} NOT NULL DEFAULT FALSE,
  created_at {{TIMESTAMP}} NOT NULL DEFAULT {{NOW}},
  CONSTRAINT chk_notifications_type CHECK (type IN ('system', 'order', 'promotion'))
);
CREATE INDEX idx_notifications_user ON notifications (user_id, created_at);
