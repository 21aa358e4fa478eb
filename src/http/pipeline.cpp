#include "http/pipeline.hpp"

#include <chrono>
#include <optional>
#include <string>

#include "core/errors.hpp"
#include "core/log.hpp"
#include "core/metrics.hpp"
#include "core/outage.hpp"
#include "http/envelope.hpp"
#include "http/response_headers.hpp"
#include "http/target_text.hpp"

namespace evient::http {
namespace {

constexpr const char* kAllowMethods = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
constexpr const char* kAllowHeaders = "Authorization, Content-Type, Idempotency-Key, X-Request-Id";

// One access-log line: method, path, status, milliseconds (when timed), request id.
void log_access(const Request& request, unsigned status,
                std::optional<std::chrono::steady_clock::time_point> started) {
  if (!log::access_log_enabled()) return;
  std::string line = "access ";
  line += method_name(request.method);
  line += ' ';
  line += request.path;
  line += ' ';
  line += std::to_string(status);
  if (started) {
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                        std::chrono::steady_clock::now() - *started)
                        .count();
    line += ' ' + std::to_string(us / 1000) + "." + std::to_string((us % 1000) / 100) + "ms";
  }
  line += " rid=" + request.request_id;
  log::info(line);
}

void count_request(const Request& request, unsigned status,
                   std::chrono::steady_clock::time_point started) {
  auto& m = metrics::registry();
  const std::string method(method_name(request.method));
  const std::string route(request.route);
  m.http_requests.with({method, route, std::to_string(status)}).inc();
  m.http_duration.with({method, route}).observe(std::chrono::steady_clock::now() - started);
}

void count_refusal(const Request& request, const ApiError& e) {
  if (e.status() != 429 && e.status() != 503) return;
  metrics::registry().refusals.with({std::string(request.route), e.code()}).inc();
}

bool is_read_method(Method m) {
  return m == Method::Get || m == Method::Head || m == Method::Options;
}

}  // namespace

