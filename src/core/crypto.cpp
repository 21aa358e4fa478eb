#include "core/crypto.hpp"

#include <sodium.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <stdexcept>

namespace evient::crypto {
namespace {

constexpr std::string_view kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr std::size_t kTicketCodeLength = 26;  // 26 * 5 bits = 130 bits
constexpr unsigned long long kPasswordOpsLimit = 2;
constexpr std::size_t kPasswordMemLimit = 19u * 1024u * 1024u;

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

bool is_lower_hex_digit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

bool is_code_separator(char c) {
  return c == '-' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Sets the version and the RFC 9562 variant, then writes the canonical form.
std::string uuid_text(std::array<unsigned char, 16>& b, int version) {
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | (version << 4));
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  std::string hex = hex_encode(std::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
  return hex.substr(0, 8) + '-' + hex.substr(8, 4) + '-' + hex.substr(12, 4) + '-' +
         hex.substr(16, 4) + '-' + hex.substr(20);
}

}  // namespace

void init() {
  // sodium_init returns 1 when already initialised, -1 only on failure.
  if (sodium_init() < 0) throw std::runtime_error("libsodium initialisation failed");
}

std::string random_bytes(std::size_t n) {
  std::string out(n, '\0');
  randombytes_buf(out.data(), n);
  return out;
}

std::string uuid_v4() {
  std::array<unsigned char, 16> b{};
  randombytes_buf(b.data(), b.size());
  return uuid_text(b, 4);
}

std::string uuid_v7() {
  std::array<unsigned char, 16> b{};
  randombytes_buf(b.data(), b.size());
  const auto ms =
      static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count());
  for (int i = 0; i < 6; ++i)
    b[static_cast<std::size_t>(i)] = static_cast<unsigned char>(ms >> (40 - 8 * i));
  return uuid_text(b, 7);
}

// Accepts either hex case (RFC 4122 input is case-insensitive); the version is not
// checked so ids minted elsewhere still validate.
bool is_uuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    bool dash_position = i == 8 || i == 13 || i == 18 || i == 23;
    // Canonical lower case only: SQLite compares ids as text, so "ABC..." would
    // miss there while PostgreSQL's uuid type found it. Both engines now agree.
    if (dash_position ? s[i] != '-' : !is_lower_hex_digit(s[i])) return false;
  }
  return true;
}

std::string ticket_code() {
  // One random byte per character, masked to 5 bits: uniform over the 32 symbols.
  std::string raw = random_bytes(kTicketCodeLength);
  std::string code(kTicketCodeLength, '0');
  for (std::size_t i = 0; i < kTicketCodeLength; ++i) {
    code[i] = kCrockford[static_cast<unsigned char>(raw[i]) & 0x1f];
  }
  return code;
}

// Separators are dropped wherever they appear, not only around the code: Crockford
// base32 treats hyphens as readability marks, and printed codes may be grouped.
std::string normalize_ticket_code(std::string_view code) {
  std::string out;
  out.reserve(code.size());
  for (char c : code) {
    if (is_code_separator(c)) continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == 'I' || c == 'L') c = '1';
    if (c == 'O') c = '0';
    out += c;
  }
  return out;
}

std::string hash_password(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kPasswordOpsLimit,
                            kPasswordMemLimit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("password hashing ran out of memory");
  }
  return out;
}

bool verify_password(std::string_view hash, std::string_view password) {
  // libsodium reads a NUL-terminated string of bounded length.
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  if (hash.find('\0') != std::string_view::npos) return false;
  std::string terminated(hash);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

// The streaming API takes a key of any length (HMAC semantics), whereas the
// one-shot crypto_auth_hmacsha256 insists on exactly 32 key bytes.
std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
  crypto_auth_hmacsha256_state state;
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_init(&state, bytes(key), key.size());
  crypto_auth_hmacsha256_update(&state, bytes(message), message.size());
  crypto_auth_hmacsha256_final(&state, mac);
  return hex_encode(std::string_view(reinterpret_cast<const char*>(mac), sizeof mac));
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, bytes(data), data.size());
  return hex_encode(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

// Lengths are public (a MAC or token has a fixed size); only contents are compared
// in constant time.
bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string hex_encode(std::string_view data) {
  std::string out(data.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes(data), data.size());
  out.pop_back();  // the terminating NUL written by sodium_bin2hex
  return out;
}

}  // namespace evient::crypto
