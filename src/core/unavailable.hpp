#pragma once
// Thrown below the HTTP layer (by the store) when what it depends on is out: a
// database that cannot be reached, a disk that is full or failing, a lock never
// granted. Nothing the client did: the pipeline answers 503
// SERVICE_UNAVAILABLE with Retry-After (core/errors.hpp) and logs the detail,
// which is never shown to clients.
#include <stdexcept>

namespace evient {

class Unavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace evient