std::string bearer_token(const Request& request) {
  const std::string* h = request.header("authorization");
  if (!h) throw Unauthorized("Missing bearer token", "UNAUTHORIZED");
  constexpr std::string_view kPrefix = "Bearer ";
  if (h->size() <= kPrefix.size() ||
      !std::equal(kPrefix.begin(), kPrefix.end(), h->begin(),
                  [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
    throw Unauthorized("Authorization header must be 'Bearer <token>'", "INVALID_TOKEN");
  }
  return h->substr(kPrefix.size());
}

Pipeline::Pipeline(Router router, std::shared_ptr<Authenticator> auth, CorsConfig cors,
                   std::shared_ptr<const StaticFiles> web)
    : router_(std::move(router)),
      auth_(std::move(auth)),
      cors_(std::move(cors)),
      web_(std::move(web)) {}

Response Pipeline::handle(Request& request) {
  const auto started = std::chrono::steady_clock::now();
  Response response;
  if (request.method == Method::Options) {
    request.route = "preflight";
    response.status = 204;
    response.content_type.clear();
    response.headers.emplace_back("Access-Control-Allow-Methods", kAllowMethods);
    response.headers.emplace_back("Access-Control-Allow-Headers", kAllowHeaders);
    response.headers.emplace_back("Access-Control-Max-Age", "600");
  } else {
    response = dispatch(request);
  }
  apply_cors(request, response);
  apply_response_headers(request, response);
  response.headers.emplace_back("X-Request-Id", request.request_id);
  log_access(request, response.status, started);
  count_request(request, response.status, started);
  return response;
}

std::optional<Response> Pipeline::try_without_blocking(Request& request) {
  if (request.method != Method::Get) return std::nullopt;
  const auto started = std::chrono::steady_clock::now();
  std::optional<Response> response;
  try {
    check_target_text(request);
    RouteMatch m = router_.match(request);
    if (!m.route || !m.route->peek || m.route->access != Access::Public) return std::nullopt;
    response = m.route->peek(request);
    if (!response) return std::nullopt;
    request.route = m.route->pattern;
    // The rest exactly as handle() does it.
    apply_cors(request, *response);
    apply_response_headers(request, *response);
    response->headers.emplace_back("X-Request-Id", request.request_id);
  } catch (...) {
    // Malformed input and the like: handle() answers it on the pool.
    return std::nullopt;
  }
  log_access(request, response->status, started);
  count_request(request, response->status, started);
  return response;
}

Response Pipeline::error(Request& request, unsigned status, std::string code, std::string message) {
  Response r = error_response(ApiError(status, std::move(code), std::move(message)));
  apply_cors(request, r);
  apply_error_headers(r);
  r.headers.emplace_back("X-Request-Id", request.request_id);
  log_access(request, status, std::nullopt);
  request.route = "rejected";  // before routing: a bad request line, a body too large
  metrics::registry()
      .http_requests
      .with({std::string(method_name(request.method)), std::string(request.route),
             std::to_string(status)})
      .inc();
  return r;
}

Response Pipeline::dispatch(Request& request) {
  try {
    check_target_text(request);
    RouteMatch m = router_.match(request);
    if (!m.route) {
      if (m.path_matched) {
        Response r =
            error_response(ApiError(405, "METHOD_NOT_ALLOWED", "Method not allowed on this path"));
        std::string allow;
        for (Method a : m.allowed) {
          if (!allow.empty()) allow += ", ";
          allow += method_name(a);
        }
        r.headers.emplace_back("Allow", allow);
        return r;
      }
      if (web_) {
        if (auto page = web_->serve(request)) {
          request.route = "web";
          return std::move(*page);
        }
      }
      throw NotFound("No such endpoint", "ROUTE_NOT_FOUND");
    }
    request.route = m.route->pattern;
    if (m.route->access == Access::Optional) {
      if (request.header("authorization")) {
        try {
          request.auth = auth_->authenticate(bearer_token(request));
        } catch (const ApiError&) {
          // anonymous: a stale session must not cost a public answer
        }
      }
    } else if (m.route->access != Access::Public) {
      request.auth = auth_->authenticate(bearer_token(request));
      if (m.route->access == Access::Admin && !request.auth->is_admin()) {
        throw Forbidden("Administrator access required", "FORBIDDEN");
      }
    }
    return m.route->handler(request);
  } catch (const ApiError& e) {
    count_refusal(request, e);
    return error_response(e);
  } catch (const Unavailable& e) {
    // The database is out (stopped, disk full): the client may try again;
    // /readyz reports it meanwhile. The detail is for the log only.
    outage::note();
    log::warn("rid=" + request.request_id + " " + std::string(method_name(request.method)) + " " +
              request.path + " unavailable: " + e.what());
    ServiceUnavailable unavailable;
    count_refusal(request, unavailable);
    return error_response(unavailable);
  } catch (const std::exception& e) {
    // The detail goes to the log under the request id, never to the client.
    log::error("rid=" + request.request_id + " " + std::string(method_name(request.method)) + " " +
               request.path + " failed: " + e.what());
    return internal_error(request.request_id);
  }
}

void Pipeline::apply_cors(const Request& request, Response& response) const {
  const std::string* origin = request.header("origin");
  if (!origin) return;
  bool listed = false;
  for (const auto& o : cors_.allowed_origins) {
    if (o == *origin) listed = true;
  }
  if (listed) {
    response.headers.emplace_back("Access-Control-Allow-Origin", *origin);
    response.headers.emplace_back("Access-Control-Allow-Credentials", "true");
    response.headers.emplace_back("Vary", "Origin");
    return;
  }
  // Without a configured list any origin may call the API (tokens travel in a
  // header, not a cookie). With a list, unlisted origins may only read.
  if (cors_.allowed_origins.empty() || is_read_method(request.method)) {
    response.headers.emplace_back("Access-Control-Allow-Origin", "*");
  }
}

}  // namespace evient::http
