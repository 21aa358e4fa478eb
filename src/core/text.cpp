#include "core/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace evient::text {
namespace {

constexpr char32_t kReplacement = 0xFFFD;
constexpr std::size_t kMaxSlugLength = 80;
constexpr std::size_t kMaxEmailLength = 254;
constexpr std::size_t kMaxLocalPartLength = 64;
constexpr std::size_t kMaxLabelLength = 63;

struct Decoded {
  char32_t code_point;
  std::size_t length;
};

// Strict UTF-8: rejects overlong forms, surrogates and values above U+10FFFF,
// reporting each bad byte as one U+FFFD so decoding always moves forward.
Decoded decode_utf8(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char lead = byte(i);
  if (lead < 0x80) return {lead, 1};
  std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
  if (length == 0 || lead > 0xF4 || i + length > s.size()) return {kReplacement, 1};
  char32_t cp = lead & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return {kReplacement, 1};
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  static constexpr std::array<char32_t, 5> kMinimum = {0, 0, 0x80, 0x800, 0x10000};
  bool bad = cp < kMinimum[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF);
  return bad ? Decoded{kReplacement, 1} : Decoded{cp, length};
}

struct FoldRange {
  char32_t first;
  char32_t last;
  const char* ascii;
};

// Sorted, non-overlapping ranges of letters and the ASCII they fold to. Gaps (×, ÷)
// are symbols that pass through unchanged.
constexpr auto kFoldRanges = std::to_array<FoldRange>({
    // Latin-1 Supplement
    {0x00C0, 0x00C5, "a"},
    {0x00C6, 0x00C6, "ae"},
    {0x00C7, 0x00C7, "c"},
    {0x00C8, 0x00CB, "e"},
    {0x00CC, 0x00CF, "i"},
    {0x00D0, 0x00D0, "d"},
    {0x00D1, 0x00D1, "n"},
    {0x00D2, 0x00D6, "o"},
    {0x00D8, 0x00D8, "o"},
    {0x00D9, 0x00DC, "u"},
    {0x00DD, 0x00DD, "y"},
    {0x00DE, 0x00DE, "th"},
    {0x00DF, 0x00DF, "ss"},
    {0x00E0, 0x00E5, "a"},
    {0x00E6, 0x00E6, "ae"},
    {0x00E7, 0x00E7, "c"},
    {0x00E8, 0x00EB, "e"},
    {0x00EC, 0x00EF, "i"},
    {0x00F0, 0x00F0, "d"},
    {0x00F1, 0x00F1, "n"},
    {0x00F2, 0x00F6, "o"},
    {0x00F8, 0x00F8, "o"},
    {0x00F9, 0x00FC, "u"},
    {0x00FD, 0x00FD, "y"},
    {0x00FE, 0x00FE, "th"},
    {0x00FF, 0x00FF, "y"},
    // Latin Extended-A (Đ/đ are U+0110/U+0111)
    {0x0100, 0x0105, "a"},
    {0x0106, 0x010D, "c"},
    {0x010E, 0x0111, "d"},
    {0x0112, 0x011B, "e"},
    {0x011C, 0x0123, "g"},
    {0x0124, 0x0127, "h"},
    {0x0128, 0x0131, "i"},
    {0x0132, 0x0133, "ij"},
    {0x0134, 0x0135, "j"},
    {0x0136, 0x0138, "k"},
    {0x0139, 0x0142, "l"},
    {0x0143, 0x014B, "n"},
    {0x014C, 0x0151, "o"},
    {0x0152, 0x0153, "oe"},
    {0x0154, 0x0159, "r"},
    {0x015A, 0x0161, "s"},
    {0x0162, 0x0167, "t"},
    {0x0168, 0x0173, "u"},
    {0x0174, 0x0175, "w"},
    {0x0176, 0x0178, "y"},
    {0x0179, 0x017E, "z"},
    {0x017F, 0x017F, "s"},
    // Latin Extended-B: African D (often typed for Đ), Vietnamese horned o/u
    {0x0189, 0x0189, "d"},
    {0x01A0, 0x01A1, "o"},
    {0x01AF, 0x01B0, "u"},
    // Latin Extended Additional: the Vietnamese tone-marked vowels
    {0x1EA0, 0x1EB7, "a"},
    {0x1EB8, 0x1EC7, "e"},
    {0x1EC8, 0x1ECB, "i"},
    {0x1ECC, 0x1EE3, "o"},
    {0x1EE4, 0x1EF1, "u"},
    {0x1EF2, 0x1EF9, "y"},
});

const char* fold_letter(char32_t cp) {
  auto it = std::lower_bound(kFoldRanges.begin(), kFoldRanges.end(), cp,
                             [](const FoldRange& r, char32_t c) { return r.last < c; });
  if (it == kFoldRanges.end() || cp < it->first) return nullptr;
  return it->ascii;
}

bool is_combining_mark(char32_t cp) {
  return cp >= 0x0300 && cp <= 0x036F;
}

// Unicode White_Space.
bool is_space(char32_t cp) {
  return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000;
}

bool is_ascii_space(char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_hex_digit(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

void append_folded(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += lower(static_cast<char>(cp));
  } else if (const char* ascii = fold_letter(cp)) {
    out += ascii;
  } else {
    append_utf8(cp, out);
  }
}

bool has_space_or_control(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    auto b = static_cast<unsigned char>(c);
    return b <= 0x20 || b == 0x7F;
  });
}

