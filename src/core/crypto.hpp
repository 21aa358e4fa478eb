#pragma once
// Randomness, ids, password hashing and MACs, all from libsodium.
#include <cstdint>
#include <string>
#include <string_view>

namespace evient::crypto {

// Must be called once before anything else here (sodium_init); idempotent.
void init();

std::string random_bytes(std::size_t n);
// UUID v4 in canonical lower-case form, from the system's secure random source.
std::string uuid_v4();
// UUID v7 (RFC 9562): the Unix time in milliseconds, then 74 random bits. The
// ids of rows written on the hot path (orders, their items, tickets,
// notifications): consecutive ids sort together, so inserting them appends to
// the right edge of each primary-key index instead of dirtying a random page
// of it per row, which a commit must then write (and fsync) whole.
std::string uuid_v7();
bool is_uuid(std::string_view s);
// 130 bits of randomness as 26 Crockford base32 characters (0-9, A-Z without I L O U).
std::string ticket_code();
// Upper-cases and maps the confusable letters (I,L -> 1, O -> 0) so a code typed or
// scanned in any case still matches. Strips surrounding whitespace and dashes.
std::string normalize_ticket_code(std::string_view code);

// Argon2id (libsodium crypto_pwhash_str), OWASP strength: 19 MiB, t=2.
std::string hash_password(std::string_view password);
bool verify_password(std::string_view hash, std::string_view password);

std::string hmac_sha256_hex(std::string_view key, std::string_view message);
std::string sha256_hex(std::string_view data);
bool constant_time_equal(std::string_view a, std::string_view b);
std::string hex_encode(std::string_view bytes);

}  // namespace evient::crypto
