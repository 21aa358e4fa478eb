// The only translation unit that sees Beast on the server side (Beast TUs are
// slow to compile). The session loop follows Beast's awaitable examples: one
// coroutine per connection on its own strand, a read timeout before every
// read, keep-alive, and the transport-neutral Pipeline doing the real work on
// a worker pool.
#include "http/server.hpp"

#include <algorithm>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <exception>
#include <mutex>
#include <optional>
#include <random>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/client_address.hpp"
#include "core/log.hpp"
#include "core/metrics.hpp"
#include "http/framing.hpp"

namespace evient::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace beast_http = boost::beast::http;
using tcp = asio::ip::tcp;
using RequestParser = beast_http::request_parser<beast_http::string_body>;

// Network failures are expected (clients vanish, time out); they come back as
// values so the session decides what to do instead of unwinding.
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

constexpr std::string_view kServerName = "evient";
constexpr std::size_t kReadSize = 8192;
constexpr std::size_t kRequestIdMaxLength = 64;
constexpr std::chrono::seconds kLingerTimeout{2};
constexpr std::size_t kLingerMaxBytes = 8 << 20;
constexpr std::chrono::milliseconds kAcceptRetryDelay{100};
// What a connection over a cap hears before it is closed. Written once, without
// waiting: a client that cannot take 150 bytes at once simply gets the close.
constexpr std::string_view kBusyResponse =
    "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nRetry-After: 1\r\n"
    "Content-Type: application/json\r\nContent-Length: 114\r\n\r\n"
    "{\"success\":false,\"data\":null,\"message\":\"Too many connections\","
    "\"error\":{\"code\":\"SERVICE_UNAVAILABLE\",\"details\":[]}}";

void log_line(std::string_view what) {
  log::error("server: " + std::string(what));
}

void log_exception(std::string_view context, const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    log_line(std::string(context) + ": " + e.what());
  } catch (...) {
    log_line(std::string(context) + ": unknown exception");
  }
}

Method to_method(beast_http::verb verb) {
  switch (verb) {
    case beast_http::verb::get:
      return Method::Get;
    case beast_http::verb::head:
      return Method::Head;
    case beast_http::verb::post:
      return Method::Post;
    case beast_http::verb::put:
      return Method::Put;
    case beast_http::verb::patch:
      return Method::Patch;
    case beast_http::verb::delete_:
      return Method::Delete;
    case beast_http::verb::options:
      return Method::Options;
    default:
      return Method::Other;
  }
}

bool is_valid_request_id(std::string_view id) {
  if (id.empty() || id.size() > kRequestIdMaxLength) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
  });
}

// Request ids only correlate log lines, so a fast non-cryptographic generator
// per thread is enough.
std::string fresh_request_id() {
  thread_local std::mt19937_64 engine = [] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device()};
    return std::mt19937_64(seed);
  }();
  constexpr std::string_view kHex = "0123456789abcdef";
  std::uint64_t value = engine();
  std::string id(16, '0');
  for (auto it = id.rbegin(); it != id.rend(); ++it, value >>= 4) *it = kHex[value & 0xf];
  return id;
}

// Fills path and query from an origin-form target ("/a%20b?x=1"); false when
// the target is anything else or badly encoded.
bool parse_target(std::string_view target, Request& request) {
  auto url = boost::urls::parse_origin_form(target);
  if (!url) return false;
  request.path = url->path();
  for (auto param : url->params()) request.query[param.key] = param.value;
  return true;
}

// Everything but the body and the path; usable on a partly parsed header too,
// so errors found while reading still reach the pipeline with what is known.
Request make_request(const beast_http::request_header<>& header,
                     const std::string& remote_address) {
  Request request;
  request.method = to_method(header.method());
  request.target = std::string(header.target());
  for (const auto& field : header) {
    std::string name(field.name_string());
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    auto [it, inserted] = request.headers.try_emplace(std::move(name), field.value());
    // Repeated fields are equivalent to one comma-separated field (RFC 9110 5.3).
    if (!inserted) {
      it->second += ", ";
      it->second += field.value();
    }
  }
  request.remote_address = remote_address;
  const std::string* incoming_id = request.header("x-request-id");
  request.request_id =
      incoming_id && is_valid_request_id(*incoming_id) ? *incoming_id : fresh_request_id();
  return request;
}

