#include "core/metrics.hpp"

#include <algorithm>
#include <cstdio>

namespace evient::metrics {
namespace {

std::string escape_label(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

// {a="x",b="y"} (with `extra` appended, e.g. le="0.5"); empty without labels.
std::string label_set(const std::vector<std::string>& names, const std::vector<std::string>& values,
                      std::string_view extra = {}) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < values.size(); ++i) {
    out += out.empty() ? "{" : ",";
    out += names[i] + "=\"" + escape_label(values[i]) + "\"";
  }
  if (!extra.empty()) {
    out += out.empty() ? "{" : ",";
    out += extra;
  }
  if (!out.empty()) out += "}";
  return out;
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

void header(std::string& out, std::string_view name, std::string_view help, std::string_view type) {
  out += "# HELP ";
  out += name;
  out += ' ';
  out += help;
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
}

void sample(std::string& out, std::string_view name, const std::string& labels,
            const std::string& value) {
  out += name;
  out += labels;
  out += ' ';
  out += value;
  out += '\n';
}

// `sum` is the histogram's: seconds for Histogram, jobs for SizeHistogram.
template <class H>
void histogram_samples(std::string& out, std::string_view name,
                       const std::vector<std::string>& names,
                       const std::vector<std::string>& values, const H& h, double sum) {
  const auto counts = h.counts();
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < H::kBounds.size(); ++i) {
    cumulative += counts[i];
    sample(out, std::string(name) + "_bucket",
           label_set(names, values, "le=\"" + number(H::kBounds[i]) + "\""),
           std::to_string(cumulative));
  }
  cumulative += counts.back();
  sample(out, std::string(name) + "_bucket", label_set(names, values, "le=\"+Inf\""),
         std::to_string(cumulative));
  sample(out, std::string(name) + "_sum", label_set(names, values), number(sum));
  sample(out, std::string(name) + "_count", label_set(names, values), std::to_string(cumulative));
}

void counter_family(std::string& out, const Family<Counter>& f) {
  header(out, f.name(), f.help(), "counter");
  f.each([&](const std::vector<std::string>& values, const Counter& c) {
    sample(out, f.name(), label_set(f.labels(), values), std::to_string(c.value()));
  });
}

void counter(std::string& out, std::string_view name, std::string_view help, const Counter& c) {
  header(out, name, help, "counter");
  sample(out, name, {}, std::to_string(c.value()));
}

void gauge(std::string& out, std::string_view name, std::string_view help, const Gauge& g) {
  header(out, name, help, "gauge");
  sample(out, name, {}, std::to_string(g.value()));
}

}  // namespace

void Histogram::observe(std::chrono::steady_clock::duration d) {
  buckets_.add(kBounds, std::chrono::duration<double>(d).count());
  const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(d).count();
  sum_ns_.fetch_add(static_cast<std::uint64_t>(std::max<std::int64_t>(0, ns)),
                    std::memory_order_relaxed);
}

double Histogram::sum_seconds() const {
  return static_cast<double>(sum_ns_.load(std::memory_order_relaxed)) / 1e9;
}

void SizeHistogram::observe(std::uint64_t n) {
  buckets_.add(kBounds, static_cast<double>(n));
  sum_.fetch_add(n, std::memory_order_relaxed);
}

std::string Registry::render() const {
  std::string out;
  counter_family(out, http_requests);
  header(out, http_duration.name(), http_duration.help(), "histogram");
  http_duration.each([&](const std::vector<std::string>& values, const Histogram& h) {
    histogram_samples(out, http_duration.name(), http_duration.labels(), values, h,
                      h.sum_seconds());
  });
  counter_family(out, refusals);
  gauge(out, "evient_http_open_connections", "Client connections open now", connections);

  header(out, "evient_db_pool_connections",
         "Database connections: open in the pool, and lent to a transaction now", "gauge");
  sample(out, "evient_db_pool_connections", "{state=\"open\"}", std::to_string(pool_size.value()));
  sample(out, "evient_db_pool_connections", "{state=\"in_use\"}",
         std::to_string(pool_in_use.value()));
  counter(out, "evient_db_pool_waits_total",
          "Transactions that had to wait for a free database connection", pool_waits);
  header(out, "evient_db_pool_wait_seconds", "Time spent waiting for a database connection",
         "histogram");
  histogram_samples(out, "evient_db_pool_wait_seconds", {}, {}, pool_wait, pool_wait.sum_seconds());

  counter(out, "evient_cache_hits_total", "Catalogue responses served from the cache", cache_hits);
  counter(out, "evient_cache_misses_total", "Catalogue responses built from the database",
          cache_misses);
  counter(
      out, "evient_cache_availability_reads_total",
      "Cached catalogue responses whose availability (or seat states) was read again after a write "
      "or a hold running out",
      cache_availability_reads);
  counter(out, "evient_token_cache_hits_total",
          "Token checks that found the user and the token's revocation in the cache",
          token_cache_hits);
  counter(out, "evient_token_cache_misses_total",
          "Token checks that read the user from the database (every one on SQLite)",
          token_cache_misses);
  counter(out, "evient_write_queue_batches_total",
          "Write-queue batches run, one transaction each (a job alone is a batch of one)",
          write_batches);
  counter(out, "evient_write_queue_jobs_total", "Writes carried by write-queue batches",
          write_jobs);
  header(out, "evient_write_queue_batch_size", "Writes per write-queue batch", "histogram");
  histogram_samples(out, "evient_write_queue_batch_size", {}, {}, write_batch_size,
                    write_batch_size.sum());
  gauge(out, "evient_write_queue_jobs_waiting", "Writes queued for a batch or in one running now",
        write_waiting);
  counter(out, "evient_write_queue_conflicts_total",
          "Writes rolled back to their savepoint after losing a lock conflict, run again alone",
          write_conflicts);
  counter(out, "evient_write_queue_failed_batches_total",
          "Batches of two or more writes whose transaction failed as a whole (none committed)",
          write_failed_batches);
  counter(out, "evient_write_queue_refitted_batches_total",
          "Batches whose summed reservations of a ticket type did not fit, run again with each "
          "write reserving for itself",
          write_refitted);
  counter(out, "evient_orders_created_total", "Orders placed (pending, or paid at once when free)",
          orders_created);
  counter(out, "evient_orders_paid_total", "Orders paid (free orders included)", orders_paid);
  counter_family(out, orders_released);
  counter(out, "evient_check_ins_total", "Tickets checked in at the door", check_ins);
  gauge(out, "evient_password_hash_jobs", "Argon2id jobs running or waiting for a thread",
        hash_admitted);
  counter(out, "evient_password_hash_rejected_total",
          "Argon2id jobs refused with 503 because the queue was full", hash_rejected);
  return out;
}

Registry& registry() {
  static Registry r;
  return r;
}

}  // namespace evient::metrics
