#include "core/crypto.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <string>
#include <thread>

namespace evient::crypto {
namespace {

constexpr std::string_view kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

class CryptoTest : public ::testing::Test {
 protected:
  void SetUp() override { init(); }
};

TEST_F(CryptoTest, InitIsIdempotent) {
  EXPECT_NO_THROW(init());
  EXPECT_NO_THROW(init());
}

TEST_F(CryptoTest, RandomBytesHaveRequestedLengthAndDiffer) {
  EXPECT_EQ(random_bytes(0).size(), 0u);
  EXPECT_EQ(random_bytes(32).size(), 32u);
  EXPECT_NE(random_bytes(32), random_bytes(32));
}

TEST_F(CryptoTest, UuidV4HasCanonicalFormVersionAndVariant) {
  for (int i = 0; i < 200; ++i) {
    std::string id = uuid_v4();
    ASSERT_EQ(id.size(), 36u);
    EXPECT_TRUE(is_uuid(id)) << id;
    EXPECT_EQ(id[14], '4') << id;
    EXPECT_NE(std::string_view("89ab").find(id[19]), std::string_view::npos) << id;
    for (char c : id) EXPECT_FALSE(c >= 'A' && c <= 'F') << id;
  }
}

TEST_F(CryptoTest, UuidV7StartsWithTheTimeSoThatLaterIdsSortAfter) {
  const auto ms_now = [] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
  const auto before = ms_now();
  const std::string first = uuid_v7();
  const auto after = ms_now();
  ASSERT_TRUE(is_uuid(first)) << first;
  EXPECT_EQ(first[14], '7') << first;
  EXPECT_NE(std::string_view("89ab").find(first[19]), std::string_view::npos) << first;
  // The first 48 bits are the Unix time in milliseconds.
  const long long stamp = std::stoll(first.substr(0, 8) + first.substr(9, 4), nullptr, 16);
  EXPECT_GE(stamp, before);
  EXPECT_LE(stamp, after);
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  EXPECT_LT(first, uuid_v7());
  std::set<std::string> seen;
  for (int i = 0; i < 10000; ++i) seen.insert(uuid_v7());
  EXPECT_EQ(seen.size(), 10000u);  // 74 random bits within one millisecond
}

TEST_F(CryptoTest, UuidsAreUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 10000; ++i) seen.insert(uuid_v4());
  EXPECT_EQ(seen.size(), 10000u);
}

TEST_F(CryptoTest, IsUuidRejectsNearMisses) {
  EXPECT_TRUE(is_uuid("123e4567-e89b-42d3-a456-426614174000"));
  EXPECT_FALSE(is_uuid("123E4567-E89B-42D3-A456-426614174000"));  // canonical form only
  for (const char* s :
       {"", "123e4567e89b42d3a456426614174000", "123e4567-e89b-42d3-a456-42661417400",
        "123e4567-e89b-42d3-a456-4266141740000", "123e4567-e89b-42d3-a456_426614174000",
        "g23e4567-e89b-42d3-a456-426614174000", "{123e4567-e89b-42d3-a456-426614174000}",
        " 123e4567-e89b-42d3-a456-42661417400"}) {
    EXPECT_FALSE(is_uuid(s)) << s;
  }
}

TEST_F(CryptoTest, TicketCodeIsTwentySixCrockfordCharacters) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string code = ticket_code();
    ASSERT_EQ(code.size(), 26u);
    for (char c : code) EXPECT_NE(kCrockford.find(c), std::string_view::npos) << code;
    EXPECT_EQ(normalize_ticket_code(code), code);
    seen.insert(code);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST_F(CryptoTest, TicketCodesUseTheWholeAlphabet) {
  std::set<char> used;
  for (int i = 0; i < 200; ++i) {
    for (char c : ticket_code()) used.insert(c);
  }
  EXPECT_EQ(used.size(), kCrockford.size());
}

TEST_F(CryptoTest, NormalizeTicketCodeFixesCaseAndConfusables) {
  EXPECT_EQ(normalize_ticket_code("abc0xyz"), "ABC0XYZ");
  EXPECT_EQ(normalize_ticket_code("OoIiLl"), "001111");
  EXPECT_EQ(normalize_ticket_code("  -7K3M-  \n"), "7K3M");
  EXPECT_EQ(normalize_ticket_code("7K3M-9QRT"), "7K3M9QRT");
  EXPECT_EQ(normalize_ticket_code(""), "");
}

TEST_F(CryptoTest, PasswordHashVerifiesOnlyTheRightPassword) {
  std::string hash = hash_password("correct horse battery staple");
  EXPECT_TRUE(hash.starts_with("$argon2id$")) << hash;
  EXPECT_NE(hash.find("m=19456,t=2"), std::string::npos) << hash;
  EXPECT_TRUE(verify_password(hash, "correct horse battery staple"));
  EXPECT_FALSE(verify_password(hash, "correct horse battery stapler"));
  EXPECT_FALSE(verify_password(hash, ""));
}

TEST_F(CryptoTest, PasswordHashesAreSalted) {
  EXPECT_NE(hash_password("same"), hash_password("same"));
}

TEST_F(CryptoTest, PasswordHashHandlesUnicodeAndEmbeddedNul) {
  std::string with_nul("pa\0ss", 5);
  std::string hash = hash_password(with_nul);
  EXPECT_TRUE(verify_password(hash, with_nul));
  EXPECT_FALSE(verify_password(hash, "pa"));
  std::string vietnamese = hash_password("Mật khẩu");
  EXPECT_TRUE(verify_password(vietnamese, "Mật khẩu"));
  EXPECT_FALSE(verify_password(vietnamese, "Mat khau"));
}

TEST_F(CryptoTest, VerifyPasswordRejectsGarbageHashes) {
  EXPECT_FALSE(verify_password("", "x"));
  EXPECT_FALSE(verify_password("not a hash", "x"));
  EXPECT_FALSE(verify_password(std::string(500, 'a'), "x"));
  std::string hash = hash_password("x");
  EXPECT_FALSE(verify_password(hash.substr(0, hash.size() - 2), "x"));
}

TEST_F(CryptoTest, HmacSha256MatchesRfc4231) {
  EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  // Test case 6: a key longer than the block size is hashed first.
  EXPECT_EQ(hmac_sha256_hex(std::string(131, '\xaa'),
                            "Test Using Larger Than Block-Size Key - Hash Key First"),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST_F(CryptoTest, Sha256MatchesKnownDigests) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_F(CryptoTest, ConstantTimeEqual) {
  EXPECT_TRUE(constant_time_equal("", ""));
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "abcd"));
  EXPECT_FALSE(constant_time_equal("", "a"));
}

TEST_F(CryptoTest, HexEncode) {
  EXPECT_EQ(hex_encode(""), "");
  EXPECT_EQ(hex_encode(std::string("\x00\x01\xab\xff", 4)), "0001abff");
}

}  // namespace
}  // namespace evient::crypto
