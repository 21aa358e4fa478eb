#include "core/html_sanitizer.hpp"

#include <gtest/gtest.h>

#include <string>

namespace evient {
namespace {

// Lower-cased output contains none of the markers an injected script would need.
void expect_inert(const std::string& html) {
  std::string out = sanitize_html(html);
  std::string lower;
  for (char c : out) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  EXPECT_EQ(lower.find("<script"), std::string::npos) << html << " -> " << out;
  EXPECT_EQ(lower.find("javascript:"), std::string::npos) << html << " -> " << out;
  EXPECT_EQ(lower.find(" on"), std::string::npos) << html << " -> " << out;
  EXPECT_EQ(lower.find("<svg"), std::string::npos) << html << " -> " << out;
  EXPECT_EQ(lower.find("<iframe"), std::string::npos) << html << " -> " << out;
  EXPECT_EQ(lower.find("<style"), std::string::npos) << html << " -> " << out;
}

TEST(HtmlSanitizer, KeepsAllowedFormatting) {
  EXPECT_EQ(sanitize_html("<p>Hello <b>bold</b> <em>em</em><br>line</p>"),
            "<p>Hello <b>bold</b> <em>em</em><br>line</p>");
  EXPECT_EQ(sanitize_html("<ul><li>one</li><li>two</li></ul>"),
            "<ul><li>one</li><li>two</li></ul>");
  EXPECT_EQ(sanitize_html("<H2 Title=\"x\">Heading</H2>"), "<h2 title=\"x\">Heading</h2>");
  EXPECT_EQ(sanitize_html("<table><tbody><tr><td>1</td></tr></tbody></table><hr/>"),
            "<table><tbody><tr><td>1</td></tr></tbody></table><hr>");
}

TEST(HtmlSanitizer, PlainTextIsEscaped) {
  EXPECT_EQ(sanitize_html("Tom & Jerry > 3 < 4 \"quoted\""),
            "Tom &amp; Jerry &gt; 3 &lt; 4 \"quoted\"");
  EXPECT_EQ(sanitize_html("Hội Chợ Đà Lạt"), "Hội Chợ Đà Lạt");
  EXPECT_EQ(sanitize_html(""), "");
}

TEST(HtmlSanitizer, EntitiesAreDecodedThenReescapedOnce) {
  EXPECT_EQ(sanitize_html("a &amp; b &lt;i&gt;"), "a &amp; b &lt;i&gt;");
  EXPECT_EQ(sanitize_html("&copy; 2026 &#8211; &#x1F600; &nbsp;"), "© 2026 – 😀 \u00A0");
  EXPECT_EQ(sanitize_html("&unknown; & &#; &#0;"), "&amp;unknown; &amp; &amp;#; \uFFFD");
}

TEST(HtmlSanitizer, RemovesScriptWithContent) {
  EXPECT_EQ(sanitize_html("<script>alert(1)</script>ok"), "ok");
  EXPECT_EQ(sanitize_html("a<SCRIPT type=\"text/javascript\">alert(1)</ScRiPt >b"), "ab");
  EXPECT_EQ(sanitize_html("<script>var s = '<b>not markup</b>';</script>x"), "x");
  EXPECT_EQ(sanitize_html("<script>alert(1)</scriptx></script>y"), "y");
  EXPECT_EQ(sanitize_html("<p>before<script>alert(1)"), "<p>before</p>");
}

TEST(HtmlSanitizer, RemovesStyleIframeObjectWithContent) {
  EXPECT_EQ(sanitize_html("<style>body{background:url(javascript:x)}</style>t"), "t");
  EXPECT_EQ(sanitize_html("<iframe src=\"https://evil.example\">fallback</iframe>t"), "t");
  EXPECT_EQ(sanitize_html("<object data=\"x.swf\"><param name=a></object>t"), "t");
  EXPECT_EQ(sanitize_html("<svg onload=alert(1)><circle/></svg>t"), "t");
  EXPECT_EQ(sanitize_html("<svg/onload=alert(1)>"), "");
}

TEST(HtmlSanitizer, DropsEventHandlers) {
  EXPECT_EQ(sanitize_html("<img src=x onerror=alert(1)>"), "<img>");
  EXPECT_EQ(sanitize_html("<p onclick=\"alert(1)\" title='t'>x</p>"), "<p title=\"t\">x</p>");
  EXPECT_EQ(sanitize_html("<b/onmouseover=alert(1)>x</b>"), "<b>x</b>");
}

TEST(HtmlSanitizer, KeepsSafeLinksAndImages) {
  EXPECT_EQ(sanitize_html("<a href=\"https://example.com/a?b=1&amp;c=2\">x</a>"),
            "<a href=\"https://example.com/a?b=1&amp;c=2\">x</a>");
  EXPECT_EQ(sanitize_html("<a href='/events/hoi-cho'>x</a>"), "<a href=\"/events/hoi-cho\">x</a>");
  EXPECT_EQ(sanitize_html("<a href=\"mailto:hi@example.com\">mail</a>"),
            "<a href=\"mailto:hi@example.com\">mail</a>");
  EXPECT_EQ(sanitize_html("<img src=\"https://cdn.example.com/a.png\" alt=\"A &quot;b&quot;\" "
                          "width=\"640\" height=480 style=\"x\">"),
            "<img src=\"https://cdn.example.com/a.png\" alt=\"A &quot;b&quot;\" width=\"640\" "
            "height=\"480\">");
}

TEST(HtmlSanitizer, DropsDangerousUrls) {
  EXPECT_EQ(sanitize_html("<a href=\"javascript:alert(1)\">x</a>"), "<a>x</a>");
  EXPECT_EQ(sanitize_html("<a href=\" JaVaScRiPt:alert(1)\">x</a>"), "<a>x</a>");
  EXPECT_EQ(sanitize_html("<a href=\"javascript&#58;alert(1)\">x</a>"), "<a>x</a>");
  EXPECT_EQ(sanitize_html("<a href=\"javascript&#x3A;alert(1)\">x</a>"), "<a>x</a>");
  EXPECT_EQ(sanitize_html("<a href=\"&#106;avascript:alert(1)\">x</a>"), "<a>x</a>");
  EXPECT_EQ(sanitize_html("<a href=\"java\tscript:alert(1)\">x</a>"), "<a>x</a>");
  EXPECT_EQ(sanitize_html("<a href=\"java&#x09;script:alert(1)\">x</a>"), "<a>x</a>");
  EXPECT_EQ(sanitize_html("<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>"), "<a>x</a>");
  EXPECT_EQ(sanitize_html("<a href=\"//evil.example/\">x</a>"), "<a>x</a>");
  EXPECT_EQ(sanitize_html("<a href=\"/\\evil.example/\">x</a>"), "<a>x</a>");
  EXPECT_EQ(sanitize_html("<img src=\"mailto:a@b.co\">"), "<img>");
  EXPECT_EQ(sanitize_html("<a src=\"/x\" width=1>x</a>"), "<a>x</a>");
  EXPECT_EQ(sanitize_html("<img width=\"100%\" height=\"-1\">"), "<img>");
}

TEST(HtmlSanitizer, AttributeValuesCannotBreakOut) {
  EXPECT_EQ(sanitize_html("<p title='a\" onclick=\"alert(1)'>x</p>"),
            "<p title=\"a&quot; onclick=&quot;alert(1)\">x</p>");
  EXPECT_EQ(sanitize_html("<p title=\"&lt;script&gt;\">x</p>"),
            "<p title=\"&lt;script&gt;\">x</p>");
  EXPECT_EQ(sanitize_html("<p title=a&amp;b>x</p>"), "<p title=\"a&amp;b\">x</p>");
}

TEST(HtmlSanitizer, FirstDuplicateAttributeWins) {
  EXPECT_EQ(sanitize_html("<a href=\"/ok\" href=\"javascript:x\">x</a>"), "<a href=\"/ok\">x</a>");
  EXPECT_EQ(sanitize_html("<a href=\"javascript:x\" href=\"/ok\">x</a>"), "<a>x</a>");
}

TEST(HtmlSanitizer, RemovesComments) {
  EXPECT_EQ(sanitize_html("a<!-- <script>alert(1)</script> -->b"), "ab");
  EXPECT_EQ(sanitize_html("a<!-->b"), "ab");
  EXPECT_EQ(sanitize_html("a<!-- never closed <b>x</b>"), "a");
  EXPECT_EQ(sanitize_html("<!DOCTYPE html><?xml version=\"1.0\"?>t"), "t");
}

TEST(HtmlSanitizer, DropsUnknownTagsButKeepsTheirText) {
  EXPECT_EQ(sanitize_html("<font color=red>red</font> <marquee>m</marquee>"), "red m");
  EXPECT_EQ(sanitize_html("<form action=/x><input value=1>f</form>"), "f");
}

TEST(HtmlSanitizer, ClosesUnclosedTagsAndDropsStrayCloses) {
  EXPECT_EQ(sanitize_html("<p><b>bold"), "<p><b>bold</b></p>");
  EXPECT_EQ(sanitize_html("<div><p>x</div>y"), "<div><p>x</p></div>y");
  EXPECT_EQ(sanitize_html("</p>x</b></br>"), "x");
  EXPECT_EQ(sanitize_html("<b><i>x</b></i>"), "<b><i>x</i></b>");
}

TEST(HtmlSanitizer, UnterminatedTagsAreDropped) {
  EXPECT_EQ(sanitize_html("ok<img src=x onerror=alert(1)"), "ok");
  EXPECT_EQ(sanitize_html("ok<a href=\"/x>never"), "ok");
  EXPECT_EQ(sanitize_html("ok<b"), "ok");
}

TEST(HtmlSanitizer, StrayAngleBracketsAreText) {
  EXPECT_EQ(sanitize_html("1 < 2 and 3 <4 <"), "1 &lt; 2 and 3 &lt;4 &lt;");
  EXPECT_EQ(sanitize_html("< script>alert(1)</script>"), "&lt; script&gt;alert(1)");
  EXPECT_EQ(sanitize_html("</ b>x"), "x");
}

TEST(HtmlSanitizer, NestedTrickeryStaysInert) {
  for (const char* attack : {
           "<scr<script>ipt>alert(1)</script>",
           "<<script>script>alert(1)<</script>/script>",
           "<img src=\"x\" / onerror=\"alert(1)\">",
           "<img\nsrc=x\nonerror=alert(1)>",
           "<a href=\"javascript&colon;alert(1)\">x</a>",
           "<a href=javascript:alert(1)>x</a>",
           "<a href=\"jav&#x0A;ascript:alert(1)\">x</a>",
           "<div style=\"background:url(javascript:alert(1))\">x</div>",
           "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
           "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
           "<svg><script>alert(1)</script></svg>",
           "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
           "<body onload=alert(1)>",
           "<a href=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#"
           "0000112&#0000116&#0000058alert(1)\">x</a>",
       }) {
    expect_inert(attack);
  }
}

TEST(HtmlSanitizer, OutputIsStableWhenSanitizedAgain) {
  for (const char* html : {"<p>Hi <a href=\"/x?a=1&amp;b=2\" title='t\"'>l</a> &amp; &lt;</p>",
                           "<img src=/a.png alt=\"<b>\"><ul><li>x", "text &copy; <b>bold"}) {
    std::string once = sanitize_html(html);
    EXPECT_EQ(sanitize_html(once), once) << html;
  }
}

TEST(HtmlSanitizer, HandlesLargeAdversarialInputQuickly) {
  std::string many_tags;
  for (int i = 0; i < 20000; ++i) many_tags += "<svg></svg><div>";
  std::string out = sanitize_html(many_tags);
  EXPECT_EQ(out.size(), 20000u * (5 + 6));  // every <div> kept and closed at the end
  std::string ampersands(200000, '&');
  EXPECT_EQ(sanitize_html(ampersands).size(), 200000u * 5);
}

}  // namespace
}  // namespace evient
