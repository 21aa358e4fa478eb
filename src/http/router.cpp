#include "http/router.hpp"

#include <algorithm>

namespace evient::http {
namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < path.size()) {
    if (path[pos] == '/') {
      ++pos;
      continue;
    }
    std::size_t next = path.find('/', pos);
    if (next == std::string_view::npos) next = path.size();
    out.emplace_back(path.substr(pos, next - pos));
    pos = next;
  }
  return out;
}

bool match_segments(const Route& route, const std::vector<std::string>& parts,
                    std::unordered_map<std::string, std::string>* params) {
  if (route.segments.size() != parts.size()) return false;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string& seg = route.segments[i];
    if (seg.starts_with(':')) {
      if (parts[i].empty()) return false;
      if (params) (*params)[seg.substr(1)] = parts[i];
    } else if (seg != parts[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string_view method_name(Method m) {
  switch (m) {
    case Method::Get:
      return "GET";
    case Method::Head:
      return "HEAD";
    case Method::Post:
      return "POST";
    case Method::Put:
      return "PUT";
    case Method::Patch:
      return "PATCH";
    case Method::Delete:
      return "DELETE";
    case Method::Options:
      return "OPTIONS";
    case Method::Other:
      break;
  }
  return "OTHER";
}

void Router::add(Method method, std::string pattern, Access access, Handler handler, Peek peek) {
  Route r{method, pattern, access, std::move(handler), split_path(pattern), std::move(peek)};
  routes_.push_back(std::move(r));
}

RouteMatch Router::match(Request& request) const {
  RouteMatch m;
  const auto parts = split_path(request.path);
  // HEAD is served by the GET route; the server drops the body.
  const Method wanted = request.method == Method::Head ? Method::Get : request.method;
  // Literal segments win over captures: "/api/events/featured" before "/api/events/:id".
  const Route* best = nullptr;
  int best_literals = -1;
  for (const Route& r : routes_) {
    if (!match_segments(r, parts, nullptr)) continue;
    m.path_matched = true;
    if (std::find(m.allowed.begin(), m.allowed.end(), r.method) == m.allowed.end()) {
      m.allowed.push_back(r.method);
    }
    if (r.method != wanted) continue;
    int literals =
        static_cast<int>(std::count_if(r.segments.begin(), r.segments.end(),
                                       [](const std::string& s) { return !s.starts_with(':'); }));
    if (literals > best_literals) {
      best = &r;
      best_literals = literals;
    }
  }
  if (best) {
    request.params.clear();
    match_segments(*best, parts, &request.params);
    m.route = best;
  }
  return m;
}

}  // namespace evient::http
