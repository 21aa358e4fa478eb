# Sourced by bench/run.sh and bench/seated.sh: where the binaries are, a work
# folder removed on exit (with the servers and the PostgreSQL cluster started
# in it), the server settings for load from one address, and the helpers both
# use. The caller sets `here` (this folder) first.
# shellcheck shell=bash

root=$(dirname "$here")
build=${BUILD:-build}
case "$build" in /*) ;; *) build="$root/$build" ;; esac
evient="$build/evient"
tools="$build/bench"

bench_require() {  # TOOL...: each must be built; wrk must be installed
  local tool
  for tool in "$@"; do
    [ -x "$tool" ] || { echo "missing $tool: build first (make build)" >&2; exit 1; }
  done
  command -v wrk >/dev/null || { echo "wrk not found (apt-get install wrk)" >&2; exit 1; }
}

bench_workdir() {  # NAME: sets `work`; what is started there is stopped on exit
  work=$(mktemp -d "${TMPDIR:-/tmp}/evient-$1.XXXXXX")
  chmod 755 "$work"
  pids=()
  pg_stop=()
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

# shellcheck disable=SC2317  # invoked by the EXIT trap
bench_cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ ${#pg_stop[@]} -gt 0 ]; then "${pg_stop[@]}" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}

export EVIENT_ACCESS_LOG=0
export EVIENT_JWT_SECRET=bench-jwt-secret-0123456789abcdef0123456789
export EVIENT_PAYMENT_SECRET=bench-payment-secret-0123456789abcdef
# The load comes from one address and pays through the sandbox.
export EVIENT_PAYMENT_PROVIDER=sandbox
export EVIENT_MAX_HELD_PER_IP=0
export EVIENT_MAX_PENDING_ORDERS=0
export BENCH_LUA="$here/lua"
export BENCH_THREADS=2

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

field() {  # NAME LINE: the value of NAME=... in a RESULT line
  sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p" <<<" $2"
}

# A throw-away PostgreSQL 15 cluster with the durable defaults (fsync and
# synchronous_commit on: what orders need), like scripts/with_test_postgres.sh.
# Extra server settings as arguments ("-c shared_buffers=256MB"); sets pg_url.
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
    -o "-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c max_connections=200 $*" \
    start >/dev/null
  pg_stop=("${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop)
  pg_url="postgresql://postgres@127.0.0.1:$port/postgres"
}
