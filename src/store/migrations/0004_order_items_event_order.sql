-- Checkout sums what a buyer already holds for an event (orders by user, then
-- their items for that event). With (event_id) alone the item lookup could only
-- narrow by event, and an on-sale event has tens of thousands of items: the sum
-- cost grew with every order (90 orders/s on one hot type; see bench/RESULTS.md).
-- (event_id, order_id) finds a buyer's items for the event directly and still
-- serves every query by event.
DROP INDEX idx_order_items_event;
CREATE INDEX idx_order_items_event ON order_items (event_id, order_id);