// RFC 5322 atext: what may appear in an unquoted local part besides dots.
bool is_atext(char c) {
  static constexpr std::string_view kSpecials = "!#$%&'*+/=?^_`{|}~-";
  return is_ascii_alnum(c) || kSpecials.find(c) != std::string_view::npos;
}

bool is_valid_local_part(std::string_view local) {
  if (local.empty() || local.size() > kMaxLocalPartLength) return false;
  if (local.front() == '.' || local.back() == '.') return false;
  if (local.find("..") != std::string_view::npos) return false;
  return std::all_of(local.begin(), local.end(), [](char c) { return c == '.' || is_atext(c); });
}

bool is_valid_label(std::string_view label) {
  if (label.empty() || label.size() > kMaxLabelLength) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  return std::all_of(label.begin(), label.end(),
                     [](char c) { return is_ascii_alnum(c) || c == '-'; });
}

// Needs at least two labels, and a top-level label that is not all digits
// (so "user@10.0.0.1" is refused: no mail is delivered to bare addresses).
bool is_valid_domain(std::string_view domain) {
  auto last_dot = domain.rfind('.');
  if (last_dot == std::string_view::npos) return false;
  std::string_view tld = domain.substr(last_dot + 1);
  if (tld.size() < 2 || std::all_of(tld.begin(), tld.end(), is_digit)) {
    return false;
  }
  for (std::size_t start = 0; start <= domain.size();) {
    std::size_t end = std::min(domain.find('.', start), domain.size());
    if (!is_valid_label(domain.substr(start, end - start))) return false;
    start = end + 1;
  }
  return true;
}

bool is_valid_port(std::string_view port) {
  if (port.empty() || port.size() > 5) return false;
  int value = 0;
  for (char c : port) {
    if (!is_digit(c)) return false;
    value = value * 10 + (c - '0');
  }
  return value <= 65535;
}

bool is_host_char(char c) {
  return is_ascii_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '%' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// host[:port] or [ipv6][:port]. User info ("user@host") is refused: it is the
// classic way to make "https://trusted.example@evil.example" look trustworthy.
bool is_valid_authority(std::string_view authority) {
  std::string_view host = authority, port;
  if (authority.starts_with('[')) {
    auto close = authority.find(']');
    if (close == std::string_view::npos || close == 1) return false;
    host = authority.substr(1, close - 1);
    std::string_view rest = authority.substr(close + 1);
    if (!rest.empty() && (!rest.starts_with(':') || !is_valid_port(rest.substr(1)))) return false;
    return std::all_of(host.begin(), host.end(),
                       [](char c) { return is_hex_digit(c) || c == ':' || c == '.'; });
  }
  auto colon = authority.rfind(':');
  if (colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
    if (!is_valid_port(port)) return false;
  }
  return !host.empty() && std::all_of(host.begin(), host.end(), is_host_char);
}

}  // namespace