std::optional<std::string> check_framing(const beast_http::request_header<>& header) {
  FramingFields fields;
  fields.version = header.version();
  auto [te_begin, te_end] = header.equal_range(beast_http::field::transfer_encoding);
  for (auto it = te_begin; it != te_end; ++it) fields.transfer_encoding.push_back(it->value());
  fields.host_fields = header.count(beast_http::field::host);
  return framing_problem(fields);
}

std::string describe_size(std::size_t bytes) {
  if (bytes % (1 << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  if (bytes % (1 << 10) == 0) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

// The body limit of a request: larger for the few routes that take files.
// Decided from the header alone, before a byte of the body is read.
std::size_t body_limit_for(const ServerConfig& config, const beast_http::request_header<>& header) {
  if (header.method() != beast_http::verb::post) return config.body_limit;
  const std::string_view target = header.target();
  const std::string_view path = target.substr(0, target.find('?'));
  for (const auto& large : config.large_bodies) {
    if (path == large.path) return std::max(large.limit, config.body_limit);
  }
  return config.body_limit;
}

// The largest limit of any route: what the parser allows until the header
// says which route this is.
std::size_t largest_body_limit(const ServerConfig& config) {
  std::size_t limit = config.body_limit;
  for (const auto& large : config.large_bodies) limit = std::max(limit, large.limit);
  return limit;
}

// 1xx, 204 and 304 responses never carry a body nor a Content-Length.
bool status_allows_body(unsigned status) {
  return status >= 200 && status != 204 && status != 304;
}

bool says_connection_close(const Response& response) {
  return std::any_of(response.headers.begin(), response.headers.end(), [](const auto& header) {
    return beast::iequals(header.first, "connection") && beast::iequals(header.second, "close");
  });
}

// Runs `work` on the worker pool and resumes the caller on its own executor
// (the session strand) with the result; an exception is rethrown in the caller.
template <typename F>
asio::awaitable<std::invoke_result_t<F&>> on_workers(asio::thread_pool& pool, F work) {
  using Result = std::invoke_result_t<F&>;
  co_return co_await asio::co_spawn(
      pool, [&work]() -> asio::awaitable<Result> { co_return work(); }, asio::use_awaitable);
}

class Session;

// Everything behind Server's interface. Sessions reach back here only for the
// configuration, the pipeline, the worker pool and their own registration.
class ServerCore {
 public:
  ServerCore(ServerConfig config, std::shared_ptr<Pipeline> pipeline);

  std::uint16_t start();
  void wait();
  void install_signal_handlers();
  void stop();
  std::uint16_t port() const { return port_.load(); }

  const ServerConfig& config() const { return config_; }
  Pipeline& pipeline() { return *pipeline_; }
  asio::thread_pool& workers() { return workers_; }
  // Where a request runs: see readers_.
  asio::thread_pool& pool_for(Method method) {
    return method == Method::Get || method == Method::Head || method == Method::Options ? readers_
                                                                                        : workers_;
  }
  bool stopping() const { return stopping_.load(); }
  void remove_session(const Session* session);

 private:
  asio::awaitable<void> accept_loop();
  bool add_session(const std::shared_ptr<Session>& session);
  std::vector<std::shared_ptr<Session>> live_sessions();
  void run_io();
  void shut_down();
  void request_stop();
  bool on_own_thread();

  const ServerConfig config_;
  const std::shared_ptr<Pipeline> pipeline_;
  std::atomic<bool> stopping_{false};
  std::atomic<std::uint16_t> port_{0};

  std::mutex sessions_mutex_;
  std::condition_variable sessions_changed_;
  std::unordered_map<const Session*, std::weak_ptr<Session>> sessions_;
  std::unordered_map<std::string, std::size_t> per_client_;  // open connections per client_key
  std::size_t turned_away_ = 0;                              // since the last log line

  std::mutex lifecycle_mutex_;  // serialises start, stop and install_signal_handlers
  std::mutex state_mutex_;      // guards the three flags below, for wait()
  std::condition_variable state_changed_;
  bool started_ = false;
  bool stop_requested_ = false;
  bool stopped_ = false;

  // Declared before the io_context so that the coroutine frames it destroys
  // last can still release work on the pool.
  asio::thread_pool workers_;
  // Reads (GET, HEAD, OPTIONS) run on their own pool, one thread per core, so
  // they never queue behind writes waiting for the database's write lock or
  // behind Argon2id logins (an on-sale rush kept every worker busy and the
  // catalogue's p99 rose to 140 ms), and so that a cached read costs no wake-up
  // of an idle thread (with 8 threads, waking them was a third of the CPU and
  // halved the cached catalogue's rate; bench/RESULTS.md).
  asio::thread_pool readers_;
  asio::io_context ioc_;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> keep_running_;
  tcp::acceptor acceptor_;
  std::optional<asio::signal_set> signals_;
  std::vector<std::thread> io_threads_;
};

// One connection. All members are touched only on the session's strand,
// except close_now(), which runs once the I/O threads have stopped.
class Session {
 public:
  Session(ServerCore& core, tcp::socket socket) : core_(core), stream_(std::move(socket)) {
    beast::error_code ec;
    auto endpoint = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_address_ = endpoint.address().to_string();
    client_ = client_key(remote_address_);
    // A response can go out in several writes (header, then chunks); Nagle
    // would hold each one back until the previous is acknowledged.
    stream_.socket().set_option(tcp::no_delay(true), ec);
  }

  asio::any_io_executor executor() { return stream_.get_executor(); }
  // What per-client caps count this connection under (core/client_address.hpp).
  const std::string& client() const { return client_; }

  asio::awaitable<void> run();

  // Graceful shutdown: a connection waiting for its next request is closed
  // now; one in the middle of a request finishes it first.
  void close_if_idle() {
    if (idle_) stream_.cancel();
  }

  void close_now() {
    beast::error_code ec;
    stream_.socket().close(ec);
  }

  // Over a connection cap: a 503 if the socket takes it at once, then close.
  void turn_away() {
    beast::error_code ec;
    auto& socket = stream_.socket();
    socket.non_blocking(true, ec);
    if (!ec) socket.write_some(asio::buffer(kBusyResponse.data(), kBusyResponse.size()), ec);
    socket.shutdown(tcp::socket::shutdown_send, ec);
    socket.close(ec);
  }

 private:
  asio::awaitable<void> serve();
  asio::awaitable<bool> wait_for_request();
  asio::awaitable<beast::error_code> read_request(RequestParser& parser);
  asio::awaitable<bool> respond(RequestParser& parser);
  asio::awaitable<Response> handle(Request& request);
  asio::awaitable<void> reject(RequestParser& parser, beast::error_code read_error);
  asio::awaitable<bool> write_response(const Request& request, unsigned version, Response& response,
                                       bool keep_alive);
  asio::awaitable<bool> write_chunks(const std::function<bool(std::string&)>& produce);
  asio::awaitable<void> linger();

  void arm_timeout() { stream_.expires_after(core_.config().read_timeout); }

  ServerCore& core_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::string remote_address_;
  std::string client_;
  bool idle_ = false;
  std::string framing_problem_;  // why read_request refused the header, for reject()
};

asio::awaitable<void> Session::run() {
  try {
    co_await serve();
  } catch (const std::exception& e) {
    log_line(std::string("session ended by an exception: ") + e.what());
  }
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream_.socket().close(ec);
  core_.remove_session(this);
}

asio::awaitable<void> Session::serve() {
  while (co_await wait_for_request()) {
    RequestParser parser;
    // Narrowed to the route's own limit once the header is in (read_request).
    parser.body_limit(largest_body_limit(core_.config()));
    if (auto ec = co_await read_request(parser)) {
      co_await reject(parser, ec);
      co_return;
    }
    if (!co_await respond(parser)) co_return;
  }
}

// Waits for the first byte of the next request. This is the only moment a
// connection counts as idle, so stop() can close it without cutting a request.
asio::awaitable<bool> Session::wait_for_request() {
  if (buffer_.size() > 0) co_return true;  // a pipelined request is already here
  if (core_.stopping()) co_return false;
  idle_ = true;
  arm_timeout();
  auto [ec, received] = co_await stream_.async_read_some(buffer_.prepare(kReadSize), kNoThrow);
  idle_ = false;
  if (ec) co_return false;
  buffer_.commit(received);
  co_return true;
}

asio::awaitable<beast::error_code> Session::read_request(RequestParser& parser) {
  arm_timeout();
  auto [ec, bytes] = co_await beast_http::async_read_header(stream_, buffer_, parser, kNoThrow);
  if (ec) co_return ec;
  // Before the body: a Transfer-Encoding Beast does not decode would leave the
  // body in the buffer, to be read as the next request.
  if (auto problem = check_framing(parser.get())) {
    framing_problem_ = std::move(*problem);
    co_return beast::error_code(beast_http::error::bad_transfer_encoding);
  }
  // The route's body limit, checked against Content-Length before anything
  // else (no 100 Continue, no body read): a too-large upload is refused at once.
  const std::size_t limit = body_limit_for(core_.config(), parser.get());
  if (const auto length = parser.content_length(); length && *length > limit) {
    co_return beast::error_code(beast_http::error::body_limit);
  }
  parser.body_limit(limit);  // counts down as a chunked body arrives
  if (parser.is_done()) co_return ec;
  // Clients such as curl hold back large bodies until told to go on.
  if (beast::iequals(parser.get()[beast_http::field::expect], "100-continue")) {
    beast_http::response<beast_http::empty_body> proceed{beast_http::status::continue_,
                                                         parser.get().version()};
    arm_timeout();
    auto [write_error, written] = co_await beast_http::async_write(stream_, proceed, kNoThrow);
    if (write_error) co_return write_error;
  }
  arm_timeout();
  auto [body_error, body_bytes] =
      co_await beast_http::async_read(stream_, buffer_, parser, kNoThrow);
  co_return body_error;
}

// Returns whether the connection stays open for another request.
asio::awaitable<bool> Session::respond(RequestParser& parser) {
  auto message = parser.release();
  Request request = make_request(message, remote_address_);
  request.body = std::move(message.body());
  Response response;
  if (parse_target(request.target, request)) {
    response = co_await handle(request);
  } else {
    response = co_await on_workers(core_.pool_for(request.method), [&] {
      return core_.pipeline().error(request, 400, "BAD_REQUEST", "Malformed request target");
    });
  }
  co_return co_await write_response(request, message.version(), response, message.keep_alive());
}

// The pipeline maps every error itself, so an exception here is a bug: log it
// and still answer, rather than leaving the client with a dropped connection.
asio::awaitable<Response> Session::handle(Request& request) {
  // A cache hit is answered here, on the I/O thread: handing it to the pool
  // and back cost two thread wake-ups, more than the hit itself.
  if (auto response = core_.pipeline().try_without_blocking(request)) {
    co_return std::move(*response);
  }
  try {
    co_return co_await on_workers(core_.pool_for(request.method),
                                  [&] { return core_.pipeline().handle(request); });
  } catch (const std::exception& e) {
    log_line("request " + request.request_id + " escaped the pipeline: " + e.what());
  }
  co_return co_await on_workers(core_.pool_for(request.method), [&] {
    return core_.pipeline().error(request, 500, "INTERNAL", "Internal server error");
  });
}

// Answers a request that could not be read, then closes: after a framing
// error there is no telling where the next request would start.
asio::awaitable<void> Session::reject(RequestParser& parser, beast::error_code read_error) {
  unsigned status = 400;
  std::string code = "BAD_REQUEST";
  std::string message = framing_problem_.empty() ? "Malformed HTTP request" : framing_problem_;
  if (read_error == beast_http::error::body_limit) {
    status = 413;
    code = "PAYLOAD_TOO_LARGE";
    message = "Request body exceeds " + describe_size(body_limit_for(core_.config(), parser.get()));
  } else if (read_error == beast_http::error::header_limit) {
    status = 431;
    code = "HEADERS_TOO_LARGE";
    message = "Request headers are too large";
  } else if (read_error.category() != beast_http::make_error_code(beast_http::error{}).category() ||
             read_error == beast_http::error::end_of_stream ||
             read_error == beast_http::error::partial_message) {
    co_return;  // timed out, reset or closed by the client: nobody to answer
  }
  Request request = make_request(parser.get(), remote_address_);
  parse_target(request.target, request);
  Response response = co_await on_workers(core_.pool_for(request.method), [&] {
    return core_.pipeline().error(request, status, code, message);
  });
  co_await write_response(request, parser.get().version(), response, false);
  co_await linger();
}

asio::awaitable<bool> Session::write_response(const Request& request, unsigned version,
                                              Response& response, bool keep_alive) {
  keep_alive = keep_alive && !core_.stopping() && !says_connection_close(response);
  const bool with_body = status_allows_body(response.status);
  const bool head = request.method == Method::Head;

  beast_http::response_header<> header;
  header.version(version);
  header.result(response.status);
  header.set(beast_http::field::server, kServerName);
  if (!response.content_type.empty() && with_body) {
    header.set(beast_http::field::content_type, response.content_type);
  }
  for (const auto& [name, value] : response.headers) header.insert(name, value);

  arm_timeout();
  if (response.stream && with_body) {
    beast_http::response<beast_http::empty_body> message{std::move(header)};
    message.keep_alive(keep_alive);
    message.chunked(true);
    beast_http::response_serializer<beast_http::empty_body> serializer{message};
    auto [ec, written] = co_await beast_http::async_write_header(stream_, serializer, kNoThrow);
    if (ec) co_return false;
    if (!head && !co_await write_chunks(response.stream)) co_return false;
  } else if (head || !with_body) {
    // HEAD announces the length of the body it does not send.
    beast_http::response<beast_http::empty_body> message{std::move(header)};
    if (with_body) message.content_length(response.body.size());
    message.keep_alive(keep_alive);
    auto [ec, written] = co_await beast_http::async_write(stream_, message, kNoThrow);
    if (ec) co_return false;
  } else {
    beast_http::response<beast_http::string_body> message{std::move(header),
                                                          std::move(response.body)};
    message.content_length(message.body().size());
    message.keep_alive(keep_alive);
    auto [ec, written] = co_await beast_http::async_write(stream_, message, kNoThrow);
    if (ec) co_return false;
  }
  co_return keep_alive;
}

// The producer may block (it can read the database), so it runs on the pool;
// the socket is only written from the strand.
asio::awaitable<bool> Session::write_chunks(const std::function<bool(std::string&)>& produce) {
  for (bool more = true; more;) {
    std::string chunk;
    more = co_await on_workers(core_.workers(), [&] { return produce(chunk); });
    // An empty chunk would read as the end of the body, so skip it.
    if (chunk.empty()) continue;
    arm_timeout();
    auto [ec, written] =
        co_await asio::async_write(stream_, beast_http::make_chunk(asio::buffer(chunk)), kNoThrow);
    if (ec) co_return false;
  }
  arm_timeout();
  auto [ec, written] = co_await asio::async_write(stream_, beast_http::make_chunk_last(), kNoThrow);
  co_return !ec;
}

// Closing a socket with unread input makes the kernel send RST, which can
// destroy the error response before the client reads it. So shut down our
// side and drain what the client is still sending, for a bounded time.
asio::awaitable<void> Session::linger() {
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (ec) co_return;
  idle_ = true;  // nothing left to answer: stop() may cut this short
  stream_.expires_after(kLingerTimeout);
  std::string scratch(kReadSize, '\0');
  for (std::size_t drained = 0; drained < kLingerMaxBytes;) {
    auto [read_error, received] = co_await stream_.async_read_some(asio::buffer(scratch), kNoThrow);
    if (read_error) break;
    drained += received;
  }
  idle_ = false;
}

ServerCore::ServerCore(ServerConfig config, std::shared_ptr<Pipeline> pipeline)
    : config_(std::move(config)),
      pipeline_(std::move(pipeline)),
      workers_(static_cast<std::size_t>(std::max(1, config_.worker_threads))),
      readers_(std::max<std::size_t>(2, std::thread::hardware_concurrency())),
      ioc_(std::max(1, config_.io_threads)),
      acceptor_(asio::make_strand(ioc_)) {
  if (!pipeline_) throw std::invalid_argument("Server needs a pipeline");
}

std::uint16_t ServerCore::start() {
  std::lock_guard lifecycle(lifecycle_mutex_);
  {
    std::lock_guard lock(state_mutex_);
    if (started_ || stopped_) throw std::logic_error("Server::start called twice");
  }
  const tcp::endpoint endpoint{asio::ip::make_address(config_.address), config_.port};
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(asio::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(asio::socket_base::max_listen_connections);
  port_ = acceptor_.local_endpoint().port();

  keep_running_.emplace(ioc_.get_executor());
  asio::co_spawn(acceptor_.get_executor(), accept_loop(), [](std::exception_ptr error) {
    if (error) log_exception("accept loop", error);
  });
  for (int i = 0; i < std::max(1, config_.io_threads); ++i) {
    io_threads_.emplace_back([this] { run_io(); });
  }
  {
    std::lock_guard lock(state_mutex_);
    started_ = true;
  }
  state_changed_.notify_all();
  return port_;
}

void ServerCore::run_io() {
  for (;;) {
    try {
      ioc_.run();
      return;
    } catch (const std::exception& e) {
      log_line(std::string("I/O thread caught: ") + e.what());
    }
  }
}

asio::awaitable<void> ServerCore::accept_loop() {
  for (;;) {
    auto [ec, socket] = co_await acceptor_.async_accept(asio::make_strand(ioc_), kNoThrow);
    if (!acceptor_.is_open()) co_return;
    if (ec) {
      // Typically out of file descriptors: back off instead of spinning.
      log_line("accept failed: " + ec.message());
      asio::steady_timer pause(acceptor_.get_executor(), kAcceptRetryDelay);
      co_await pause.async_wait(kNoThrow);
      continue;
    }
    auto session = std::make_shared<Session>(*this, std::move(socket));
    if (!add_session(session)) continue;  // over a cap or shutting down: already closed
    asio::co_spawn(
        session->executor(), [session] { return session->run(); },
        [](std::exception_ptr error) {
          if (error) log_exception("session", error);
        });
  }
}

bool ServerCore::add_session(const std::shared_ptr<Session>& session) {
  std::size_t turned_away = 0;
  {
    std::lock_guard lock(sessions_mutex_);
    if (stopping_) return false;
    std::size_t& from_client = per_client_[session->client()];
    const bool over_total =
        config_.max_connections > 0 && sessions_.size() >= config_.max_connections;
    const bool over_client =
        config_.max_connections_per_client > 0 && from_client >= config_.max_connections_per_client;
    if (!over_total && !over_client) {
      ++from_client;
      sessions_.emplace(session.get(), session);
      metrics::registry().connections.add(1);
      return true;
    }
    if (from_client == 0) per_client_.erase(session->client());
    // One line per thousand refusals: a flood must not flood the log too.
    if (turned_away_++ % 1000 == 0) turned_away = turned_away_;
  }
  if (turned_away > 0) {
    log::warn("server: connection cap reached; refused " + std::to_string(turned_away) +
              " connection(s) so far (EVIENT_MAX_CONNECTIONS, EVIENT_MAX_CONNECTIONS_PER_IP)");
  }
  session->turn_away();
  return false;
}

void ServerCore::remove_session(const Session* session) {
  {
    std::lock_guard lock(sessions_mutex_);
    if (sessions_.erase(session) > 0) {
      metrics::registry().connections.add(-1);
      auto it = per_client_.find(session->client());
      if (it != per_client_.end() && --it->second == 0) per_client_.erase(it);
    }
  }
  sessions_changed_.notify_all();
}

std::vector<std::shared_ptr<Session>> ServerCore::live_sessions() {
  std::lock_guard lock(sessions_mutex_);
  std::vector<std::shared_ptr<Session>> live;
  for (auto& [key, weak] : sessions_) {
    if (auto session = weak.lock()) live.push_back(std::move(session));
  }
  return live;
}

void ServerCore::install_signal_handlers() {
  std::lock_guard lifecycle(lifecycle_mutex_);
  if (signals_) return;
  signals_.emplace(ioc_, SIGINT, SIGTERM);
  // Runs on an I/O thread, which cannot join itself: wait() does the stopping.
  signals_->async_wait([this](const beast::error_code& ec, int) {
    if (!ec) request_stop();
  });
}

void ServerCore::request_stop() {
  {
    std::lock_guard lock(state_mutex_);
    stop_requested_ = true;
  }
  state_changed_.notify_all();
}

bool ServerCore::on_own_thread() {
  return ioc_.get_executor().running_in_this_thread() ||
         workers_.get_executor().running_in_this_thread() ||
         readers_.get_executor().running_in_this_thread();
}

void ServerCore::wait() {
  std::unique_lock lock(state_mutex_);
  state_changed_.wait(lock, [this] { return stopped_ || stop_requested_ || !started_; });
  if (stopped_ || !started_) return;
  lock.unlock();
  stop();
}

void ServerCore::stop() {
  // Stopping joins the I/O threads and the pool, which a thread of either
  // cannot do; from there, leave the work to wait().
  if (on_own_thread()) {
    request_stop();
    return;
  }
  std::lock_guard lifecycle(lifecycle_mutex_);
  bool started = false;
  {
    std::lock_guard lock(state_mutex_);
    if (stopped_) return;
    started = started_;
  }
  if (started) shut_down();
  workers_.join();
  readers_.join();
  signals_.reset();
  {
    std::lock_guard lock(state_mutex_);
    stopped_ = true;
  }
  state_changed_.notify_all();
}

void ServerCore::shut_down() {
  const auto deadline = std::chrono::steady_clock::now() + config_.shutdown_grace;
  {
    // Under the registry lock, so that no session registers after the snapshot.
    std::lock_guard lock(sessions_mutex_);
    stopping_ = true;
  }
  asio::post(acceptor_.get_executor(), [this] {
    beast::error_code ec;
    acceptor_.close(ec);
  });
  for (auto& session : live_sessions()) {
    asio::post(session->executor(), [session] { session->close_if_idle(); });
  }
  {
    std::unique_lock lock(sessions_mutex_);
    sessions_changed_.wait_until(lock, deadline, [this] { return sessions_.empty(); });
  }

  keep_running_.reset();
  ioc_.stop();
  for (auto& thread : io_threads_) thread.join();
  io_threads_.clear();
  // Whatever outlived the grace period is cut off. No I/O thread runs any
  // more, so the sockets can be closed from here.
  for (auto& session : live_sessions()) session->close_now();
}

}  // namespace

struct Server::Impl : ServerCore {
  using ServerCore::ServerCore;
};

Server::Server(ServerConfig config, std::shared_ptr<Pipeline> pipeline)
    : impl_(std::make_unique<Impl>(std::move(config), std::move(pipeline))) {}

Server::~Server() {
  stop();
}

std::uint16_t Server::start() {
  return impl_->start();
}
void Server::wait() {
  impl_->wait();
}
void Server::install_signal_handlers() {
  impl_->install_signal_handlers();
}
void Server::stop() {
  impl_->stop();
}
std::uint16_t Server::port() const {
  return impl_->port();
}

}  // namespace evient::http
