#include "support/http_client.hpp"

#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <limits>
#include <stdexcept>

#include "support/api_contract.hpp"

namespace evient::test {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

// Generous, but it turns a hung server into a failed test rather than a hung run.
constexpr std::chrono::seconds kTimeout{30};

std::runtime_error failure(std::string_view what, const beast::error_code& ec) {
  return std::runtime_error("HttpClient: " + std::string(what) + ": " + ec.message());
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::pair<std::string, std::string>> bearer_header(std::string_view bearer) {
  if (bearer.empty()) return {};
  return {{"Authorization", "Bearer " + std::string(bearer)}};
}

}  // namespace

// The blocking Beast calls cannot time out, so each step runs as an
// asynchronous operation on a private io_context, bounded by the stream's timeout.
struct HttpClient::Connection {
  asio::io_context ioc;
  beast::tcp_stream stream{ioc};
  beast::flat_buffer buffer;

  template <typename Initiate>
  beast::error_code run(Initiate&& initiate) {
    beast::error_code result;
    stream.expires_after(kTimeout);
    initiate([&result](beast::error_code ec, auto&&...) { result = ec; });
    ioc.restart();
    ioc.run();
    return result;
  }

  beast::error_code connect(const std::string& host, std::uint16_t port,
                            const std::string& source) {
    tcp::resolver resolver(ioc);
    beast::error_code ec;
    auto endpoints = resolver.resolve(host, std::to_string(port), ec);
    if (ec) return ec;
    if (source.empty()) {
      return run([&](auto handler) { stream.async_connect(endpoints, std::move(handler)); });
    }
    const tcp::endpoint target = *endpoints.begin();
    stream.socket().open(target.protocol(), ec);
    if (!ec) stream.socket().bind(tcp::endpoint(asio::ip::make_address(source), 0), ec);
    if (ec) return ec;
    return run([&](auto handler) { stream.async_connect(target, std::move(handler)); });
  }

  beast::error_code write(http::request<http::string_body>& message) {
    return run([&](auto handler) { http::async_write(stream, message, std::move(handler)); });
  }

  beast::error_code write(std::string_view bytes) {
    return run([&](auto handler) {
      asio::async_write(stream, asio::buffer(bytes.data(), bytes.size()), std::move(handler));
    });
  }

  // `keep_alive` tells whether the server left the connection open.
  beast::error_code read(HttpResponse& out, bool head, bool& keep_alive) {
    http::response_parser<http::string_body> parser;
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    parser.skip(head);  // a response to HEAD has headers only
    auto ec =
        run([&](auto handler) { http::async_read(stream, buffer, parser, std::move(handler)); });
    if (ec) return ec;
    auto& message = parser.get();
    out.status = message.result_int();
    out.body = std::move(message.body());
    for (const auto& field : message) {
      auto [it, inserted] = out.headers.try_emplace(lower(field.name_string()), field.value());
      if (!inserted) it->second += ", " + std::string(field.value());
    }
    keep_alive = message.keep_alive();
    return {};
  }
};

const boost::json::value& HttpResponse::json() const {
  if (!parsed) parsed = boost::json::parse(body);
  return *parsed;
}

std::string HttpResponse::error_code() const {
  const auto& j = json();
  if (!j.is_object()) return {};
  const auto* error = j.as_object().if_contains("error");
  if (!error || !error->is_object()) return {};
  const auto* code = error->as_object().if_contains("code");
  return code && code->is_string() ? std::string(code->as_string()) : std::string();
}

std::string HttpResponse::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

HttpClient::HttpClient(std::uint16_t port, std::string host, std::string source)
    : port_(port), host_(std::move(host)), source_(std::move(source)) {
  // Loads the contract now rather than between two requests of a test that
  // times them (a cache's max age).
  ApiContract::served();
}

HttpClient::~HttpClient() = default;

std::unique_ptr<HttpClient::Connection> HttpClient::open_connection() const {
  auto connection = std::make_unique<Connection>();
  if (auto ec = connection->connect(host_, port_, source_)) throw failure("connect", ec);
  return connection;
}

HttpResponse HttpClient::request(std::string_view method, std::string_view target,
                                 std::string_view body,
                                 const std::vector<std::pair<std::string, std::string>>& headers) {
  http::request<http::string_body> message;
  message.version(11);
  const http::verb verb = http::string_to_verb(method);
  if (verb == http::verb::unknown) {
    message.method_string(method);
  } else {
    message.method(verb);
  }
  message.target(target);
  message.set(http::field::host, host_ + ":" + std::to_string(port_));
  for (const auto& [name, value] : headers) message.insert(name, value);
  if (!body.empty() || verb == http::verb::post || verb == http::verb::put ||
      verb == http::verb::patch) {
    message.body() = std::string(body);
    message.prepare_payload();
  }

  // The server may have closed a reused connection meanwhile (idle timeout,
  // an earlier "Connection: close"); that is worth one retry on a new one.
  for (int attempt = 0;; ++attempt) {
    const bool reused = connection_ != nullptr;
    if (!reused) {
      connection_ = open_connection();
      ++connections_opened_;
    }
    HttpResponse response;
    bool keep_alive = false;
    // Read even when the write failed: a server refusing the request (413)
    // may answer before it has taken the whole body.
    const auto write_error = connection_->write(message);
    const auto read_error = connection_->read(response, verb == http::verb::head, keep_alive);
    if (!read_error) {
      if (!keep_alive) connection_.reset();
      const std::string why = ApiContract::served().check(method, target, response);
      if (!why.empty()) {
        ADD_FAILURE() << "API contract: " << method << " " << target << " -> " << response.status
                      << ": " << why << "\n  body: " << response.body.substr(0, 600);
      }
      return response;
    }
    connection_.reset();
    if (!reused || attempt > 0) {
      throw failure(std::string(method) + " " + std::string(target),
                    write_error ? write_error : read_error);
    }
  }
}

HttpResponse HttpClient::get(std::string_view target, std::string_view bearer) {
  return request("GET", target, {}, bearer_header(bearer));
}

HttpResponse HttpClient::del(std::string_view target, std::string_view bearer) {
  return request("DELETE", target, {}, bearer_header(bearer));
}

HttpResponse HttpClient::post(std::string_view target, const boost::json::value& body,
                              std::string_view bearer) {
  return send_json("POST", target, body, bearer);
}

HttpResponse HttpClient::put(std::string_view target, const boost::json::value& body,
                             std::string_view bearer) {
  return send_json("PUT", target, body, bearer);
}

HttpResponse HttpClient::send_json(std::string_view method, std::string_view target,
                                   const boost::json::value& body, std::string_view bearer) {
  auto headers = bearer_header(bearer);
  headers.emplace_back("Content-Type", "application/json");
  return request(method, target, boost::json::serialize(body), headers);
}

HttpResponse HttpClient::raw(std::string_view bytes) {
  auto connection = open_connection();
  HttpResponse response;
  bool keep_alive = false;
  const auto write_error = connection->write(bytes);
  if (const auto read_error = connection->read(response, false, keep_alive)) {
    throw failure("raw request", write_error ? write_error : read_error);
  }
  return response;
}

}  // namespace evient::test
