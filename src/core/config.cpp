#include "core/config.hpp"

#include <sys/stat.h>

#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>

#include "core/crypto.hpp"

namespace evient {
namespace {

std::int64_t to_int(const std::string& name, const std::string& value, std::int64_t min,
                    std::int64_t max) {
  std::int64_t n = 0;
  auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || p != value.data() + value.size() || n < min || n > max) {
    throw std::invalid_argument(name + " must be an integer between " + std::to_string(min) +
                                " and " + std::to_string(max) + ", got '" + value + "'");
  }
  return n;
}

bool to_bool(const std::string& v) {
  return v == "1" || v == "true" || v == "yes" || v == "on";
}

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= s.size()) {
    std::size_t comma = s.find(',', pos);
    if (comma == std::string::npos) comma = s.size();
    std::string item = s.substr(pos, comma - pos);
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (!item.empty()) out.push_back(item);
    pos = comma + 1;
  }
  return out;
}

// flag name -> setter. The same table serves flags and EVIENT_* variables.
using Setter = void (*)(Config&, const std::string&);
const std::map<std::string, Setter>& setters() {
  static const std::map<std::string, Setter> kSetters = {
      {"db", [](Config& c, const std::string& v) { c.db = v; }},
      {"address", [](Config& c, const std::string& v) { c.address = v; }},
      {"port",
       [](Config& c, const std::string& v) {
         c.port = static_cast<std::uint16_t>(to_int("port", v, 0, 65535));
       }},
      {"public-url", [](Config& c, const std::string& v) { c.public_url = v; }},
      {"jwt-secret", [](Config& c, const std::string& v) { c.jwt_secret = v; }},
      {"jwt-ttl",
       [](Config& c, const std::string& v) {
         c.jwt_ttl = std::chrono::seconds(to_int("jwt-ttl", v, 60, 90LL * 24 * 3600));
       }},
      {"payment-secret", [](Config& c, const std::string& v) { c.payment_secret = v; }},
      {"cors-origins", [](Config& c, const std::string& v) { c.cors_origins = split_list(v); }},
      {"currency", [](Config& c, const std::string& v) { c.currency = v; }},
      {"io-threads",
       [](Config& c, const std::string& v) {
         c.io_threads = static_cast<int>(to_int("io-threads", v, 1, 64));
       }},
      {"workers",
       [](Config& c, const std::string& v) {
         c.worker_threads = static_cast<int>(to_int("workers", v, 1, 256));
       }},
      {"db-pool",
       [](Config& c, const std::string& v) {
         c.db_pool = static_cast<int>(to_int("db-pool", v, 1, 256));
       }},
      {"sqlite-sync", [](Config& c, const std::string& v) { c.sqlite_full_sync = v != "normal"; }},
      {"write-writers",
       [](Config& c, const std::string& v) {
         c.write_writers = static_cast<int>(to_int("write-writers", v, 0, 256));
       }},
      {"write-batch",
       [](Config& c, const std::string& v) {
         c.write_batch = static_cast<int>(to_int("write-batch", v, 1, 1024));
       }},
      {"write-coalesce", [](Config& c, const std::string& v) { c.write_coalesce = to_bool(v); }},
      {"access-log", [](Config& c, const std::string& v) { c.access_log = to_bool(v); }},
      {"order-hold",
       [](Config& c, const std::string& v) {
         c.order_hold = std::chrono::seconds(to_int("order-hold", v, 30, 7 * 24 * 3600));
       }},
      {"max-per-order",
       [](Config& c, const std::string& v) {
         c.max_per_type_per_order = static_cast<int>(to_int("max-per-order", v, 1, 10000));
       }},
      {"max-per-user-event",
       [](Config& c, const std::string& v) {
         c.max_per_user_per_event = static_cast<int>(to_int("max-per-user-event", v, 1, 100000));
       }},
      {"max-pending-orders",
       [](Config& c, const std::string& v) {
         c.max_pending_orders_per_user =
             static_cast<int>(to_int("max-pending-orders", v, 0, 100000));
       }},
      {"max-held-per-ip",
       [](Config& c, const std::string& v) {
         c.max_held_tickets_per_ip = static_cast<int>(to_int("max-held-per-ip", v, 0, 10'000'000));
       }},
      {"payment-provider", [](Config& c, const std::string& v) { c.payment_provider = v; }},
      {"sweep-interval",
       [](Config& c, const std::string& v) {
         c.sweep_interval = std::chrono::seconds(to_int("sweep-interval", v, 1, 3600));
       }},
      {"door-window-hours",
       [](Config& c, const std::string& v) {
         c.door_window = std::chrono::hours(to_int("door-window-hours", v, 0, 24 * 30));
       }},
      {"login-rate",
       [](Config& c, const std::string& v) {
         c.login_attempts_per_minute = static_cast<int>(to_int("login-rate", v, 1, 1000000));
       }},
      {"login-ip-rate",
       [](Config& c, const std::string& v) {
         c.login_failures_per_ip_minute = static_cast<int>(to_int("login-ip-rate", v, 1, 1000000));
       }},
      {"register-rate",
       [](Config& c, const std::string& v) {
         c.registrations_per_ip_minute = static_cast<int>(to_int("register-rate", v, 1, 1000000));
       }},
      {"hash-threads",
       [](Config& c, const std::string& v) {
         c.hash_threads = static_cast<int>(to_int("hash-threads", v, 1, 256));
       }},
      {"hash-queue",
       [](Config& c, const std::string& v) {
         c.hash_queue = static_cast<int>(to_int("hash-queue", v, 0, 100000));
       }},
      {"read-timeout",
       [](Config& c, const std::string& v) {
         c.read_timeout = std::chrono::seconds(to_int("read-timeout", v, 1, 3600));
       }},
      {"max-connections",
       [](Config& c, const std::string& v) {
         c.max_connections = static_cast<std::size_t>(to_int("max-connections", v, 0, 10'000'000));
       }},
      {"max-connections-per-ip",
       [](Config& c, const std::string& v) {
         c.max_connections_per_ip =
             static_cast<std::size_t>(to_int("max-connections-per-ip", v, 0, 10'000'000));
       }},
      {"cache-ttl-ms",
       [](Config& c, const std::string& v) {
         c.cache_ttl = std::chrono::milliseconds(to_int("cache-ttl-ms", v, 0, 3600 * 1000));
       }},
      {"web-dir", [](Config& c, const std::string& v) { c.web_dir = v; }},
      {"metrics-token", [](Config& c, const std::string& v) { c.metrics_token = v; }},
      {"upload-dir", [](Config& c, const std::string& v) { c.upload_dir = v; }},
      {"max-upload-bytes",
       [](Config& c, const std::string& v) {
         c.max_upload_bytes =
             static_cast<std::size_t>(to_int("max-upload-bytes", v, 1024, 64LL << 20));
       }},
      {"upload-rate",
       [](Config& c, const std::string& v) {
         c.uploads_per_user_hour = static_cast<int>(to_int("upload-rate", v, 1, 1000000));
       }},
  };
  return kSetters;
}

