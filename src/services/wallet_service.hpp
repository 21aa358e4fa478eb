#pragma once
// The buyer's wallet: issued tickets with their events, and each ticket's QR code.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/models.hpp"
#include "services/store_handles.hpp"

namespace evient {

struct WalletPage {
  std::vector<WalletTicket> items;
  std::int64_t total = 0;
};

class WalletService {
 public:
  explicit WalletService(store::Database& db);

  // `status` is valid | used | cancelled, or nullopt for all.
  WalletPage tickets(const std::string& user_id, const std::optional<TicketStatus>& status,
                     std::int64_t limit, std::int64_t offset);
  // The ticket's code as an SVG QR code; 404 unless the ticket is the user's.
  std::string ticket_qr_svg(const std::string& user_id, const std::string& ticket_id);

 private:
  store::Database& db_;
};

// A QR code (libqrencode, error correction M) drawn as one SVG path, with the
// standard four-module quiet zone.
std::string qr_svg(std::string_view text);

}  // namespace evient
