#pragma once
// Everything between "a request was read" and "a response is ready", without
// any transport: request id, CORS, routing, the auth guard, error mapping and
// the access log. The Beast server runs `handle` on the worker pool.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "http/message.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

namespace evient::http {

// Resolves a bearer token to the caller; throws Unauthorized / Forbidden.
class Authenticator {
 public:
  virtual ~Authenticator() = default;
  virtual AuthContext authenticate(std::string_view bearer_token) = 0;
};

struct CorsConfig {
  // Origins allowed to send credentials; "*" in this list allows any origin.
  std::vector<std::string> allowed_origins;
};

// The token of "Authorization: Bearer <token>"; throws Unauthorized.
std::string bearer_token(const Request& request);

class Pipeline {
 public:
  // `web` (optional) answers GET/HEAD of paths no route matches: the web app.
  Pipeline(Router router, std::shared_ptr<Authenticator> auth, CorsConfig cors,
           std::shared_ptr<const StaticFiles> web = nullptr);
  Response handle(Request& request);
  // What handle() would answer, when a public GET route can answer without
  // blocking (Route::peek: a cache hit); else none, and the request goes to
  // the pool. Runs on an I/O thread; never throws.
  std::optional<Response> try_without_blocking(Request& request);
  // For errors the server detects before routing (body too large, bad request line).
  Response error(Request& request, unsigned status, std::string code, std::string message);
  const Router& router() const { return router_; }

 private:
  Response dispatch(Request& request);
  void apply_cors(const Request& request, Response& response) const;

  Router router_;
  std::shared_ptr<Authenticator> auth_;
  CorsConfig cors_;
  std::shared_ptr<const StaticFiles> web_;
};

}  // namespace evient::http
