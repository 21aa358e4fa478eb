#pragma once
#include <string>
#include <string_view>

namespace evient {

// Allow-list HTML sanitizer for event content shown to buyers. Keeps common
// formatting tags (p, br, b, strong, i, em, u, s, ul, ol, li, h1-h6, blockquote,
// pre, code, a, img, span, div, table, thead, tbody, tr, th, td, hr, figure,
// figcaption) and a few attributes (href on a, src/alt/width/height on img,
// title everywhere); drops everything else. script/style/iframe/object elements
// are removed with their content; on* attributes are removed; href/src must be
// http(s), mailto or site-relative. Text is re-escaped. Output is well-formed.
std::string sanitize_html(std::string_view html);

// Escapes text for an HTML text node or a quoted attribute value (& < > " ').
std::string html_escape(std::string_view text);

}  // namespace evient
