#include "core/text.hpp"

#include <gtest/gtest.h>

#include <string>

namespace evient::text {
namespace {

TEST(TextTrim, StripsAsciiWhitespaceOnly) {
  EXPECT_EQ(trim("  a b \t\r\n"), "a b");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim(" \n "), "");
  EXPECT_EQ(trim("x"), "x");
}

TEST(TextShortRef, IsTheLastEightHexDigitsInUpperCase) {
  EXPECT_EQ(short_ref("019ad3f0-7c1e-7a2b-9f00-0123456789ab"), "456789AB");
  // Ids minted in one millisecond share their start, never this part.
  EXPECT_NE(short_ref("019ad3f0-7c1e-7a2b-9f00-0123456789ab"),
            short_ref("019ad3f0-7c1e-7a2b-9f00-0123456789ac"));
  EXPECT_EQ(short_ref("ab-cd"), "ABCD");
}

TEST(TextLower, OnlyTouchesAscii) {
  EXPECT_EQ(ascii_lower("HeLLo Đ"), "hello Đ");
}

TEST(TextFold, VietnamesePrecomposed) {
  EXPECT_EQ(fold("Hội Chợ Đà Lạt"), "hoi cho da lat");
  EXPECT_EQ(fold("Nhạc Hội Mùa Thu Hà Nội"), "nhac hoi mua thu ha noi");
  EXPECT_EQ(fold("ĐƯỜNG PHỐ Sài Gòn"), "duong pho sai gon");
  EXPECT_EQ(fold("Ấ Ầ Ẩ Ẫ Ậ Ắ Ằ Ẳ Ẵ Ặ ế ề ể ễ ệ ỉ ị ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ ứ ừ ử ữ ự ỳ ỵ ỷ ỹ"),
            "a a a a a a a a a a e e e e e i i o o o o o o o o o o u u u u u y y y y");
}

TEST(TextFold, VietnameseDecomposed) {
  // "Hội Chợ Đà Lạt" in NFD: base letters followed by combining marks.
  std::string nfd = "Ho\u0302\u0323i Cho\u031B\u0323 \u0110a\u0300 La\u0323t";
  EXPECT_EQ(fold(nfd), "hoi cho da lat");
  EXPECT_EQ(fold("u\u031B\u0300"), "u");
}

TEST(TextFold, LatinOneAndExtendedA) {
  EXPECT_EQ(fold("Crème Brûlée à Zürich"), "creme brulee a zurich");
  EXPECT_EQ(fold("Ærøskøbing Straße Œuvre"), "aeroskobing strasse oeuvre");
  EXPECT_EQ(fold("Łódź Škoda Čapek"), "lodz skoda capek");
}

TEST(TextFold, CollapsesAndTrimsWhitespace) {
  EXPECT_EQ(fold("  Hội \t\n Chợ  "), "hoi cho");
  EXPECT_EQ(fold("a\u00A0\u3000b"), "a b");
  EXPECT_EQ(fold(""), "");
  EXPECT_EQ(fold(" \t "), "");
}

TEST(TextFold, PassesOtherScriptsThrough) {
  EXPECT_EQ(fold("Tokyo 東京 ÷ ×"), "tokyo 東京 ÷ ×");
  EXPECT_EQ(fold("МОСКВА"), "МОСКВА");
}

TEST(TextFold, ReplacesInvalidUtf8) {
  EXPECT_EQ(fold("a\xff"
                 "b"),
            "a\uFFFDb");
  EXPECT_EQ(fold("\xe1\xbb"), "\uFFFD\uFFFD");
}

TEST(TextSlugify, VietnameseTitles) {
  EXPECT_EQ(slugify("Hội Chợ Đà Lạt 2026!"), "hoi-cho-da-lat-2026");
  EXPECT_EQ(slugify("Đêm nhạc Trịnh Công Sơn — Sài Gòn"), "dem-nhac-trinh-cong-son-sai-gon");
  EXPECT_EQ(slugify("  --Rock & Roll--  "), "rock-roll");
  EXPECT_EQ(slugify("Lễ hội Áo dài (TP.HCM)"), "le-hoi-ao-dai-tp-hcm");
}

TEST(TextSlugify, NeverEmpty) {
  EXPECT_EQ(slugify(""), "event");
  EXPECT_EQ(slugify("!!! ???"), "event");
  EXPECT_EQ(slugify("東京"), "event");
}

TEST(TextSlugify, CapsLengthWithoutTrailingDash) {
  std::string title;
  for (int i = 0; i < 30; ++i) title += "word ";
  std::string slug = slugify(title);
  EXPECT_LE(slug.size(), 80u);
  EXPECT_NE(slug.back(), '-');
  EXPECT_TRUE(slug.starts_with("word-word-"));
  EXPECT_EQ(slugify(std::string(200, 'a')), std::string(80, 'a'));
  // Exactly at the boundary: 79 letters, a gap, then more must not end in '-'.
  EXPECT_EQ(slugify(std::string(79, 'a') + " bcd"), std::string(79, 'a'));
}

TEST(TextEmail, AcceptsOrdinaryAddresses) {
  for (const char* e : {"a@b.co", "first.last@example.com", "user+tag@sub.example.vn",
                        "o'brien@example.ie", "x_y-z@my-domain.io", "a@xn--p1ai.xn--p1ai"}) {
    EXPECT_TRUE(is_valid_email(e)) << e;
  }
}

TEST(TextEmail, RejectsMalformedAddresses) {
  for (const char* e : {"",
                        "plain",
                        "@example.com",
                        "user@",
                        "user@localhost",
                        "user@@example.com",
                        "a@b@example.com",
                        "user name@example.com",
                        "user@exa mple.com",
                        ".user@example.com",
                        "user.@example.com",
                        "us..er@example.com",
                        "user@.example.com",
                        "user@example.com.",
                        "user@example..com",
                        "user@-example.com",
                        "user@example-.com",
                        "user@example.c",
                        "user@10.0.0.1",
                        "user@example.com\n",
                        "user\t@example.com",
                        "user@exam_ple.com",
                        "<script>@example.com",
                        "người@example.com"}) {
    EXPECT_FALSE(is_valid_email(e)) << e;
  }
}

// Built with append: GCC 12 at -O2 warns falsely (-Wrestrict) on "literal" + std::string.
std::string email(std::string local, std::string_view domain) {
  local.append("@").append(domain);
  return local;
}

TEST(TextEmail, EnforcesLengthLimits) {
  std::string domain = std::string(63, 'd').append(".").append(63, 'e').append(".com");
  EXPECT_TRUE(is_valid_email(email(std::string(64, 'l'), domain)));
  EXPECT_FALSE(is_valid_email(email(std::string(65, 'l'), domain)));  // local part above 64
  EXPECT_FALSE(is_valid_email(email("a", std::string(64, 'd').append(".com"))));  // label > 63
  std::string long_domain;
  for (int i = 0; i < 5; ++i) long_domain.append(60, 'd').append(".");
  EXPECT_FALSE(is_valid_email(email("a", long_domain.append("com"))));  // above 254 in total
}

TEST(TextUtf8, Validates) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("Hội Chợ 東京 😀 \uFFFD"));
  EXPECT_FALSE(is_valid_utf8("\xff"));
  EXPECT_FALSE(is_valid_utf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xe0\x80\xaf"));      // overlong
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xe1\xbb"));          // truncated
  EXPECT_FALSE(is_valid_utf8("a\x80"));             // stray continuation
}

