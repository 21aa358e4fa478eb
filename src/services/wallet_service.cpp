#include "services/wallet_service.hpp"

#include <qrencode.h>

#include <memory>
#include <stdexcept>

#include "core/errors.hpp"
#include "store/db.hpp"
#include "store/tickets_repo.hpp"

namespace evient {

WalletService::WalletService(store::Database& db) : db_(db) {}

WalletPage WalletService::tickets(const std::string& user_id,
                                  const std::optional<TicketStatus>& status, std::int64_t limit,
                                  std::int64_t offset) {
  return db_.read([&](store::Tx& tx) {
    WalletPage page;
    page.items = store::tickets::wallet(tx, user_id, status, limit, offset);
    page.total = store::tickets::wallet_count(tx, user_id, status);
    return page;
  });
}

std::string WalletService::ticket_qr_svg(const std::string& user_id, const std::string& ticket_id) {
  auto ticket = db_.read(
      [&](store::Tx& tx) { return store::tickets::find_for_user(tx, user_id, ticket_id); });
  if (!ticket) throw NotFound("Ticket not found", "TICKET_NOT_FOUND");
  return qr_svg(ticket->ticket_code);
}

std::string qr_svg(std::string_view text) {
  const std::string input(text);
  std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(
      QRcode_encodeString(input.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
  if (!qr) throw std::runtime_error("QR encoding failed");
  constexpr int kQuiet = 4;
  const int width = qr->width;
  const int size = width + 2 * kQuiet;
  std::string path;
  path.reserve(static_cast<std::size_t>(width) * width * 4);
  for (int y = 0; y < width; ++y) {
    for (int x = 0; x < width; ++x) {
      // Bit 0 of each byte is the module's colour (1 = dark).
      if (qr->data[y * width + x] & 1) {
        path += 'M' + std::to_string(x + kQuiet) + ' ' + std::to_string(y + kQuiet) + "h1v1h-1z";
      }
    }
  }
  const std::string dim = std::to_string(size);
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
         dim + " " + dim + "\" width=\"" + std::to_string(size * 8) + "\" height=\"" +
         std::to_string(size * 8) +
         "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
         "<path fill=\"#000\" d=\"" +
         path + "\"/></svg>\n";
}

}  // namespace evient
