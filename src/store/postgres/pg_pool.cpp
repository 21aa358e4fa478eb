#include "store/postgres/pg_pool.hpp"

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

ConnectionPool::Lease ConnectionPool::acquire(bool fresh) {
  std::unique_lock lock(mutex_);
  if (!available_.wait_for(lock, kAcquireTimeout,
                           [&] { return !idle_.empty() || open_ < size_; })) {
    throw DatabaseUnavailable("timed out waiting for a free PostgreSQL connection");
  }
  std::unique_ptr<PgConnection> stale;
  if (!idle_.empty()) {
    std::unique_ptr<PgConnection> conn = std::move(idle_.back());
    idle_.pop_back();
    if (!fresh) return Lease(*this, std::move(conn));
    stale = std::move(conn);  // its slot goes to the new connection
  } else {
    ++open_;
  }
  lock.unlock();
  stale.reset();  // closes a socket: not under the lock
  try {
    return Lease(*this, std::make_unique<PgConnection>(url_));
  } catch (...) {
    {
      std::lock_guard relock(mutex_);
      --open_;
    }
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
    }
  }
  available_.notify_one();
}

}  // namespace evient::store::postgres
