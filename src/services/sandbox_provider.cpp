#include "services/sandbox_provider.hpp"

#include <boost/json.hpp>
#include <charconv>

#include "core/crypto.hpp"
#include "core/errors.hpp"
#include "core/log.hpp"

namespace evient {
namespace json = boost::json;

namespace sandbox {

std::optional<SignatureHeader> parse_signature_header(std::string_view header) {
  SignatureHeader out;
  bool has_t = false;
  while (!header.empty()) {
    const std::size_t comma = header.find(',');
    std::string_view part = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    const std::size_t eq = part.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string_view key = part.substr(0, eq);
    const std::string_view value = part.substr(eq + 1);
    if (key == "t") {
      std::int64_t t = 0;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), t);
      if (ec != std::errc() || p != value.data() + value.size() || value.empty() || t < 0) {
        return std::nullopt;
      }
      out.timestamp = t;
      has_t = true;
    } else if (key == "v1" && !value.empty()) {
      out.signatures.emplace_back(value);
    }
  }
  if (!has_t || out.signatures.empty()) return std::nullopt;
  return out;
}

std::string sign(std::string_view secret, std::int64_t timestamp, std::string_view body) {
  const std::string t = std::to_string(timestamp);
  std::string message = t + ".";
  message.append(body);
  return "t=" + t + ",v1=" + crypto::hmac_sha256_hex(secret, message);
}

bool verify_signature(std::string_view secret, std::string_view header, std::string_view body,
                      Timestamp now, std::chrono::seconds tolerance) {
  auto parsed = parse_signature_header(header);
  if (!parsed) return false;
  const std::int64_t age = now.time_since_epoch().count() - parsed->timestamp;
  if (age > tolerance.count() || age < -tolerance.count()) return false;
  std::string message = std::to_string(parsed->timestamp) + ".";
  message.append(body);
  const std::string expected = crypto::hmac_sha256_hex(secret, message);
  bool match = false;
  for (const auto& s : parsed->signatures) match |= crypto::constant_time_equal(expected, s);
  return match;
}

std::string notification_body(const std::string& order_id, const std::string& transaction_id,
                              bool succeeded, Minor amount) {
  json::object o{{"order_id", order_id},
                 {"transaction_id", transaction_id},
                 {"status", succeeded ? "succeeded" : "failed"},
                 {"amount", money_to_json(amount)}};
  return json::serialize(o);
}

std::string page_signature(std::string_view secret, std::string_view order_id) {
  std::string message = "sandbox-page:";
  message.append(order_id);
  return crypto::hmac_sha256_hex(secret, message);
}

}  // namespace sandbox

namespace {

[[noreturn]] void invalid_payload(const std::string& why) {
  throw BadRequest("Invalid payment notification: " + why, "INVALID_PAYLOAD");
}

std::string required_string(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  if (!v || !v->is_string() || v->as_string().empty() || v->as_string().size() > 200 ||
      std::string_view(v->as_string()).find('\0') != std::string_view::npos) {
    invalid_payload(std::string(key) + " must be a non-empty string");
  }
  return std::string(v->as_string());
}

}  // namespace

SandboxProvider::SandboxProvider(std::string secret, std::string public_url, const Clock& clock)
    : secret_(std::move(secret)), public_url_(std::move(public_url)), clock_(clock) {}

PaymentSession SandboxProvider::create_payment(const Order& order) const {
  return {name(), public_url_ + "/checkout/sandbox/" + order.id +
                      "?sig=" + sandbox::page_signature(secret_, order.id)};
}

PaymentNotification SandboxProvider::verify_notification(const HeaderMap& headers,
                                                         std::string_view raw_body) const {
  auto it = headers.find(sandbox::kSignatureHeader);
  if (it == headers.end() ||
      !sandbox::verify_signature(secret_, it->second, raw_body, clock_.now())) {
    throw BadRequest("Missing, invalid or expired payment signature", "INVALID_SIGNATURE");
  }
  boost::system::error_code ec;
  json::value v = json::parse(raw_body, ec);
  if (ec || !v.is_object()) invalid_payload("body must be a JSON object");
  const json::object& o = v.as_object();
  PaymentNotification n;
  n.order_id = required_string(o, "order_id");
  n.transaction_id = required_string(o, "transaction_id");
  const std::string status = required_string(o, "status");
  if (status == "succeeded") {
    n.status = PaymentNotification::Status::Paid;
  } else if (status == "failed") {
    n.status = PaymentNotification::Status::Failed;
  } else {
    invalid_payload("status must be succeeded or failed");
  }
  const json::value* amount = o.if_contains("amount");
  auto minor = amount ? money_from_json(*amount) : std::nullopt;
  if (!minor) invalid_payload("amount must be a non-negative amount");
  n.amount = *minor;
  return n;
}

bool SandboxProvider::refund(const Order& order) {
  log::info("sandbox refund of order " + order.id + " (" + money_to_string(order.total_amount) +
            ")");
  return true;
}

bool SandboxProvider::valid_page_signature(std::string_view order_id, std::string_view sig) const {
  return crypto::constant_time_equal(sandbox::page_signature(secret_, order_id), sig);
}

std::pair<HeaderMap, std::string> SandboxProvider::make_notification(const Order& order,
                                                                     bool succeeded) const {
  const std::string tx_id = "sbx_" + crypto::hex_encode(crypto::random_bytes(12));
  std::string body = sandbox::notification_body(order.id, tx_id, succeeded, order.total_amount);
  HeaderMap headers{{sandbox::kSignatureHeader,
                     sandbox::sign(secret_, clock_.now().time_since_epoch().count(), body)}};
  return {std::move(headers), std::move(body)};
}

}  // namespace evient
