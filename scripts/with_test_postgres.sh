#!/usr/bin/env bash
# Usage: scripts/with_test_postgres.sh <command...>
# Runs the command with a throw-away PostgreSQL 15 cluster on a free loopback
# port, exported as EVIENT_TEST_PG_URL, and removes the cluster afterwards (also
# when the command fails or is interrupted). Exits with the command's status.
# When EVIENT_TEST_PG_URL is already set, the command just runs against it.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 <command...>" >&2
  exit 2
fi
if [ -n "${EVIENT_TEST_PG_URL:-}" ]; then
  exec "$@"
fi

find_bindir() {
  local dir
  for dir in /usr/lib/postgresql/15/bin "$(pg_config --bindir 2>/dev/null || true)"; do
    if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

bindir=$(find_bindir) || {
  "$(dirname "$0")/install_deps.sh"
  bindir=$(find_bindir) || { echo "PostgreSQL server binaries not found" >&2; exit 1; }
}

# PostgreSQL refuses to run as root. As root the cluster belongs to `postgres`,
# and lives under /tmp, which that user can reach whatever TMPDIR says.
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  tmp=$(mktemp -d /tmp/evient-pg.XXXXXX)
  chown postgres:postgres "$tmp"
  as_owner=(runuser -u postgres --)
else
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/evient-pg.XXXXXX")
fi

# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
  # A postmaster.pid means a server may be up, even if pg_ctl gave up waiting.
  if [ -f "$tmp/data/postmaster.pid" ]; then
    "${as_owner[@]}" "$bindir/pg_ctl" -D "$tmp/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
    return
  fi
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    if [ -z "$(ss -Hltn "sport = :$port")" ]; then
      echo "$port"
      return
    fi
  done
}

# No fsync and no durability: the cluster lives only as long as the command.
"${as_owner[@]}" "$bindir/initdb" -D "$tmp/data" -A trust --username=postgres -E UTF8 \
  --locale=C --no-sync >"$tmp/initdb.log" 2>&1 || {
  cat "$tmp/initdb.log" >&2
  exit 1
}

# Another process may take the port between choosing and binding it; try again.
for attempt in 1 2 3 4 5; do
  port=$(free_port)
  if "${as_owner[@]}" "$bindir/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 60 \
    -o "-p $port -k '$tmp' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" \
    start >/dev/null; then
    break
  fi
  if [ "$attempt" -eq 5 ]; then
    echo "could not start PostgreSQL; server log:" >&2
    cat "$tmp/server.log" >&2
    exit 1
  fi
done

export EVIENT_TEST_PG_URL="postgresql://postgres@127.0.0.1:$port/postgres"
status=0
"$@" || status=$?
exit "$status"
