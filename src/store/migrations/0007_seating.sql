-- Seated events: rooms with their seats, an event seated in one room, and per
-- event one row per seat of the room that a ticket type covers (event_seats),
-- whose state is decided by one conditional UPDATE (available -> held -> sold),
-- so that two processes on one database never sell a seat twice.

CREATE TABLE rooms (
  id            {{UUID}} PRIMARY KEY,
  name          TEXT NOT NULL,
  row_count     INTEGER NOT NULL,
  seats_per_row INTEGER NOT NULL,
  is_active     {{BOOL}} NOT NULL DEFAULT TRUE,
  created_at    {{TIMESTAMP}} NOT NULL DEFAULT {{NOW}},
  updated_at    {{TIMESTAMP}} NOT NULL DEFAULT {{NOW}},
  CONSTRAINT chk_rooms_size CHECK (row_count > 0 AND seats_per_row > 0)
);

-- row_index is the row's position from the front (0 = "A"); row_label its name.
CREATE TABLE seats (
  id         {{UUID}} PRIMARY KEY,
  room_id    {{UUID}} NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
  row_label  TEXT NOT NULL,
  row_index  INTEGER NOT NULL,
  number     INTEGER NOT NULL,
  is_active  {{BOOL}} NOT NULL DEFAULT TRUE,
  CONSTRAINT uniq_seats_room_row_number UNIQUE (room_id, row_label, number)
);

ALTER TABLE events ADD COLUMN room_id {{UUID}} REFERENCES rooms (id);
CREATE INDEX idx_events_room ON events (room_id);

-- A seat of the event's room in one ticket type's zone. held_until is the
-- holding order's expiry; order_id the order that holds or bought it.
CREATE TABLE event_seats (
  event_id       {{UUID}} NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  seat_id        {{UUID}} NOT NULL REFERENCES seats (id),
  ticket_type_id {{UUID}} NOT NULL REFERENCES ticket_types (id) ON DELETE CASCADE,
  state          TEXT NOT NULL DEFAULT 'available',
  order_id       {{UUID}},
  held_until     {{TIMESTAMP}},
  CONSTRAINT pk_event_seats PRIMARY KEY (event_id, seat_id),
  CONSTRAINT chk_event_seats_state
    CHECK (state IN ('available', 'held', 'sold', 'blocked', 'disabled'))
);
CREATE INDEX idx_event_seats_type_state ON event_seats (ticket_type_id, state);
CREATE INDEX idx_event_seats_order ON event_seats (order_id);
-- A room's seat switched off or on reaches every event that sells it.
CREATE INDEX idx_event_seats_seat ON event_seats (seat_id);

-- The seats an order asked for, kept after the order ends (a late payment
-- claims the same seats again; the order view names them).
CREATE TABLE order_seats (
  order_id       {{UUID}} NOT NULL REFERENCES orders (id),
  event_id       {{UUID}} NOT NULL,
  seat_id        {{UUID}} NOT NULL,
  ticket_type_id {{UUID}} NOT NULL,
  CONSTRAINT pk_order_seats PRIMARY KEY (order_id, seat_id)
);

-- No foreign key: a room's seats are regenerated only while no event uses it,
-- and old tickets keep the id they were sold with.
ALTER TABLE tickets ADD COLUMN seat_id {{UUID}};
-- The last line of defence: one live ticket per seat of an event.
CREATE UNIQUE INDEX uniq_tickets_event_seat ON tickets (event_id, seat_id)
  WHERE seat_id IS NOT NULL AND status IN ('valid', 'used');
