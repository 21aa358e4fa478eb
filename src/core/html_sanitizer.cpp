// The sanitizer never copies markup through: it tokenizes the input, keeps what
// the allow-list names, and writes every kept tag and attribute anew with escaped
// values. What the browser sees is therefore only what was checked here, however
// odd the input (entity tricks, unquoted values, stray '<').
#include "core/html_sanitizer.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

#include "core/text.hpp"

namespace evient {
namespace {

constexpr auto kAllowedTags = std::to_array<std::string_view>({
    "p",   "br",   "b",  "strong", "i",      "em",         "u",     "s",     "ul",
    "ol",  "li",   "h1", "h2",     "h3",     "h4",         "h5",    "h6",    "blockquote",
    "pre", "code", "a",  "img",    "span",   "div",        "table", "thead", "tbody",
    "tr",  "th",   "td", "hr",     "figure", "figcaption",
});

constexpr auto kVoidTags = std::to_array<std::string_view>({"br", "hr", "img"});

// Elements whose content is code, styling or an embedded document rather than
// text for the reader: removed together with everything inside them.
constexpr auto kDroppedWithContent = std::to_array<std::string_view>(
    {"script", "style", "iframe", "object", "embed", "applet", "noscript", "noembed", "noframes",
     "frameset", "template", "textarea", "title", "xmp", "plaintext", "svg", "math", "head"});

struct NamedEntity {
  std::string_view name;
  char32_t code_point;
};

constexpr auto kNamedEntities = std::to_array<NamedEntity>({
    {"amp", '&'},      {"lt", '<'},       {"gt", '>'},       {"quot", '"'},     {"apos", '\''},
    {"nbsp", 0xA0},    {"copy", 0xA9},    {"reg", 0xAE},     {"trade", 0x2122}, {"hellip", 0x2026},
    {"mdash", 0x2014}, {"ndash", 0x2013}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C},
    {"rdquo", 0x201D}, {"laquo", 0xAB},   {"raquo", 0xBB},   {"bull", 0x2022},  {"middot", 0xB7},
    {"deg", 0xB0},     {"euro", 0x20AC},  {"times", 0xD7},   {"divide", 0xF7},
});

constexpr std::size_t kMaxEntityNameLength = 8;
constexpr std::size_t kMaxDimensionDigits = 5;

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// "&#58;", "&#x3A", "&#0058" (the ';' is optional for numeric references, as in
// browsers). Returns the characters consumed after '&', or 0 when not a reference.
std::size_t decode_numeric(std::string_view s, std::string& out) {
  std::size_t i = 1;  // past '#'
  bool hex = i < s.size() && (s[i] == 'x' || s[i] == 'X');
  if (hex) ++i;
  std::size_t start = i;
  char32_t cp = 0;
  for (; i < s.size(); ++i) {
    char c = s[i];
    int digit = is_digit(c)                   ? c - '0'
                : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                              : -1;
    if (digit < 0) break;
    cp = std::min<char32_t>(cp * (hex ? 16 : 10) + static_cast<char32_t>(digit), 0x110000);
  }
  if (i == start) return 0;
  if (i < s.size() && s[i] == ';') ++i;
  bool invalid = cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF);
  text::append_utf8(invalid ? 0xFFFD : cp, out);
  return i;
}

std::size_t decode_named(std::string_view s, std::string& out) {
  // Bounded look-ahead keeps text full of bare '&' linear.
  auto semicolon = s.substr(0, kMaxEntityNameLength + 1).find(';');
  if (semicolon == std::string_view::npos) return 0;
  std::string_view name = s.substr(0, semicolon);
  for (const auto& entity : kNamedEntities) {
    if (entity.name == name) {
      text::append_utf8(entity.code_point, out);
      return semicolon + 1;
    }
  }
  return 0;
}

// Unknown references stay literal: after re-escaping, the reader sees "&foo;".
std::string decode_entities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] != '&') {
      out += s[i++];
      continue;
    }
    std::string_view rest = s.substr(i + 1);
    std::size_t used = rest.starts_with('#') ? decode_numeric(rest, out) : decode_named(rest, out);
    if (used == 0) out += '&';
    i += 1 + used;
  }
  return out;
}

void append_escaped(std::string_view s, bool attribute, std::string& out) {
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += attribute ? "&quot;" : "\"";
        break;
      case '\0':
        break;  // never meaningful in HTML text
      default:
        out += c;
    }
  }
}

