#pragma once
#include <string>
#include <string_view>

namespace evient::text {

std::string trim(std::string_view s);
std::string ascii_lower(std::string_view s);
// Lower case with diacritics folded to ASCII, for search: "Hội Chợ Đà Lạt" -> "hoi cho da lat".
// Handles Vietnamese (precomposed and combining marks), Latin-1 and Latin Extended-A letters;
// other code points pass through lower-cased where ASCII, unchanged otherwise. Runs of
// whitespace collapse to one space.
std::string fold(std::string_view utf8);
// URL slug from a title: folded, [a-z0-9] words joined by '-', at most 80 chars,
// never empty ("event" when nothing is left).
std::string slugify(std::string_view title);
// The short reference of an id shown to people: its last 8 hex digits, upper
// case (the random part; a UUID v7 starts with the time, which the orders of
// one on-sale share).
std::string short_ref(std::string_view uuid);
bool is_valid_email(std::string_view email);
bool is_valid_utf8(std::string_view s);
// Text that may span lines: no control characters other than tab, CR and LF
// (no NUL, no other C0, no DEL, no C1). Expects valid UTF-8.
bool is_free_text(std::string_view utf8);
// One line of plain text, for names and titles: no control character at all,
// no line or paragraph separator, and no bidirectional embedding, override or
// isolate (which can make a name read as another). Expects valid UTF-8.
bool is_single_line(std::string_view utf8);
// Appends the UTF-8 encoding of one code point.
void append_utf8(char32_t cp, std::string& out);
// http:// or https:// URL with a host.
bool is_http_url(std::string_view url);
// http(s) URL or a site-relative path starting with a single '/'.
bool is_http_url_or_path(std::string_view url);

}  // namespace evient::text
