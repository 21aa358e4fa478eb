#!/usr/bin/env bash
# Usage: bench/seated.sh [sqlite|postgres|all]
# The seated on-sale (bench/README.md): a 2,000-seat room, 500 buyers choosing
# seats with many collisions over 64 connections while 16 connections poll the
# seat map. Prints one Markdown row per engine: seconds to sell out, seats sold,
# seats sold twice (SQL, must be 0), buyer responses, and the seat map's
# throughput and latency during the rush. Knobs: BUILD (default build).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${BUILD:-build}
case "$build" in /*) ;; *) build="$root/$build" ;; esac
engines=${1:-all}
evient="$build/evient"
tools="$build/bench"
for tool in "$evient" "$tools/bench_data"; do
  [ -x "$tool" ] || { echo "missing $tool: build first (make build)" >&2; exit 1; }
done
command -v wrk >/dev/null || { echo "wrk not found (apt-get install wrk)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/evient-seated.XXXXXX")
chmod 755 "$work"
pids=()
pg_stop=()
# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ ${#pg_stop[@]} -gt 0 ]; then "${pg_stop[@]}" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

export EVIENT_ACCESS_LOG=0
export EVIENT_JWT_SECRET=bench-jwt-secret-0123456789abcdef0123456789
export EVIENT_PAYMENT_SECRET=bench-payment-secret-0123456789abcdef
# The load comes from one address and pays through the sandbox.
export EVIENT_PAYMENT_PROVIDER=sandbox
export EVIENT_MAX_HELD_PER_IP=0
export EVIENT_MAX_PENDING_ORDERS=0
export BENCH_LUA="$here/lua"
export BENCH_THREADS=2
log() { echo "[seated] $*" >&2; }
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
field() { sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p" <<<" $2"; }

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

start_postgres() {
  local bindir=/usr/lib/postgresql/15/bin
  [ -x "$bindir/initdb" ] || bindir=$(pg_config --bindir)
  local as_owner=() dir="$work/pg"
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$dir"
    as_owner=(runuser -u postgres --)
  fi
  "${as_owner[@]}" "$bindir/initdb" -D "$dir/data" -A trust --username=postgres -E UTF8 \
    --locale=C >"$work/initdb.log" 2>&1
  local port
  port=$(free_port)
  "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
  pg_stop=("${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop)
  pg_url="postgresql://postgres@127.0.0.1:$port/postgres"
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
