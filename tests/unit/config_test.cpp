#include "core/config.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace evient {
namespace {

TEST(PaymentProviderChoice, SqliteDefaultsToTheSandbox) {
  Config c;
  c.db = "data/evient.db";
  resolve_payment_provider(c);
  EXPECT_EQ(c.payment_provider, "sandbox");
}

TEST(PaymentProviderChoice, PostgresMustChoose) {
  Config c;
  c.db = "postgres://evient@localhost/evient";
  EXPECT_THROW(resolve_payment_provider(c), std::invalid_argument);
  c.payment_provider = "sandbox";
  EXPECT_NO_THROW(resolve_payment_provider(c));
}

TEST(PaymentProviderChoice, UnknownProvidersAreRefused) {
  Config c;
  c.payment_provider = "stripe";
  EXPECT_THROW(resolve_payment_provider(c), std::invalid_argument);
}

TEST(HoldBounds, ReadFromTheEnvironmentAndFlags) {
  const Config c = load_config({"--max-pending-orders", "2", "--max-held-per-ip=0"}, nullptr);
  EXPECT_EQ(c.max_pending_orders_per_user, 2);
  EXPECT_EQ(c.max_held_tickets_per_ip, 0);
  EXPECT_EQ(Config{}.max_pending_orders_per_user, 5);
  EXPECT_EQ(Config{}.max_held_tickets_per_ip, 50);
}

}  // namespace
}  // namespace evient
