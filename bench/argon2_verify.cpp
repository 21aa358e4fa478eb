// The login ceiling: Argon2id verification alone (libsodium, the parameters
// core/crypto uses), on THREADS threads for SECONDS seconds.
//   argon2_verify [THREADS] [SECONDS]
// Prints: verifies_per_s=<n>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "core/crypto.hpp"

int main(int argc, char** argv) {
  const int threads = argc > 1 ? std::stoi(argv[1]) : 2;
  const double seconds = argc > 2 ? std::stod(argv[2]) : 3.0;
  evient::crypto::init();
  const std::string hash = evient::crypto::hash_password("bench-password");
  std::atomic<long> done{0};
  const auto start = std::chrono::steady_clock::now();
  const auto until = start + std::chrono::duration<double>(seconds);
  std::vector<std::thread> pool;
  for (int i = 0; i < threads; ++i) {
    pool.emplace_back([&] {
      while (std::chrono::steady_clock::now() < until) {
        if (!evient::crypto::verify_password(hash, "bench-password")) std::abort();
        done.fetch_add(1);
      }
    });
  }
  for (auto& t : pool) t.join();
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("verifies_per_s=%.1f threads=%d verifies=%ld\n", static_cast<double>(done) / elapsed,
              threads, done.load());
}