TEST(TextUrl, AcceptsHttpAndHttps) {
  for (const char* u :
       {"http://example.com", "https://example.com/", "HTTPS://Example.com/a?b=c#d",
        "https://sub.example.vn:8443/path", "http://127.0.0.1:8080", "https://[::1]:443/x",
        "https://example.com?q=1", "https://example.com#top"}) {
    EXPECT_TRUE(is_http_url(u)) << u;
  }
}

TEST(TextUrl, RejectsEverythingElse) {
  for (const char* u : {"",
                        "example.com",
                        "ftp://example.com",
                        "javascript:alert(1)",
                        "http://",
                        "https:///path",
                        "http:///example.com",
                        "http://exa mple.com",
                        "http://example.com/a b",
                        "http://example.com\n",
                        "http://\texample.com",
                        "https://user@example.com",
                        "https://good.example@evil.example",
                        "http://example.com:99999",
                        "http://example.com:",
                        "http://example.com:80a",
                        "http:\\\\example.com",
                        "https://example.com\\@evil.com",
                        "http://[::1",
                        "http://<script>/",
                        "//example.com",
                        "data:text/html,x"}) {
    EXPECT_FALSE(is_http_url(u)) << u;
  }
}

TEST(TextUrl, PathsMustBeSiteRelative) {
  EXPECT_TRUE(is_http_url_or_path("/"));
  EXPECT_TRUE(is_http_url_or_path("/uploads/banner.png?v=2"));
  EXPECT_TRUE(is_http_url_or_path("https://cdn.example.com/a.png"));
  for (const char* u : {"", "uploads/a.png", "//evil.com/a.png", "/\\evil.com", "/a b", "/a\nb",
                        "javascript:alert(1)", "./a"}) {
    EXPECT_FALSE(is_http_url_or_path(u)) << u;
  }
}

}  // namespace
}  // namespace evient::text
