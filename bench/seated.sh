#!/usr/bin/env bash
# Usage: bench/seated.sh [sqlite|postgres|all]
# The seated on-sale (bench/README.md): a 2,000-seat room, 500 buyers choosing
# seats with many collisions over 64 connections while 16 connections poll the
# seat map. Prints one Markdown row per engine: seconds to sell out, seats sold,
# seats sold twice (SQL, must be 0), buyer responses, and the seat map's
# throughput and latency during the rush. Knobs: BUILD (default build).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/common.sh
. "$here/common.sh"
engines=${1:-all}
bench_require "$evient" "$tools/bench_data"
bench_workdir seated
log() { echo "[seated] $*" >&2; }

run_engine() {  # ENGINE DB_URL
  local engine=$1 db=$2 data="$work/$1"
  mkdir -p "$data"
  export BENCH_DATA="$data"
  log "$engine: migrate and set up"
  "$evient" migrate --db "$db" >/dev/null 2>&1
  "$tools/bench_data" seated --db "$db" --out "$data" >&2
  local port
  port=$(free_port)
  "$evient" serve --db "$db" --address 127.0.0.1 --port "$port" >>"$work/server.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  local url="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do curl -sf -o /dev/null "$url/healthz" && break; sleep 0.1; done

  log "$engine: the rush"
  wrk -t1 -c16 -d120s --timeout 10s -s "$BENCH_LUA/seatmap.lua" "$url" >"$data/readers.txt" 2>&1 &
  local readers=$!
  pids+=("$readers")
  sleep 0.5
  wrk -t2 -c64 -d120s --timeout 10s -s "$BENCH_LUA/seated.lua" "$url" >"$data/buyers.txt" 2>&1 &
  local buyers=$!
  pids+=("$buyers")
  while kill -0 "$buyers" 2>/dev/null && [ "$(find "$data" -name 'seated_soldout.*' | wc -l)" -lt 2 ]; do
    sleep 0.1
  done
  kill -INT "$buyers" "$readers" 2>/dev/null || true
  wait "$buyers" 2>/dev/null || true
  wait "$readers" 2>/dev/null || true
  local rss
  rss=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true

  local buyers_result readers_result verify
  buyers_result=$(grep '^RESULT' "$data/buyers.txt")
  readers_result=$(grep '^RESULT' "$data/readers.txt" || echo "RESULT")
  verify=$("$tools/bench_data" seated-verify --db "$db" || true)
  log "$verify"
  printf '| %s | %s of %s | %s | %s | %s (tickets %s, consistent: %s) | %s | %s | %s | %s | %s | %s MB |\n' \
    "$engine" "$(field seated_sold "$verify")" "$(field seated_seats "$verify")" \
    "$(field seconds "$buyers_result")" "$(field rps "$buyers_result")" \
    "$(field seated_sold_twice "$verify")" "$(field seated_tickets "$verify")" \
    "$(field seated_consistent "$verify")" "$(field statuses "$buyers_result")" \
    "$(field rps "$readers_result")" "$(field p50_ms "$readers_result")" \
    "$(field p99_ms "$readers_result")" "$(field cache_hits "$readers_result") of $(field requests "$readers_result")" \
    "$rss"
}

echo "| engine | seats sold | seconds to sell out | buyer req/s | seats sold twice | buyer responses | seat map req/s during the rush | p50 | p99 | map cache hits | server peak RSS |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
if [ "$engines" = all ] || [ "$engines" = sqlite ]; then
  run_engine sqlite "$work/sqlite/seated.db"
fi
if [ "$engines" = all ] || [ "$engines" = postgres ]; then
  start_postgres
  run_engine postgres "$pg_url"
fi
