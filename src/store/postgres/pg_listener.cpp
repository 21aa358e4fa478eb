#include "store/postgres/pg_listener.hpp"

#include <libpq-fe.h>
#include <poll.h>

#include <chrono>
#include <memory>

#include "core/log.hpp"

namespace evient::store::postgres {
namespace {

// How often the thread looks at stopping_ while waiting for notifications.
constexpr int kPollMs = 50;
constexpr std::chrono::milliseconds kReconnectPause{500};

struct Finish {
  void operator()(PGconn* c) const { PQfinish(c); }
};

}  // namespace

Listener::Listener(std::string url, std::string channel, std::function<void()> on_change,
                   std::function<void(bool)> on_state)
    : url_(std::move(url)),
      channel_(std::move(channel)),
      on_change_(std::move(on_change)),
      on_state_(std::move(on_state)),
      thread_([this] { run(); }) {}

Listener::~Listener() {
  stopping_ = true;
  thread_.join();
}

void Listener::run() {
  bool warned = false;
  while (!stopping_) {
    const char* const keys[] = {"connect_timeout", "fallback_application_name", "dbname", nullptr};
    const char* const values[] = {"10", "evient-listener", url_.c_str(), nullptr};
    std::unique_ptr<PGconn, Finish> conn(PQconnectdbParams(keys, values, 1));
    bool listening = false;
    if (conn && PQstatus(conn.get()) == CONNECTION_OK) {
      const std::string sql = "LISTEN " + channel_;
      PGresult* r = PQexec(conn.get(), sql.c_str());
      listening = r && PQresultStatus(r) == PGRES_COMMAND_OK;
      PQclear(r);
    }
    if (listening) {
      if (warned) log::info("postgres: listening for account changes again");
      warned = false;
      // Whatever changed while nobody listened is unknown: report a change.
      on_change_();
      on_state_(true);
      while (!stopping_) {
        pollfd fd{PQsocket(conn.get()), POLLIN, 0};
        const int ready = poll(&fd, 1, kPollMs);
        if (ready < 0) continue;
        if (ready > 0 && PQconsumeInput(conn.get()) == 0) break;
        bool changed = false;
        while (PGnotify* n = PQnotifies(conn.get())) {
          changed = true;
          PQfreemem(n);
        }
        if (changed) on_change_();
        if (PQstatus(conn.get()) == CONNECTION_BAD) break;
      }
      on_state_(false);
      on_change_();
    }
    if (stopping_) break;
    if (!warned) {
      log::warn("postgres: account change listener not connected (" +
                std::string(conn ? PQerrorMessage(conn.get()) : "out of memory") +
                "); token checks read the database until it is");
      warned = true;
    }
    for (auto waited = std::chrono::milliseconds(0); waited < kReconnectPause && !stopping_;
         waited += std::chrono::milliseconds(50)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
}

}  // namespace evient::store::postgres
