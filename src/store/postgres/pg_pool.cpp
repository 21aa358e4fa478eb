#include "store/postgres/pg_pool.hpp"

#include "core/metrics.hpp"

namespace evient::store::postgres {
namespace {

// Far longer than any healthy transaction waits for a connection.
constexpr auto kAcquireTimeout = std::chrono::seconds(30);

}  // namespace

ConnectionPool::ConnectionPool(std::string url, std::size_t size)
    : url_(std::move(url)), size_(size) {
  // give_back() must not allocate: it runs in destructors.
  idle_.reserve(size_);
}

ConnectionPool::~ConnectionPool() {
  std::lock_guard lock(mutex_);
  metrics::registry().pool_size.add(-static_cast<std::int64_t>(open_));
}

ConnectionPool::Lease ConnectionPool::acquire(bool fresh) {
  std::unique_lock lock(mutex_);
  const auto ready = [&] { return !idle_.empty() || open_ < size_; };
  if (!ready()) {
    auto& m = metrics::registry();
    m.pool_waits.inc();
    const auto started = std::chrono::steady_clock::now();
    const bool got = available_.wait_for(lock, kAcquireTimeout, ready);
    m.pool_wait.observe(std::chrono::steady_clock::now() - started);
    if (!got) throw DatabaseUnavailable("timed out waiting for a free PostgreSQL connection");
  }
  std::unique_ptr<PgConnection> stale;
  if (!idle_.empty()) {
    std::unique_ptr<PgConnection> conn = std::move(idle_.back());
    idle_.pop_back();
    if (!fresh) {
      metrics::registry().pool_in_use.add(1);
      return Lease(*this, std::move(conn));
    }
    stale = std::move(conn);  // its slot goes to the new connection
  } else {
    ++open_;
    metrics::registry().pool_size.add(1);
  }
  lock.unlock();
  stale.reset();  // closes a socket: not under the lock
  try {
    auto conn = std::make_unique<PgConnection>(url_);
    metrics::registry().pool_in_use.add(1);
    return Lease(*this, std::move(conn));
  } catch (...) {
    {
      std::lock_guard relock(mutex_);
      --open_;
    }
    metrics::registry().pool_size.add(-1);
    available_.notify_one();
    throw;
  }
}

void ConnectionPool::give_back(std::unique_ptr<PgConnection> conn) noexcept {
  // Only an idle session is fit for the next borrower; anything else (broken,
  // or a transaction left open by with_connection) is closed.
  const bool reusable = !conn->broken() && conn->transaction_status() == PQTRANS_IDLE;
  {
    std::lock_guard lock(mutex_);
    if (reusable) {
      idle_.push_back(std::move(conn));
    } else {
      --open_;
      metrics::registry().pool_size.add(-1);
    }
  }
  metrics::registry().pool_in_use.add(-1);
  available_.notify_one();
}

}  // namespace evient::store::postgres
