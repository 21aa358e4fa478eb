#pragma once
// Method + path matching. Patterns are literal segments and ":name" captures,
// e.g. "/api/events/:id/ticket-types". Matching is exact per segment.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace evient::http {

// Optional: public, and the caller is identified (request.auth) when a valid
// bearer token comes; a missing or bad one is just anonymous, never a 401.
enum class Access { Public, Optional, User, Admin };

using Handler = std::function<Response(Request&)>;
// A public GET route's answer when it is at hand without blocking (a cache
// hit), else none; called on an I/O thread before the request goes to the
// pool, so it must never read the database nor wait. It may throw (say, on a
// malformed query): the request then goes to the pool and `handler` answers.
using Peek = std::function<std::optional<Response>(Request&)>;

struct Route {
  Method method;
  std::string pattern;
  Access access;
  Handler handler;
  std::vector<std::string> segments;  // split pattern
  Peek peek;                          // optional
};

struct RouteMatch {
  const Route* route = nullptr;  // null when nothing matched
  bool path_matched = false;     // some route has this path (-> 405 rather than 404)
  std::vector<Method> allowed;   // methods available on this path
};

class Router {
 public:
  void add(Method method, std::string pattern, Access access, Handler handler, Peek peek = {});
  void get(std::string p, Access a, Handler h, Peek peek = {}) {
    add(Method::Get, std::move(p), a, std::move(h), std::move(peek));
  }
  void post(std::string p, Access a, Handler h) {
    add(Method::Post, std::move(p), a, std::move(h));
  }
  void put(std::string p, Access a, Handler h) { add(Method::Put, std::move(p), a, std::move(h)); }
  void del(std::string p, Access a, Handler h) {
    add(Method::Delete, std::move(p), a, std::move(h));
  }
  void patch(std::string p, Access a, Handler h) {
    add(Method::Patch, std::move(p), a, std::move(h));
  }
  // Fills request.params on success.
  RouteMatch match(Request& request) const;
  // Every registered route, in registration order.
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace evient::http