std::string trim(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), lower);
  return out;
}

std::string fold(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < utf8.size();) {
    Decoded d = decode_utf8(utf8, i);
    i += d.length;
    if (is_combining_mark(d.code_point)) continue;
    if (is_space(d.code_point)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    append_folded(d.code_point, out);
  }
  return out;
}

std::string short_ref(std::string_view uuid) {
  std::string out;
  for (auto it = uuid.rbegin(); it != uuid.rend() && out.size() < 8; ++it) {
    if (*it != '-')
      out.insert(out.begin(), static_cast<char>(std::toupper(static_cast<unsigned char>(*it))));
  }
  return out;
}

std::string slugify(std::string_view title) {
  std::string slug;
  bool gap = false;
  for (char c : fold(title)) {
    bool word_char = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!word_char) {
      gap = true;
      continue;
    }
    std::size_t needed = gap && !slug.empty() ? 2 : 1;
    if (slug.size() + needed > kMaxSlugLength) break;
    if (needed == 2) slug += '-';
    slug += c;
    gap = false;
  }
  return slug.empty() ? "event" : slug;
}

bool is_valid_email(std::string_view email) {
  if (email.empty() || email.size() > kMaxEmailLength) return false;
  auto at = email.find('@');
  if (at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  return is_valid_local_part(email.substr(0, at)) && is_valid_domain(email.substr(at + 1));
}

bool is_valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    Decoded d = decode_utf8(s, i);
    // A literal U+FFFD in the input is three bytes long; a decoding error is one.
    if (d.code_point == kReplacement && d.length == 1) return false;
    i += d.length;
  }
  return true;
}

namespace {

bool is_c1(std::string_view s, std::size_t i) {
  return static_cast<unsigned char>(s[i]) == 0xC2 && i + 1 < s.size() &&
         static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
         static_cast<unsigned char>(s[i + 1]) <= 0x9F;
}

// U+2028..U+202E (separators, bidi embeddings and overrides) and U+2066..U+2069 (isolates).
bool is_layout_control(std::string_view s, std::size_t i) {
  if (i + 2 >= s.size() || static_cast<unsigned char>(s[i]) != 0xE2) return false;
  const auto b1 = static_cast<unsigned char>(s[i + 1]);
  const auto b2 = static_cast<unsigned char>(s[i + 2]);
  return (b1 == 0x80 && b2 >= 0xA8 && b2 <= 0xAE) || (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9);
}

}  // namespace

bool is_free_text(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F || is_c1(s, i)) return false;
  }
  return true;
}

bool is_single_line(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7F || is_c1(s, i) || is_layout_control(s, i)) return false;
  }
  return true;
}

// Backslashes are refused because browsers treat them as '/' in http URLs.
bool is_http_url(std::string_view url) {
  if (has_space_or_control(url) || url.find('\\') != std::string_view::npos) return false;
  std::string scheme = ascii_lower(url.substr(0, 8));
  std::size_t start = scheme.starts_with("http://") ? 7 : scheme.starts_with("https://") ? 8 : 0;
  if (start == 0) return false;
  std::string_view rest = url.substr(start);
  return is_valid_authority(rest.substr(0, rest.find_first_of("/?#")));
}

// "//host/path" is protocol-relative (another site), so the path must begin with
// exactly one slash.
bool is_http_url_or_path(std::string_view url) {
  if (is_http_url(url)) return true;
  if (!url.starts_with('/') || url.starts_with("//")) return false;
  return !has_space_or_control(url) && url.find('\\') == std::string_view::npos;
}

void append_utf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace evient::text
