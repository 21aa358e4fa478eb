// POST /api/payments/webhook/:provider, and the sandbox provider's payment page:
// GET /payments/sandbox/:order_id?sig=..., POST /payments/sandbox/:order_id/complete
#include <map>

#include "api/routes.hpp"
#include "core/errors.hpp"
#include "core/html_sanitizer.hpp"
#include "core/money.hpp"
#include "http/envelope.hpp"
#include "services/payment_service.hpp"

namespace evient::api {
namespace json = boost::json;

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string form_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 &&
               hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// application/x-www-form-urlencoded; the last value of a name wins.
std::map<std::string, std::string> parse_form(std::string_view body) {
  std::map<std::string, std::string> out;
  while (!body.empty()) {
    const std::size_t amp = body.find('&');
    std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
    const std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    out[form_decode(pair.substr(0, eq))] = form_decode(pair.substr(eq + 1));
  }
  return out;
}

std::string amount_text(Minor amount) {
  return money_to_string(amount) + " " + currency().code;
}

http::Response html_page(unsigned status, const std::string& title, const std::string& content) {
  http::Response r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body =
      "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" +
      html_escape(title) +
      "</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;"
      "padding:0 1rem;color:#222}table{width:100%;border-collapse:collapse}td,th{padding:.4rem;"
      "border-bottom:1px solid #ddd;text-align:left}.actions{display:flex;gap:1rem;margin-top:"
      "1.5rem}button{font-size:1rem;padding:.6rem 1.4rem;border:0;border-radius:.4rem;cursor:"
      "pointer}.pay{background:#16a34a;color:#fff}.cancel{background:#e5e7eb}.note{color:#666;"
      "font-size:.9rem}</style></head><body><h1>" +
      html_escape(title) + "</h1>" + content + "</body></html>";
  // The page is ours alone: no scripts, no framing, forms only to this site, and
  // the signed link never leaks through a Referer.
  r.headers.emplace_back("Content-Security-Policy",
                         "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                         "frame-ancestors 'none'; base-uri 'none'");
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  r.headers.emplace_back("Cache-Control", "no-store");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return r;
}

std::string order_summary(const Order& o) {
  std::string rows;
  for (const auto& i : o.items) {
    rows += "<tr><td>" + html_escape(i.event_title) + " &ndash; " +
            html_escape(i.ticket_type_name) + "</td><td>" + std::to_string(i.quantity) +
            "</td><td>" + html_escape(amount_text(i.unit_price * i.quantity)) + "</td></tr>";
  }
  return "<p>Order <code>" + html_escape(o.id) + "</code> &middot; status <strong>" +
         html_escape(o.status) +
         "</strong></p><table><tr><th>Ticket</th><th>Qty</th><th>"
         "Amount</th></tr>" +
         rows + "<tr><th colspan=\"2\">Total</th><th>" + html_escape(amount_text(o.total_amount)) +
         "</th></tr></table>";
}

std::string action_form(const Order& o, const std::string& sig, const char* action,
                        const char* label, const char* css) {
  return "<form method=\"post\" action=\"/payments/sandbox/" + html_escape(o.id) +
         "/complete\"><input type=\"hidden\" name=\"action\" value=\"" + action +
         "\"><input type=\"hidden\" name=\"sig\" value=\"" + html_escape(sig) +
         "\"><button class=\"" + css + "\" type=\"submit\">" + label + "</button></form>";
}

std::string outcome_message(PaymentOutcome o) {
  switch (o) {
    case PaymentOutcome::Paid:
      return "Payment received. Your tickets are in your wallet.";
    case PaymentOutcome::AlreadyProcessed:
      return "This payment was already recorded.";
    case PaymentOutcome::Failed:
      return "Payment cancelled. Your reservation was released.";
    case PaymentOutcome::Ignored:
      return "This order is no longer waiting for a payment.";
    case PaymentOutcome::RefundRequired:
      return "Payment received, but the tickets were no longer available. It will be refunded.";
  }
  return "";
}

}  // namespace

void register_payment_routes(http::Router& r, PaymentService& payments) {
  r.post("/api/payments/webhook/:provider", http::Access::Public, [&payments](http::Request& req) {
    PaymentResult result =
        payments.handle_notification(req.param("provider"), req.headers, req.body);
    return http::ok({{"received", true},
                     {"order_id", result.order_id},
                     {"outcome", std::string(outcome_name(result.outcome))}});
  });

  r.get("/payments/sandbox/:order_id", http::Access::Public, [&payments](http::Request& req) {
    const std::string* sig = req.query_param("sig");
    try {
      Order o = payments.sandbox_order(req.param("order_id"), sig ? *sig : "");
      std::string content = order_summary(o);
      if (o.status == "pending") {
        content +=
            "<p class=\"note\">Sandbox: no money moves. Pay or cancel to finish the "
            "order as a real provider would.</p><div class=\"actions\">" +
            action_form(o, *sig, "pay", "Pay", "pay") +
            action_form(o, *sig, "cancel", "Cancel", "cancel") + "</div>";
      } else {
        content += "<p>This order is no longer waiting for a payment.</p>";
      }
      return html_page(200, "EViENT sandbox payment", content);
    } catch (const ApiError& e) {
      return html_page(e.status(), "Payment not found", "<p>" + html_escape(e.what()) + "</p>");
    }
  });

  r.post("/payments/sandbox/:order_id/complete", http::Access::Public,
         [&payments](http::Request& req) {
           auto form = parse_form(req.body);
           const std::string action = form["action"];
           try {
             if (action != "pay" && action != "cancel") {
               throw BadRequest("action must be pay or cancel", "INVALID_ACTION");
             }
             PaymentResult result =
                 payments.sandbox_complete(req.param("order_id"), form["sig"], action == "pay");
             return html_page(200, "EViENT sandbox payment",
                              "<p>" + html_escape(outcome_message(result.outcome)) + "</p>");
           } catch (const ApiError& e) {
             return html_page(e.status(), "Payment not completed",
                              "<p>" + html_escape(e.what()) + "</p>");
           }
         });
}

}  // namespace evient::api
