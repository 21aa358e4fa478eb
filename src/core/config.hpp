#pragma once
// Configuration: every flag has an EVIENT_* environment variable; a flag on the
// command line wins over the environment, which wins over the default.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace evient {

struct Config {
  std::string db = "data/evient.db";         // --db / EVIENT_DB: SQLite path or postgres:// URL
  std::string address = "0.0.0.0";           // --address / EVIENT_ADDRESS
  std::uint16_t port = 8080;                 // --port / EVIENT_PORT (0 = any free port)
  std::string public_url;                    // EVIENT_PUBLIC_URL: base of links we hand out
  std::string jwt_secret;                    // EVIENT_JWT_SECRET
  std::chrono::seconds jwt_ttl{3600};        // EVIENT_JWT_TTL (seconds; README "Security")
  std::string payment_secret;                // EVIENT_PAYMENT_SECRET (sandbox webhook HMAC key)
  std::vector<std::string> cors_origins;     // EVIENT_CORS_ORIGINS, comma separated
  std::string currency = "VND";              // EVIENT_CURRENCY (VND, USD, EUR, ...)
  int io_threads = 2;                        // EVIENT_IO_THREADS
  int worker_threads = 8;                    // EVIENT_WORKERS
  int db_pool = 8;                           // EVIENT_DB_POOL
  bool sqlite_full_sync = true;              // EVIENT_SQLITE_SYNC=normal trades durability
  int write_batch = 64;                      // EVIENT_WRITE_BATCH: hot writes per commit
  bool write_coalesce = true;                // EVIENT_WRITE_COALESCE (write_queue.hpp)
  int write_writers = 0;                     // EVIENT_WRITE_WRITERS; 0: 1 SQLite, db_pool PG
  bool access_log = true;                    // EVIENT_ACCESS_LOG=0 to silence
  std::chrono::seconds order_hold{15 * 60};  // EVIENT_ORDER_HOLD (seconds)
  int max_per_type_per_order = 10;           // EVIENT_MAX_PER_ORDER
  int max_per_user_per_event = 20;           // EVIENT_MAX_PER_USER_EVENT
  // Unpaid holds: pending orders per account, and tickets held by pending
  // orders placed from one client address (IPv6: its /64); 0 = no bound.
  // Behind a proxy or a carrier NAT many buyers share an address: raise it.
  int max_pending_orders_per_user = 5;  // EVIENT_MAX_PENDING_ORDERS
  int max_held_tickets_per_ip = 50;     // EVIENT_MAX_HELD_PER_IP
  // Who takes the money. "sandbox" (the only provider built in) pays every
  // order for free: its orders are test orders. Required with PostgreSQL.
  std::string payment_provider;             // EVIENT_PAYMENT_PROVIDER
  std::chrono::seconds sweep_interval{30};  // EVIENT_SWEEP_INTERVAL (seconds)
  std::chrono::hours door_window{6};        // EVIENT_DOOR_WINDOW_HOURS: before start / after end
  int login_attempts_per_minute = 10;       // EVIENT_LOGIN_RATE (failures per IP+email, account)
  std::chrono::seconds read_timeout{30};    // EVIENT_READ_TIMEOUT (seconds)
  // Failed logins per client address, and accounts created per client address, per minute.
  int login_failures_per_ip_minute = 30;  // EVIENT_LOGIN_IP_RATE
  int registrations_per_ip_minute = 5;    // EVIENT_REGISTER_RATE
  // Argon2id threads and how many more requests may wait for one (0 / -1:
  // defaults from the worker count, see services/password_hasher.hpp).
  int hash_threads = 0;  // EVIENT_HASH_THREADS
  int hash_queue = -1;   // EVIENT_HASH_QUEUE
  // Longest a cached catalogue response is served (0 = no cache). Writes through
  // this process invalidate it at once; this bounds how long another instance's
  // writes (several servers on one PostgreSQL) take to show.
  std::chrono::milliseconds cache_ttl{1000};  // EVIENT_CACHE_TTL_MS
  // The built web app (web/build.mjs output). Empty: "web" beside the binary,
  // where the build puts it; "none" serves the API alone.
  std::string web_dir;  // EVIENT_WEB_DIR
  // Bearer token for GET /metrics; empty: loopback clients only.
  std::string metrics_token;  // EVIENT_METRICS_TOKEN
  // Open connections at once (0 = no cap); the total is also kept below the
  // open-file limit. Per client address (IPv6: per /64); behind a proxy every
  // client has the proxy's address, so raise it or set 0 there.
  std::size_t max_connections = 10000;       // EVIENT_MAX_CONNECTIONS
  std::size_t max_connections_per_ip = 256;  // EVIENT_MAX_CONNECTIONS_PER_IP
  // Uploaded images (README "Image uploads"). Empty: "uploads" beside the
  // SQLite database file, or data/uploads with PostgreSQL (every instance
  // must then share the folder).
  std::string upload_dir;                  // EVIENT_UPLOAD_DIR
  std::size_t max_upload_bytes = 8 << 20;  // EVIENT_MAX_UPLOAD_BYTES (the request body)
  int uploads_per_user_hour = 60;          // EVIENT_UPLOAD_RATE (per account)

  bool is_postgres() const {
    return db.starts_with("postgres://") || db.starts_with("postgresql://");
  }
};

// Where uploaded images are kept: upload_dir, or its default (above).
std::string upload_directory(const Config& config);

// Reads the environment, then `--name value` / `--name=value` flags from args.
// Unknown flags throw std::invalid_argument. Flags not consumed by Config
// (e.g. --reset) are returned in `rest`.
Config load_config(const std::vector<std::string>& args, std::vector<std::string>* rest);

// Settles payment_provider for `serve`: with SQLite the sandbox when none is
// given; with PostgreSQL (a deployment) it must be given. Throws
// std::invalid_argument for a missing or unknown provider.
void resolve_payment_provider(Config& config);

// Fills jwt_secret / payment_secret when absent: for SQLite a random secret is
// generated once and kept in "<db>.secrets" beside the database file (mode 0600);
// for PostgreSQL both must be given (every instance must share them).
void ensure_secrets(Config& config);

}  // namespace evient
