#pragma once
// The one error family of EViENT. Every failure a client can cause is one of
// these; the HTTP layer maps them to status + envelope in exactly one place
// (http/pipeline.cpp). Anything else that escapes is a 500 INTERNAL.
#include <algorithm>
#include <boost/json/value.hpp>
#include <chrono>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/unavailable.hpp"

namespace evient {

struct FieldError {
  std::string field;
  std::string code;     // machine code, e.g. "REQUIRED", "TOO_SHORT"
  std::string message;  // human text
};

class ApiError : public std::runtime_error {
 public:
  ApiError(unsigned status, std::string code, std::string message,
           std::vector<FieldError> details = {}, boost::json::value data = nullptr)
      : std::runtime_error(message),
        status_(status),
        code_(std::move(code)),
        details_(std::move(details)),
        data_(std::move(data)) {}

  unsigned status() const { return status_; }
  const std::string& code() const { return code_; }
  const std::vector<FieldError>& details() const { return details_; }
  // Extra machine-readable context (e.g. what is still available on SOLD_OUT).
  const boost::json::value& data() const { return data_; }
  // When to try again (the Retry-After header); zero when the error gives none.
  std::chrono::seconds retry_after() const { return retry_after_; }

 protected:
  void set_retry_after(std::chrono::seconds after) { retry_after_ = after; }

 private:
  unsigned status_;
  std::string code_;
  std::vector<FieldError> details_;
  boost::json::value data_;
  std::chrono::seconds retry_after_{0};
};

// 400: the request cannot be understood at all (malformed JSON, bad signature).
struct BadRequest : ApiError {
  explicit BadRequest(std::string message, std::string code = "BAD_REQUEST")
      : ApiError(400, std::move(code), std::move(message)) {}
};

// 422: understood but invalid; one detail per bad field.
struct ValidationError : ApiError {
  explicit ValidationError(std::vector<FieldError> details,
                           std::string message = "Validation failed",
                           std::string code = "VALIDATION_FAILED")
      : ApiError(422, std::move(code), std::move(message), std::move(details)) {}
  ValidationError(std::string field, std::string field_code, std::string message)
      : ApiError(422, "VALIDATION_FAILED", message,
                 {FieldError{std::move(field), std::move(field_code), message}}) {}
};

struct Unauthorized : ApiError {
  explicit Unauthorized(std::string message = "Authentication required",
                        std::string code = "UNAUTHORIZED")
      : ApiError(401, std::move(code), std::move(message)) {}
};

struct Forbidden : ApiError {
  explicit Forbidden(std::string message = "You are not allowed to do this",
                     std::string code = "FORBIDDEN")
      : ApiError(403, std::move(code), std::move(message)) {}
};

struct NotFound : ApiError {
  explicit NotFound(std::string message = "Not found", std::string code = "NOT_FOUND")
      : ApiError(404, std::move(code), std::move(message)) {}
};

struct Conflict : ApiError {
  Conflict(std::string code, std::string message, boost::json::value data = nullptr)
      : ApiError(409, std::move(code), std::move(message), {}, std::move(data)) {}
};

// 429: always with Retry-After, at least one second.
struct RateLimited : ApiError {
  explicit RateLimited(std::string message = "Too many requests",
                       std::chrono::seconds retry_after = std::chrono::seconds(60))
      : ApiError(429, "RATE_LIMITED", std::move(message)) {
    set_retry_after(std::max(retry_after, std::chrono::seconds(1)));
  }
};

// 429 for a bound the caller has reached (not a rate): its own code, and
// Retry-After for when the first thing counted against it frees up.
struct BoundReached : ApiError {
  BoundReached(std::string code, std::string message, boost::json::value data,
               std::chrono::seconds retry_after)
      : ApiError(429, std::move(code), std::move(message), {}, std::move(data)) {
    set_retry_after(std::max(retry_after, std::chrono::seconds(1)));
  }
};

// 503: a dependency is out (database stopped, disk full); nothing the client
// did, so it may simply try again later.
struct ServiceUnavailable : ApiError {
  explicit ServiceUnavailable(std::string message = "Service temporarily unavailable",
                              std::chrono::seconds retry_after = std::chrono::seconds(5))
      : ApiError(503, "SERVICE_UNAVAILABLE", std::move(message)) {
    set_retry_after(std::max(retry_after, std::chrono::seconds(1)));
  }
};

// Accumulates field errors so a handler reports every bad field at once.
class Validator {
 public:
  void add(std::string field, std::string code, std::string message) {
    errors_.push_back({std::move(field), std::move(code), std::move(message)});
  }
  bool ok() const { return errors_.empty(); }
  void throw_if_any() const {
    if (!errors_.empty()) throw ValidationError(errors_);
  }

 private:
  std::vector<FieldError> errors_;
};

}  // namespace evient
