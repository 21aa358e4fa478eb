#include "services/admin_rules.hpp"

#include <array>

namespace evient::admin_rules {
namespace {

constexpr std::size_t kMaxSlug = 80;
constexpr std::array<std::string_view, 4> kStatuses = {"draft", "published", "completed",
                                                       "cancelled"};

}  // namespace

bool is_event_status(std::string_view s) {
  for (auto k : kStatuses) {
    if (k == s) return true;
  }
  return false;
}

bool event_transition_allowed(std::string_view from, std::string_view to) {
  if (!is_event_status(from) || !is_event_status(to)) return false;
  if (from == to) return true;
  if (from == "cancelled") return false;
  if (to == "cancelled") return true;
  return (from == "draft" && to == "published") || (from == "published" && to == "completed");
}

bool is_valid_slug(std::string_view slug) {
  if (slug.empty() || slug.size() > kMaxSlug) return false;
  if (slug.front() == '-' || slug.back() == '-') return false;
  char prev = 0;
  for (char c : slug) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && prev == '-')) return false;
    prev = c;
  }
  return true;
}

std::string numbered_slug(std::string_view base, int n) {
  if (n <= 1) return std::string(base);
  const std::string suffix = "-" + std::to_string(n);
  std::string head(base.substr(0, kMaxSlug - suffix.size()));
  while (!head.empty() && head.back() == '-') head.pop_back();
  return head + suffix;
}

std::string csv_field(std::string_view value) {
  std::string v;
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' ||
                         value[0] == '\t' || value[0] == '\r')) {
    v += '\'';
  }
  v += value;
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string csv_row(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += csv_field(fields[i]);
  }
  out += "\r\n";
  return out;
}

}  // namespace evient::admin_rules