// Browsers strip leading/trailing spaces and control characters from URLs and
// remove tabs and newlines inside them ("java\tscript:"); trimming here and then
// refusing any remaining control character closes both doors.
std::string_view trim_url(std::string_view v) {
  auto junk = [](char c) { return static_cast<unsigned char>(c) <= 0x20; };
  while (!v.empty() && junk(v.front())) v.remove_prefix(1);
  while (!v.empty() && junk(v.back())) v.remove_suffix(1);
  return v;
}

std::optional<std::string> safe_url(std::string_view value, bool allow_mailto) {
  std::string_view url = trim_url(value);
  if (text::is_http_url_or_path(url)) return std::string(url);
  if (!allow_mailto || text::ascii_lower(url.substr(0, 7)) != "mailto:" || url.size() == 7) {
    return std::nullopt;
  }
  bool clean = std::none_of(url.begin(), url.end(), [](char c) {
    return static_cast<unsigned char>(c) <= 0x20 || c == 0x7F;
  });
  return clean ? std::optional(std::string(url)) : std::nullopt;
}

std::optional<std::string> safe_dimension(std::string_view value) {
  if (value.empty() || value.size() > kMaxDimensionDigits) return std::nullopt;
  if (!std::all_of(value.begin(), value.end(), is_digit)) return std::nullopt;
  return std::string(value);
}

struct Attribute {
  std::string name;
  std::string value;  // entities already decoded
};

struct Tag {
  std::string name;
  std::vector<Attribute> attributes;
};

// The cleaned value of an attribute the allow-list keeps on this tag, or nullopt.
std::optional<std::string> clean_attribute(std::string_view tag, const Attribute& a) {
  if (a.name == "title") return a.value;
  if (tag == "a" && a.name == "href") return safe_url(a.value, true);
  if (tag != "img") return std::nullopt;
  if (a.name == "src") return safe_url(a.value, false);
  if (a.name == "alt") return a.value;
  if (a.name == "width" || a.name == "height") return safe_dimension(a.value);
  return std::nullopt;
}

class Sanitizer {
 public:
  explicit Sanitizer(std::string_view in) : in_(in) {}

  std::string run() {
    while (pos_ < in_.size()) {
      if (in_[pos_] == '<') {
        on_markup();
      } else {
        on_text();
      }
    }
    while (!open_.empty()) close_top();
    return std::move(out_);
  }

 private:
  void on_text() {
    std::size_t end = std::min(in_.find('<', pos_), in_.size());
    append_escaped(decode_entities(in_.substr(pos_, end - pos_)), false, out_);
    pos_ = end;
  }

  void on_markup() {
    std::string_view rest = in_.substr(pos_);
    if (rest.starts_with("<!--")) {
      // Searching from "<!" also ends the abrupt "<!-->" form, as browsers do.
      skip_past("-->", pos_ + 2);
    } else if (rest.starts_with("<!") || rest.starts_with("<?")) {
      skip_past(">", pos_);
    } else if (rest.starts_with("</")) {
      on_end_tag();
    } else if (rest.size() > 1 && is_alpha(rest[1])) {
      on_start_tag();
    } else {
      out_ += "&lt;";  // a lone '<' is text
      ++pos_;
    }
  }

  void on_start_tag() {
    ++pos_;  // '<'
    std::optional<Tag> tag = read_tag();
    if (!tag) return;
    if (contains(kDroppedWithContent, tag->name)) {
      skip_raw_content(tag->name);
    } else if (contains(kAllowedTags, tag->name)) {
      emit_start(*tag);
    }
  }

  void on_end_tag() {
    pos_ += 2;  // "</"
    if (pos_ >= in_.size() || !is_alpha(in_[pos_])) {
      skip_past(">", pos_);  // "</>" or "</ x>": nothing a reader would see
      return;
    }
    std::optional<Tag> tag = read_tag();
    if (tag) close(tag->name);
  }

  void skip_past(std::string_view terminator, std::size_t from) {
    std::size_t at = in_.find(terminator, from);
    pos_ = at == std::string_view::npos ? in_.size() : at + terminator.size();
  }

