#include "services/admin_rules.hpp"

#include <array>

namespace evient::admin_rules {
namespace {

constexpr std::size_t kMaxSlug = 80;

}  // namespace

bool event_transition_allowed(EventStatus from, EventStatus to) {
  if (from == to) return true;
  if (from == EventStatus::Cancelled) return false;
  if (to == EventStatus::Cancelled) return true;
  return (from == EventStatus::Draft && to == EventStatus::Published) ||
         (from == EventStatus::Published && to == EventStatus::Completed);
}

bool event_transition_allowed(std::string_view from, std::string_view to) {
  const auto f = parse<EventStatus>(from);
  const auto t = parse<EventStatus>(to);
  return f && t && event_transition_allowed(*f, *t);
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
