#include "store/rows.hpp"

namespace evient::store::rows {

const char* const kUserColumns =
    "u.id AS u_id, u.email AS u_email, u.password_hash AS u_password_hash, "
    "u.full_name AS u_full_name, u.avatar_url AS u_avatar_url, u.role AS u_role, "
    "u.created_at AS u_created_at, u.updated_at AS u_updated_at, u.is_active AS u_is_active, "
    "u.token_version AS u_token_version";

User user(const Result::Row& r) {
  User u;
  u.id = r.text("u_id");
  u.email = r.text("u_email");
  u.password_hash = r.text("u_password_hash");
  u.full_name = r.opt_text("u_full_name");
  u.avatar_url = r.opt_text("u_avatar_url");
  u.role = parse_or_throw<Role>(r.text("u_role"));
  u.created_at = r.time("u_created_at");
  u.updated_at = r.time("u_updated_at");
  u.is_active = r.boolean("u_is_active");
  u.token_version = r.i64("u_token_version");
  return u;
}

const char* const kEventColumns =
    "e.id AS e_id, e.title AS e_title, e.slug AS e_slug, e.description AS e_description, "
    "e.content AS e_content, e.location AS e_location, e.start_time AS e_start_time, "
    "e.end_time AS e_end_time, e.banner_image AS e_banner_image, "
    "e.thumbnail_image AS e_thumbnail_image, e.category AS e_category, e.status AS e_status, "
    "e.is_hot AS e_is_hot, e.created_at AS e_created_at, e.updated_at AS e_updated_at";

Event event(const Result::Row& r) {
  Event e;
  e.id = r.text("e_id");
  e.title = r.text("e_title");
  e.slug = r.text("e_slug");
  e.description = r.opt_text("e_description");
  e.content = r.opt_text("e_content");
  e.location = r.opt_text("e_location");
  e.start_time = r.opt_time("e_start_time");
  e.end_time = r.opt_time("e_end_time");
  e.banner_image = r.opt_text("e_banner_image");
  e.thumbnail_image = r.opt_text("e_thumbnail_image");
  e.category = r.opt_text("e_category");
  e.status = parse_or_throw<EventStatus>(r.text("e_status"));
  e.is_hot = r.boolean("e_is_hot");
  e.created_at = r.time("e_created_at");
  e.updated_at = r.time("e_updated_at");
  return e;
}

const char* const kTicketTypeColumns =
    "t.id AS t_id, t.event_id AS t_event_id, t.name AS t_name, t.description AS t_description, "
    "t.price AS t_price, t.original_price AS t_original_price, "
    "t.quantity_total AS t_quantity_total, t.quantity_sold AS t_quantity_sold, "
    "t.status AS t_status, t.sort_order AS t_sort_order, t.created_at AS t_created_at, "
    "t.updated_at AS t_updated_at";

TicketType ticket_type(const Result::Row& r) {
  TicketType t;
  t.id = r.text("t_id");
  t.event_id = r.text("t_event_id");
  t.name = r.text("t_name");
  t.description = r.opt_text("t_description");
  t.price = r.i64("t_price");
  t.original_price = r.opt_i64("t_original_price");
  t.quantity_total = r.i64("t_quantity_total");
  t.quantity_sold = r.i64("t_quantity_sold");
  t.status = parse_or_throw<TicketTypeStatus>(r.text("t_status"));
  t.sort_order = r.i64("t_sort_order");
  t.created_at = r.time("t_created_at");
  t.updated_at = r.time("t_updated_at");
  return t;
}

const char* const kOrderColumns =
    "o.id AS o_id, o.user_id AS o_user_id, o.total_amount AS o_total_amount, "
    "o.status AS o_status, o.payment_method AS o_payment_method, "
    "o.payment_transaction_id AS o_payment_transaction_id, o.created_at AS o_created_at, "
    "o.updated_at AS o_updated_at, o.expires_at AS o_expires_at, o.paid_at AS o_paid_at, "
    "o.refund_required AS o_refund_required, o.is_test AS o_is_test";

Order order(const Result::Row& r) {
  Order o;
  o.id = r.text("o_id");
  o.user_id = r.text("o_user_id");
  o.total_amount = r.i64("o_total_amount");
  o.status = parse_or_throw<OrderStatus>(r.text("o_status"));
  o.payment_method = r.opt_text("o_payment_method");
  o.payment_transaction_id = r.opt_text("o_payment_transaction_id");
  o.created_at = r.time("o_created_at");
  o.updated_at = r.time("o_updated_at");
  o.expires_at = r.opt_time("o_expires_at");
  o.paid_at = r.opt_time("o_paid_at");
  o.refund_required = r.boolean("o_refund_required");
  o.is_test = r.boolean("o_is_test");
  return o;
}

const char* const kOrderItemColumns =
    "i.id AS i_id, i.order_id AS i_order_id, i.ticket_type_id AS i_ticket_type_id, "
    "i.event_id AS i_event_id, i.quantity AS i_quantity, i.unit_price AS i_unit_price, "
    "t.name AS i_ticket_type_name, e.title AS i_event_title";

OrderItem order_item(const Result::Row& r) {
  OrderItem i;
  i.id = r.text("i_id");
  i.order_id = r.text("i_order_id");
  i.ticket_type_id = r.text("i_ticket_type_id");
  i.event_id = r.text("i_event_id");
  i.quantity = r.i64("i_quantity");
  i.unit_price = r.i64("i_unit_price");
  i.ticket_type_name = r.text("i_ticket_type_name");
  i.event_title = r.text("i_event_title");
  return i;
}

const char* const kTicketColumns =
    "k.id AS k_id, k.order_id AS k_order_id, k.ticket_type_id AS k_ticket_type_id, "
    "k.user_id AS k_user_id, k.event_id AS k_event_id, k.ticket_code AS k_ticket_code, "
    "k.status AS k_status, k.used_at AS k_used_at, k.price_at_purchase AS k_price_at_purchase, "
    "k.created_at AS k_created_at, k.seat_id AS k_seat_id, "
    "(SELECT ks.row_label FROM seats ks WHERE ks.id = k.seat_id) AS k_seat_row, "
    "(SELECT ks.number FROM seats ks WHERE ks.id = k.seat_id) AS k_seat_number, "
    "(SELECT kr.name FROM seats ks JOIN rooms kr ON kr.id = ks.room_id WHERE ks.id = k.seat_id) "
    "AS k_seat_room";

Ticket ticket(const Result::Row& r) {
  Ticket t;
  t.id = r.text("k_id");
  t.order_id = r.text("k_order_id");
  t.ticket_type_id = r.text("k_ticket_type_id");
  t.user_id = r.text("k_user_id");
  t.event_id = r.text("k_event_id");
  t.ticket_code = r.text("k_ticket_code");
  t.status = parse_or_throw<TicketStatus>(r.text("k_status"));
  t.used_at = r.opt_time("k_used_at");
  t.price_at_purchase = r.i64("k_price_at_purchase");
  t.created_at = r.time("k_created_at");
  if (auto seat_id = r.opt_text("k_seat_id")) {
    t.seat = SeatRef{*seat_id, r.opt_text("k_seat_room").value_or(""),
                     r.opt_text("k_seat_row").value_or(""), r.opt_i64("k_seat_number").value_or(0)};
  }
  return t;
}

const char* const kBannerColumns =
    "b.id AS b_id, b.title AS b_title, b.image_url AS b_image_url, b.link_url AS b_link_url, "
    "b.event_id AS b_event_id, b.priority AS b_priority, b.is_active AS b_is_active, "
    "b.is_homepage AS b_is_homepage, "
    "b.created_at AS b_created_at, b.updated_at AS b_updated_at";

Banner banner(const Result::Row& r) {
  Banner b;
  b.id = r.i64("b_id");
  b.title = r.opt_text("b_title");
  b.image_url = r.opt_text("b_image_url");
  b.link_url = r.opt_text("b_link_url");
  b.event_id = r.opt_text("b_event_id");
  b.priority = r.i64("b_priority");
  b.is_active = r.boolean("b_is_active");
  b.is_homepage = r.boolean("b_is_homepage");
  b.created_at = r.time("b_created_at");
  b.updated_at = r.time("b_updated_at");
  return b;
}

const char* const kNotificationColumns =
    "n.id AS n_id, n.user_id AS n_user_id, n.title AS n_title, n.message AS n_message, "
    "n.type AS n_type, n.is_read AS n_is_read, n.created_at AS n_created_at";

Notification notification(const Result::Row& r) {
  Notification n;
  n.id = r.text("n_id");
  n.user_id = r.text("n_user_id");
  n.title = r.opt_text("n_title");
  n.message = r.opt_text("n_message");
  n.type = parse_or_throw<NotificationType>(r.text("n_type"));
  n.is_read = r.boolean("n_is_read");
  n.created_at = r.time("n_created_at");
  return n;
}

}  // namespace evient::store::rows