  // Content of a dropped element is not parsed: everything up to its closing tag
  // goes, and an element that is never closed takes the rest of the input with it.
  void skip_raw_content(std::string_view name) {
    for (std::size_t at = in_.find("</", pos_); at != std::string_view::npos;
         at = in_.find("</", at + 2)) {
      std::size_t after = at + 2 + name.size();
      if (after > in_.size() || text::ascii_lower(in_.substr(at + 2, name.size())) != name) {
        continue;
      }
      if (after == in_.size() || is_space(in_[after]) || in_[after] == '/' || in_[after] == '>') {
        skip_past(">", after);
        return;
      }
    }
    pos_ = in_.size();
  }

  // Reads a tag after '<' or '</'. An unterminated tag (end of input before '>')
  // is dropped along with the rest of the input, as browsers drop it.
  std::optional<Tag> read_tag() {
    Tag tag;
    std::size_t start = pos_;
    while (pos_ < in_.size() && !is_space(in_[pos_]) && in_[pos_] != '/' && in_[pos_] != '>') {
      ++pos_;
    }
    tag.name = text::ascii_lower(in_.substr(start, pos_ - start));
    while (true) {
      while (pos_ < in_.size() && (is_space(in_[pos_]) || in_[pos_] == '/')) ++pos_;
      if (pos_ < in_.size() && in_[pos_] == '>') {
        ++pos_;
        return tag;
      }
      std::optional<Attribute> attribute;
      if (pos_ < in_.size()) attribute = read_attribute();
      if (!attribute) {
        pos_ = in_.size();
        return std::nullopt;
      }
      tag.attributes.push_back(std::move(*attribute));
    }
  }

  std::optional<Attribute> read_attribute() {
    std::size_t start = pos_++;  // the first character is part of the name, even '='
    while (pos_ < in_.size() && !is_space(in_[pos_]) && in_[pos_] != '/' && in_[pos_] != '>' &&
           in_[pos_] != '=') {
      ++pos_;
    }
    Attribute a{text::ascii_lower(in_.substr(start, pos_ - start)), ""};
    std::size_t after_name = pos_;
    while (pos_ < in_.size() && is_space(in_[pos_])) ++pos_;
    if (pos_ >= in_.size() || in_[pos_] != '=') {
      pos_ = after_name;  // a bare attribute such as "disabled"
      return a;
    }
    ++pos_;
    while (pos_ < in_.size() && is_space(in_[pos_])) ++pos_;
    std::optional<std::string_view> raw = read_value();
    if (!raw) return std::nullopt;
    a.value = decode_entities(*raw);
    return a;
  }

  std::optional<std::string_view> read_value() {
    if (pos_ < in_.size() && (in_[pos_] == '"' || in_[pos_] == '\'')) {
      std::size_t close = in_.find(in_[pos_], pos_ + 1);
      if (close == std::string_view::npos) return std::nullopt;
      std::string_view v = in_.substr(pos_ + 1, close - pos_ - 1);
      pos_ = close + 1;
      return v;
    }
    std::size_t start = pos_;
    while (pos_ < in_.size() && !is_space(in_[pos_]) && in_[pos_] != '>') ++pos_;
    return in_.substr(start, pos_ - start);
  }

  void emit_start(const Tag& tag) {
    out_ += '<';
    out_ += tag.name;
    std::vector<std::string_view> seen;  // the first of duplicate attributes wins
    for (const Attribute& a : tag.attributes) {
      if (std::find(seen.begin(), seen.end(), a.name) != seen.end()) continue;
      seen.push_back(a.name);
      std::optional<std::string> value = clean_attribute(tag.name, a);
      if (!value) continue;
      out_ += ' ' + a.name + "=\"";
      append_escaped(*value, true, out_);
      out_ += '"';
    }
    out_ += '>';
    if (!contains(kVoidTags, tag.name)) open_.push_back(tag.name);
  }

  // Closing an element also closes anything opened inside it and left open;
  // a closing tag for something not open is dropped.
  void close(const std::string& name) {
    auto it = std::find(open_.rbegin(), open_.rend(), name);
    if (it == open_.rend()) return;
    auto keep = static_cast<std::size_t>(std::distance(it, open_.rend())) - 1;
    while (open_.size() > keep) close_top();
  }

  void close_top() {
    out_ += "</" + open_.back() + '>';
    open_.pop_back();
  }

  std::string_view in_;
  std::size_t pos_ = 0;
  std::string out_;
  std::vector<std::string> open_;
};

}  // namespace

std::string sanitize_html(std::string_view html) {
  return Sanitizer(html).run();
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\'') {
      out += "&#39;";
    } else {
      append_escaped(std::string_view(&c, 1), true, out);
    }
  }
  return out;
}

}  // namespace evient
