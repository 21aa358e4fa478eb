#pragma once
// A bounded pool of PostgreSQL connections, opened on demand. Keep it small: on
// a hot row, throughput falls as connections grow (see STACK.md).
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/postgres/pg_connection.hpp"

namespace evient::store::postgres {

class ConnectionPool {
 public:
  // A connection on loan; returned when the lease ends, or closed if it broke or
  // was left inside a transaction.
  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<PgConnection> conn)
        : pool_(&pool), conn_(std::move(conn)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (conn_) pool_->give_back(std::move(conn_));
    }
    PgConnection& operator*() const { return *conn_; }
    PgConnection* operator->() const { return conn_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<PgConnection> conn_;
  };

  ConnectionPool(std::string url, std::size_t size);

  // Waits until a connection is free or fewer than `size` are open. With `fresh`
  // an idle connection is closed and replaced rather than reused: after one
  // connection broke, the others may be stale too (say, the server restarted).
  // Throws DatabaseError when nothing frees up within the timeout (a deadlock,
  // such as a transaction waiting for a second connection from a pool of one,
  // becomes an error instead of a hang), ConnectionLost when connecting fails.
  Lease acquire(bool fresh = false);
  ~ConnectionPool();

 private:
  void give_back(std::unique_ptr<PgConnection> conn) noexcept;

  const std::string url_;
  const std::size_t size_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<PgConnection>> idle_;
  std::size_t open_ = 0;  // idle + on loan + being opened
};

}  // namespace evient::store::postgres
