// The wallet: GET /api/users/tickets?status=, GET /api/users/tickets/:id/qr.svg
#include "api/routes.hpp"
#include "api/serializers.hpp"
#include "http/envelope.hpp"
#include "services/wallet_service.hpp"

namespace evient::api {

namespace {

std::optional<TicketStatus> status_filter(const http::Request& req) {
  const std::string* text = req.query_param("status");
  if (!text || text->empty()) return std::nullopt;
  const auto status = parse<TicketStatus>(*text);
  if (!status) {
    throw ValidationError("status", "INVALID", "status must be valid, used or cancelled");
  }
  return status;
}

}  // namespace

void register_ticket_routes(http::Router& r, WalletService& wallet) {
  r.get("/api/users/tickets", http::Access::User, [&wallet](http::Request& req) {
    const auto status = status_filter(req);
    http::PageRequest page = http::parse_page(req, 50, 100);
    WalletPage result = wallet.tickets(req.user().user_id, status, page.limit, page.offset());
    return http::paged(to_array(result.items, wallet_ticket_json), page, result.total);
  });

  r.get("/api/users/tickets/:id/qr.svg", http::Access::User, [&wallet](http::Request& req) {
    http::Response res;
    res.content_type = "image/svg+xml";
    res.body = wallet.ticket_qr_svg(req.user().user_id, req.param("id"));
    // The code admits its holder: keep it out of shared caches.
    res.headers.emplace_back("Cache-Control", "private, no-store");
    return res;
  });
}

}  // namespace evient::api
