#pragma once
// Who is asking, for limits kept per client address.
#include <string>
#include <string_view>

namespace evient {

// The key limits count a client address under. IPv4 stays as it is; an IPv6
// address becomes its /64 ("2001:db8:1:2::/64"), since one subscriber usually
// holds a whole /64 and could otherwise take a fresh address per request; an
// IPv4-mapped IPv6 address ("::ffff:192.0.2.1") is its IPv4 address. Anything
// unparseable is returned unchanged.
std::string client_key(std::string_view address);

}  // namespace evient
