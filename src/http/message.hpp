#pragma once
// Transport-neutral request/response types. Handlers see only these, never
// Beast, so handler files compile fast and can be unit-tested without sockets.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace evient::http {

enum class Method { Get, Head, Post, Put, Patch, Delete, Options, Other };

std::string_view method_name(Method m);

// Who is calling, established by the auth guard from the bearer token and the
// user's current row (so deactivation and role changes apply at once).
struct AuthContext {
  std::string user_id;
  bool admin = false;  // the user's role is admin
  bool is_admin() const { return admin; }
};

struct Request {
  Method method = Method::Get;
  std::string target;                                    // as received, e.g. "/api/events?page=2"
  std::string path;                                      // percent-decoded path without the query
  std::unordered_map<std::string, std::string> query;    // decoded; last value wins
  std::unordered_map<std::string, std::string> params;   // route captures (":id")
  std::unordered_map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string remote_address;
  std::string request_id;
  std::optional<AuthContext> auth;
  // What answered, for metrics: the matched route's pattern ("/api/events/:id"),
  // or a fixed word; never the raw path (unbounded label values).
  std::string_view route = "unmatched";

  const std::string* header(std::string_view lower_name) const {
    auto it = headers.find(std::string(lower_name));
    return it == headers.end() ? nullptr : &it->second;
  }
  const std::string* query_param(std::string_view name) const {
    auto it = query.find(std::string(name));
    return it == query.end() ? nullptr : &it->second;
  }
  const std::string& param(const std::string& name) const { return params.at(name); }
  // The authenticated caller; only valid on routes that require auth.
  const AuthContext& user() const { return *auth; }
};

struct Response {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // When set, the body is produced in pieces (chunked transfer): the server calls
  // it on the worker pool until it returns false; each call appends to `chunk`.
  std::function<bool(std::string& chunk)> stream;
};

}  // namespace evient::http
