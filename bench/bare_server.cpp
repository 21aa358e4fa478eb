// The HTTP stack's ceiling: a minimal Beast server (C++20 coroutines, keep-alive,
// one I/O thread per core) answering every GET with a fixed JSON body. Bodies
// are sized like the real responses, so a scenario can be compared with it:
//   bare_server PORT LIST_BYTES DETAIL_BYTES [THREADS]
// GET /api/events/<anything> gets DETAIL_BYTES, every other path LIST_BYTES.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

std::string json_body(std::size_t bytes) {
  std::string body = R"({"success":true,"data":")";
  const std::string tail = R"(","message":null,"error":null})";
  if (bytes > body.size() + tail.size()) body.append(bytes - body.size() - tail.size(), 'x');
  return body + tail;
}

struct Bodies {
  std::string list;
  std::string detail;
};

asio::awaitable<void> session(tcp::socket socket, const Bodies& bodies) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  for (;;) {
    http::request<http::string_body> request;
    stream.expires_after(std::chrono::seconds(30));
    auto [ec, n] = co_await http::async_read(stream, buffer, request, kNoThrow);
    if (ec) break;
    const bool detail = request.target().starts_with("/api/events/");
    http::response<http::string_body> response{http::status::ok, request.version()};
    response.set(http::field::server, "bare");
    response.set(http::field::content_type, "application/json");
    response.body() = detail ? bodies.detail : bodies.list;
    response.prepare_payload();
    response.keep_alive(request.keep_alive());
    auto [write_error, written] = co_await http::async_write(stream, response, kNoThrow);
    if (write_error || !response.keep_alive()) break;
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

asio::awaitable<void> listen(asio::io_context& ioc, tcp::acceptor& acceptor, const Bodies& bodies) {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), kNoThrow);
    if (ec) co_return;
    socket.set_option(tcp::no_delay(true));
    auto executor = socket.get_executor();
    asio::co_spawn(executor, session(std::move(socket), bodies), asio::detached);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: bare_server PORT LIST_BYTES DETAIL_BYTES [THREADS]\n";
    return 2;
  }
  const auto port = static_cast<unsigned short>(std::stoi(argv[1]));
  const Bodies bodies{json_body(std::stoul(argv[2])), json_body(std::stoul(argv[3]))};
  const int threads = argc > 4 ? std::stoi(argv[4]) : 2;
  asio::io_context ioc(threads);
  tcp::acceptor acceptor(ioc, {asio::ip::make_address("127.0.0.1"), port});
  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](const beast::error_code&, int) { ioc.stop(); });
  asio::co_spawn(ioc, listen(ioc, acceptor, bodies), asio::detached);
  std::cout << "bare_server listening on 127.0.0.1:" << acceptor.local_endpoint().port()
            << std::endl;
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&] { ioc.run(); });
  ioc.run();
  for (auto& t : pool) t.join();
}
