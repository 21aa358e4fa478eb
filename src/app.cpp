#include "app.hpp"

#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <stdexcept>

#include "api/openapi.hpp"
#include "api/routes.hpp"
#include "core/crypto.hpp"
#include "core/log.hpp"
#include "core/money.hpp"
#include "core/process_limits.hpp"
#include "http/pipeline.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "services/admin_event_service.hpp"
#include "services/admin_order_service.hpp"
#include "services/admin_service.hpp"
#include "services/auth_service.hpp"
#include "services/catalog_service.hpp"
#include "services/image_service.hpp"
#include "services/notification_service.hpp"
#include "services/order_service.hpp"
#include "services/payment_service.hpp"
#include "services/scanner_service.hpp"
#include "services/seating_service.hpp"
#include "services/services.hpp"
#include "services/stats_service.hpp"
#include "services/wallet_service.hpp"
#include "store/migrations.hpp"

namespace evient {
namespace {

// The built web app: the configured folder, else "web" beside the binary (where
// the build writes it). Served from memory, read once here.
std::shared_ptr<const http::StaticFiles> load_web(const std::string& configured) {
  namespace fs = std::filesystem;
  if (configured == "none") return nullptr;
  fs::path dir = configured;
  if (dir.empty()) {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    dir = ec ? fs::path("web") : exe.parent_path() / "web";
    if (!fs::is_regular_file(dir / "index.html")) {
      log::warn("web app not found at " + dir.string() +
                " (build it with `make build`, or set EVIENT_WEB_DIR); serving the API only");
      return nullptr;
    }
  }
  auto web = std::make_shared<const http::StaticFiles>(dir);
  log::info("web app: " + std::to_string(web->file_count()) + " files from " + dir.string());
  return web;
}

Currency currency_for(const std::string& code) {
  static const std::map<std::string, int> kExponents = {
      {"VND", 0}, {"JPY", 0}, {"KRW", 0}, {"USD", 2}, {"EUR", 2},
      {"GBP", 2}, {"SGD", 2}, {"THB", 2}, {"AUD", 2}, {"CAD", 2}};
  auto it = kExponents.find(code);
  if (it == kExponents.end()) throw std::invalid_argument("unsupported currency " + code);
  return Currency{code, it->second};
}

std::unique_ptr<Services> build_services(store::Database& db, const Clock& clock,
                                         const Config& config) {
  auto s = std::make_unique<Services>();
  s->auth = std::make_unique<AuthService>(db, clock, config);
  s->payments = std::make_unique<PaymentService>(db, clock, config);
  s->orders = std::make_unique<OrderService>(db, clock, config, *s->payments);
  // Availability is read after expired holds of that event are released.
  s->catalog = std::make_unique<CatalogService>(
      db, clock, config.cache_ttl, [&orders = *s->orders](const std::string& event_id) {
        orders.release_expired_for_event(event_id);
      });
  s->wallet = std::make_unique<WalletService>(db);
  s->notifications = std::make_unique<NotificationService>(db);
  s->scanner = std::make_unique<ScannerService>(db, clock, config.door_window);
  s->stats = std::make_unique<StatsService>(db, clock);
  // A cancelled event's refunded orders get their money back through the
  // provider that took it, after the cancellation committed.
  s->admin_events = std::make_unique<AdminEventService>(
      db, clock, [&payments = *s->payments](const Order& order) {
        return payments.call_provider_refund(order);
      });
  s->admin = std::make_unique<AdminService>(db, clock);
  s->admin_orders = std::make_unique<AdminOrderService>(db, clock, *s->payments);
  s->admin_broadcast = std::make_unique<AdminBroadcastService>(db, clock);
  s->seating = std::make_unique<SeatingService>(db, clock, config.cache_ttl);
  s->images = std::make_unique<ImageService>(db, clock, config);
  s->sweep_interval = config.sweep_interval;
  return s;
}

// Each connection is a file descriptor, and so are database connections, the
// web app's files and the logs: keep the cap a margin below the open-file limit,
// or accept() fails (EMFILE) and nobody, old or new, gets an answer.
std::size_t connection_cap(const Config& config) {
  const std::uint64_t files = raise_open_file_limit();
  const std::uint64_t reserve = static_cast<std::uint64_t>(config.db_pool) + 64;
  if (files <= reserve) return 1;
  const std::size_t fits = static_cast<std::size_t>(files - reserve);
  if (config.max_connections != 0 && config.max_connections <= fits) return config.max_connections;
  if (config.max_connections != 0) {
    log::warn("at most " + std::to_string(fits) + " connections (open-file limit " +
              std::to_string(files) + "); raise `ulimit -n` to allow more");
  }
  return fits;
}

}  // namespace

void init_process(const Config& config) {
  crypto::init();
  raise_open_file_limit();
  set_currency(currency_for(config.currency));
  log::set_access_log(config.access_log);
}

App::App(Config config, std::shared_ptr<const Clock> clock)
    : config_(std::move(config)), clock_(std::move(clock)) {
  ensure_secrets(config_);
  store::DatabaseOptions options;
  options.url = config_.db;
  options.pool_size = config_.db_pool;
  options.sqlite_full_sync = config_.sqlite_full_sync;
  db_ = store::open_database(options);
  db_->write_queue().set_max_batch(static_cast<std::size_t>(config_.write_batch));
  db_->write_queue().set_defer_reservations(config_.write_coalesce);
  // PostgreSQL: as many batches side by side as connections, so batches form
  // only once every connection is writing. Fewer writers make bigger batches:
  // with batches adding their reservations up (write_queue.hpp), 2 writers on
  // 2 cores sold one hot general-admission type 66% faster than 8; but two big
  // batches then wait on each other's rows when buyers collide on the same
  // seats, and the seated on-sale took 86 s instead of 9 (bench/CHANGES.md,
  // "Write path, second pass"). EVIENT_WRITE_WRITERS chooses.
  const int writers = config_.write_writers > 0                  ? config_.write_writers
                      : db_->engine() == store::Engine::Postgres ? config_.db_pool
                                                                 : 1;
  db_->write_queue().set_max_writers(static_cast<std::size_t>(writers));
  store::migrate(*db_);
  services_ = build_services(*db_, *clock_, config_);
  auto web = load_web(config_.web_dir);
  pipeline_ =
      std::make_shared<http::Pipeline>(build_router(web), api::make_authenticator(*services_->auth),
                                       http::CorsConfig{config_.cors_origins}, web);
}

http::Router App::build_router(std::shared_ptr<const http::StaticFiles> web) {
  Services& s = *services_;
  http::Router r;
  api::register_openapi_routes(r, std::move(web));
  api::register_health_routes(r, [&db = *db_] { return db.ping(); });
  api::register_metrics_routes(r, config_.metrics_token);
  api::register_auth_routes(r, *s.auth);
  api::register_user_routes(r, *s.auth);
  api::register_event_routes(r, *s.catalog);
  api::register_banner_routes(r, *s.catalog);
  api::register_order_routes(r, *s.orders);
  api::register_payment_routes(r, *s.payments);
  api::register_ticket_routes(r, *s.wallet);
  api::register_notification_routes(r, *s.notifications);
  api::register_seating_routes(r, *s.seating);
  api::register_react_admin_routes(r, *s.admin_events, *s.admin, *s.seating);
  api::register_upload_routes(r, *s.images);
  api::register_admin_routes(r, api::AdminServices{*s.stats, *s.scanner, *s.admin_events, *s.admin,
                                                   *s.admin_orders, *s.admin_broadcast});
  return r;
}

const http::Router& App::router() const {
  return pipeline_->router();
}

App::~App() {
  stop();
}

std::uint16_t App::start(bool background_tasks) {
  http::ServerConfig sc;
  sc.address = config_.address;
  sc.port = config_.port;
  sc.io_threads = config_.io_threads;
  sc.worker_threads = config_.worker_threads;
  sc.read_timeout = config_.read_timeout;
  sc.max_connections = connection_cap(config_);
  sc.max_connections_per_client = config_.max_connections_per_ip;
  // Only the upload routes take large bodies: room for the multipart framing
  // around the largest file each accepts.
  constexpr std::size_t kFormOverhead = 64 << 10;
  sc.large_bodies = {
      {"/api/upload", config_.max_upload_bytes + kFormOverhead},
      {"/api/users/avatar", services_->images->avatar_bounds().max_bytes + kFormOverhead}};
  server_ = std::make_unique<http::Server>(sc, pipeline_);
  const std::uint16_t port = server_->start();
  if (background_tasks) {
    for (auto& task : services_->background_tasks()) run_periodic(task.interval, task.run);
  }
  return port;
}

void App::install_signal_handlers() {
  server_->install_signal_handlers();
}

void App::wait() {
  if (server_) server_->wait();
}

void App::stop() {
  for (auto& t : background_) t.request_stop();
  background_.clear();  // joins
  if (server_) server_->stop();
}

void App::run_periodic(std::chrono::seconds interval, std::function<void()> task) {
  background_.emplace_back([interval, task = std::move(task)](std::stop_token stop) {
    std::mutex m;
    std::condition_variable_any cv;
    while (!stop.stop_requested()) {
      {
        std::unique_lock<std::mutex> lock(m);
        cv.wait_for(lock, stop, interval, [] { return false; });
      }
      if (stop.stop_requested()) break;
      try {
        task();
      } catch (const std::exception& e) {
        log::error(std::string("background task failed: ") + e.what());
      }
    }
  });
}

}  // namespace evient
