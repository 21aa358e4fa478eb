#pragma once
// Typed, validating access to a JSON request body. Type errors and missing
// required fields are collected in a Validator so the client hears about every
// bad field at once (422); a body that is not a JSON object is a 400, one
// declared as another media type a 415 (http/media_type.hpp).
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/errors.hpp"
#include "http/message.hpp"

namespace evient::http {

// Whether a body field must be there.
enum class Presence { Optional, Required };

class JsonBody {
 public:
  explicit JsonBody(const Request& request);
  explicit JsonBody(boost::json::object object) : object_(std::move(object)) {}

  // Present and not null.
  bool has(std::string_view key) const;
  const boost::json::value* get(std::string_view key) const;
  const boost::json::object& object() const { return object_; }

  // Trimmed string; empty after trimming counts as missing when required.
  // Control characters other than tab and line breaks are a 422 INVALID_CHARACTERS.
  std::optional<std::string> string(std::string_view key, Validator& v, Presence presence,
                                    std::size_t max_len = 255) const;
  // The same, for names and titles: one line, no control characters (422
  // INVALID_CHARACTERS otherwise; see text::is_single_line).
  std::optional<std::string> line(std::string_view key, Validator& v, Presence presence,
                                  std::size_t max_len = 255) const;
  // Raw string (no trimming), e.g. passwords.
  std::optional<std::string> raw_string(std::string_view key, Validator& v, Presence presence,
                                        std::size_t max_len = 1024) const;
  std::optional<std::int64_t> integer(std::string_view key, Validator& v, Presence presence) const;
  std::optional<bool> boolean(std::string_view key, Validator& v, Presence presence) const;

 private:
  boost::json::object object_;
};

// Adds INVALID_CHARACTERS to `v` unless `value` is one line without control
// characters (text::is_single_line); returns whether it is.
bool check_single_line(std::string_view key, std::string_view value, Validator& v);

// Parses any JSON body, for endpoints that need arrays too. Throws BadRequest,
// also for a NUL character in any string or key: no field may carry one.
boost::json::value parse_json(std::string_view body);

}  // namespace evient::http
