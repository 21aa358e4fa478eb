#include "core/client_address.hpp"

#include <arpa/inet.h>

#include <array>
#include <cstring>

namespace evient {

std::string client_key(std::string_view address) {
  std::string text(address);
  // A zone ("fe80::1%eth0") does not name another subscriber.
  if (auto zone = text.find('%'); zone != std::string::npos) text.resize(zone);
  in6_addr v6{};
  if (text.find(':') == std::string::npos || inet_pton(AF_INET6, text.c_str(), &v6) != 1) {
    return std::string(address);
  }
  std::array<char, INET6_ADDRSTRLEN> buffer{};
  if (IN6_IS_ADDR_V4MAPPED(&v6)) {
    in_addr v4{};
    std::memcpy(&v4, v6.s6_addr + 12, sizeof v4);
    return inet_ntop(AF_INET, &v4, buffer.data(), buffer.size()) ? std::string(buffer.data())
                                                                 : std::string(address);
  }
  std::memset(v6.s6_addr + 8, 0, 8);
  if (!inet_ntop(AF_INET6, &v6, buffer.data(), buffer.size())) return std::string(address);
  return std::string(buffer.data()) + "/64";
}

}  // namespace evient
