#pragma once
// A checkout result as it was when its order committed, kept under the
// request's Idempotency-Key so that a retry is answered with exactly what the
// first request got, whatever happened to the order since. The encoding is the
// service's own (versioned JSON), not an HTTP response: the handler renders a
// replayed result the same way as a fresh one.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/models.hpp"
#include "services/payment_provider.hpp"

namespace evient {

struct CheckoutResult {
  Order order;
  std::optional<PaymentSession> payment;  // while the order waits for its payment
  std::vector<Ticket> tickets;            // once it is paid
};

namespace checkout {

std::string encode_snapshot(const CheckoutResult& r);
// nullopt when `text` is not a snapshot this version wrote.
std::optional<CheckoutResult> decode_snapshot(std::string_view text);

}  // namespace checkout
}  // namespace evient
