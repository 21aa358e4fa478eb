#pragma once
// A small synchronous HTTP/1.1 client for integration tests. Each object keeps
// one keep-alive connection and reopens it when the server has closed it.
// Beast stays in the .cpp so test files including this compile quickly.
// Every response request() and friends read is checked against the API
// contract (support/api_contract.hpp), failing the test when the document does
// not describe it; raw(), for bytes no well-behaved client sends (broken
// framing), is the one way around it.
#include <boost/json/value.hpp>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace evient::test {

struct HttpResponse {
  unsigned status = 0;
  std::string body;
  std::unordered_map<std::string, std::string> headers;  // lower-case names
  mutable std::optional<boost::json::value> parsed;

  // Parses the body; throws when it is not valid JSON.
  // Parsed once and kept, so references into it live as long as the response.
  const boost::json::value& json() const;
  // error.code of an envelope, or "" when the body has none.
  std::string error_code() const;
  // The header's value, or "" when absent.
  std::string header(const std::string& lower_name) const;
};

class HttpClient {
 public:
  // `source`: the local address to connect from (any 127.0.0.0/8 address works
  // on loopback), so tests can play several client addresses; "" = the kernel's choice.
  explicit HttpClient(std::uint16_t port, std::string host = "127.0.0.1", std::string source = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Throws std::runtime_error when no response could be read.
  HttpResponse request(std::string_view method, std::string_view target, std::string_view body = {},
                       const std::vector<std::pair<std::string, std::string>>& headers = {});
  HttpResponse get(std::string_view target, std::string_view bearer = {});
  HttpResponse post(std::string_view target, const boost::json::value& body,
                    std::string_view bearer = {});
  HttpResponse put(std::string_view target, const boost::json::value& body,
                   std::string_view bearer = {});
  HttpResponse del(std::string_view target, std::string_view bearer = {});
  // Sends `bytes` as they are on a fresh connection and reads one response,
  // for requests a well-behaved client cannot produce.
  HttpResponse raw(std::string_view bytes);

  // TCP connections opened so far by request() and friends (not raw()); lets
  // tests tell whether keep-alive reused the connection.
  std::size_t connections_opened() const { return connections_opened_; }

 private:
  struct Connection;

  std::unique_ptr<Connection> open_connection() const;
  HttpResponse send_json(std::string_view method, std::string_view target,
                         const boost::json::value& body, std::string_view bearer);

  std::uint16_t port_;
  std::string host_;
  std::string source_;
  std::unique_ptr<Connection> connection_;
  std::size_t connections_opened_ = 0;
};

// error.code of a response's envelope ("" when absent).
inline std::string error_code(const HttpResponse& r) {
  return r.error_code();
}

}  // namespace evient::test