std::string env_name(const std::string& flag) {
  std::string n = "EVIENT_";
  for (char ch : flag) n += ch == '-' ? '_' : static_cast<char>(std::toupper(ch));
  return n;
}

}  // namespace

Config load_config(const std::vector<std::string>& args, std::vector<std::string>* rest) {
  Config c;
  for (const auto& [flag, set] : setters()) {
    if (const char* v = std::getenv(env_name(flag).c_str()); v && *v) set(c, v);
  }
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (!a.starts_with("--")) {
      if (rest) rest->push_back(a);
      continue;
    }
    std::string name = a.substr(2);
    std::string value;
    bool has_value = false;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_value = true;
    }
    auto it = setters().find(name);
    if (it == setters().end()) {
      if (!rest) throw std::invalid_argument("unknown flag --" + name);
      rest->push_back(a);
      continue;
    }
    if (!has_value) {
      if (i + 1 >= args.size()) throw std::invalid_argument("--" + name + " needs a value");
      value = args[++i];
    }
    it->second(c, value);
  }
  if (c.public_url.empty()) c.public_url = "http://localhost:" + std::to_string(c.port);
  while (c.public_url.ends_with('/')) c.public_url.pop_back();
  return c;
}

std::string upload_directory(const Config& config) {
  if (!config.upload_dir.empty()) return config.upload_dir;
  if (config.is_postgres()) return "data/uploads";
  const std::filesystem::path db(config.db);
  return (db.has_parent_path() ? db.parent_path() / "uploads" : std::filesystem::path("uploads"))
      .string();
}

void resolve_payment_provider(Config& config) {
  if (config.payment_provider.empty()) {
    if (config.is_postgres()) {
      throw std::invalid_argument(
          "EVIENT_PAYMENT_PROVIDER is required with PostgreSQL. The only provider built in is "
          "\"sandbox\", which marks orders paid without any money (test orders); set "
          "EVIENT_PAYMENT_PROVIDER=sandbox to run a test deployment");
    }
    config.payment_provider = "sandbox";
  }
  if (config.payment_provider != "sandbox") {
    throw std::invalid_argument("unknown EVIENT_PAYMENT_PROVIDER \"" + config.payment_provider +
                                "\" (built in: sandbox)");
  }
}

void ensure_secrets(Config& config) {
  if (!config.jwt_secret.empty() && !config.payment_secret.empty()) return;
  if (config.is_postgres()) {
    throw std::invalid_argument(
        "EVIENT_JWT_SECRET and EVIENT_PAYMENT_SECRET are required with PostgreSQL: every "
        "instance must share them");
  }
  const std::filesystem::path file = config.db + ".secrets";
  std::map<std::string, std::string> kept;
  if (std::ifstream in(file); in) {
    std::string line;
    while (std::getline(in, line)) {
      auto eq = line.find('=');
      if (eq != std::string::npos) kept[line.substr(0, eq)] = line.substr(eq + 1);
    }
  }
  bool changed = false;
  for (const char* key : {"jwt", "payment"}) {
    if (kept[key].empty()) {
      kept[key] = crypto::hex_encode(crypto::random_bytes(32));
      changed = true;
    }
  }
  if (changed) {
    const auto cannot_write = [&](const std::string& why) {
      return std::runtime_error("cannot write the secrets file " + file.string() +
                                " beside the database (" + why +
                                "). Set EVIENT_DB (or --db) to a database file in a directory "
                                "this user can write, or give EVIENT_JWT_SECRET and "
                                "EVIENT_PAYMENT_SECRET");
    };
    std::error_code ec;
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
    if (ec)
      throw cannot_write("cannot create " + file.parent_path().string() + ": " + ec.message());
    const std::string tmp = file.string() + ".tmp";
    {
      std::ofstream out(tmp, std::ios::trunc);
      if (!out) throw cannot_write("cannot create it");
      for (const auto& [k, v] : kept) out << k << '=' << v << '\n';
    }
    ::chmod(tmp.c_str(), 0600);
    std::filesystem::rename(tmp, file, ec);
    if (ec) throw cannot_write(ec.message());
  }
  if (config.jwt_secret.empty()) config.jwt_secret = kept["jwt"];
  if (config.payment_secret.empty()) config.payment_secret = kept["payment"];
}

}  // namespace evient
