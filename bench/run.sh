#!/usr/bin/env bash
# Usage: bench/run.sh [sqlite|postgres|all]       (what `make bench` runs: all)
# Seeds the bench data set, starts evient and the bare Beast server side by
# side, drives both with wrk on 127.0.0.1, measures each scenario's limit in the
# same run, and writes bench/RESULTS.md. See bench/README.md.
# Knobs: BUILD (build dir, default build), BENCH_DURATION (seconds per wrk run,
# default 5), BENCH_CONNECTIONS (default 64), BENCH_ONLY (some of: catalogue
# detail authread login checkout door onsale variants; default all),
# BENCH_AUTH_USERS (how many users' tokens authread rotates over, default 2000),
# BENCH_OUT (the results file, default bench/RESULTS.md), BENCH_SERVER_ENV
# (VAR=value ... given to every server, e.g. "EVIENT_WRITE_BATCH=1" for an A/B run).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/common.sh
. "$here/common.sh"
engines=${1:-all}
duration=${BENCH_DURATION:-5}
conns=${BENCH_CONNECTIONS:-64}
bench_require "$evient" "$tools/bare_server" "$tools/bench_data" "$tools/sqlite_reserve" \
  "$tools/argon2_verify"
bench_workdir bench
# Logins wait for a hashing thread instead of being shed with 503, so the row
# measures Argon2id throughput (2 threads, as the limit it is compared with).
export EVIENT_LOGIN_RATE=1000000        # the login scenario is not an attack
export EVIENT_LOGIN_IP_RATE=1000000
export EVIENT_HASH_THREADS=2
export EVIENT_HASH_QUEUE=256
rows="$work/rows.md"
onsale_rows="$work/onsale.md"
notes="$work/notes.txt"
: >"$rows"
: >"$onsale_rows"
: >"$notes"
log() { echo "[bench] $*" >&2; }
want() { [ -z "${BENCH_ONLY:-}" ] || [[ " $BENCH_ONLY " == *" $1 "* ]]; }
read -r -a server_env <<<"${BENCH_SERVER_ENV:-}"
out_file=${BENCH_OUT:-$here/RESULTS.md}

wait_http() {  # URL: waits until it answers
  for _ in $(seq 1 100); do
    curl -sf -o /dev/null "$1" && return 0
    sleep 0.1
  done
  echo "no answer from $1" >&2
  return 1
}

server_pid=""
server_url=""
start_server() {  # DB_URL [VAR=value ...]: starts evient, sets server_pid/server_url
  local db=$1
  shift
  local port
  port=$(free_port)
  env "${server_env[@]}" "$@" "$evient" serve --db "$db" --address 127.0.0.1 --port "$port" \
    >>"$work/server.log" 2>&1 &
  server_pid=$!
  pids+=("$server_pid")
  server_url="http://127.0.0.1:$port"
  wait_http "$server_url/healthz"
}

stop() {  # PID
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# Peak resident memory since the last reset, in MB (VmHWM; writing 5 to
# clear_refs resets it, so each scenario gets its own peak).
reset_peak() { echo 5 >"/proc/$1/clear_refs" 2>/dev/null || true; }
peak_mb() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
max_rss=0
note_rss() {
  if [ "$1" -gt "$max_rss" ]; then max_rss=$1; fi
}

# Where the time goes, for the bound of each row: the CPU the evient process
# used per request, and how busy the whole machine was (server, database, wrk).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $5 + $6 + $7 + $8, $5 + $6 }' /proc/stat; }
last_result=""
last_cpu=""
run_wrk() {  # SCRIPT URL CONNECTIONS SECONDS [VAR=value ...]
  local script=$1 url=$2 c=$3 d=$4
  shift 4
  local out before machine_before
  before=$(cpu_ticks "${server_pid:-0}")
  machine_before=$(machine_ticks)
  out=$(env "$@" wrk -t2 -c"$c" -d"${d}s" --timeout 10s -s "$BENCH_LUA/$script" "$url")
  last_result=$(grep '^RESULT' <<<"$out")
  last_cpu=$(awk -v b="$before" -v a="$(cpu_ticks "${server_pid:-0}")" \
    -v n="$(field requests "$last_result")" -v hz="$(getconf CLK_TCK)" \
    -v m0="$machine_before" -v m1="$(machine_ticks)" 'BEGIN {
      split(m0, x, " "); split(m1, y, " "); total = y[1] - x[1]; idle = y[2] - x[2];
      busy = 0; if (total > 0) busy = 100 * (total - idle) / total;
      if (n > 0) printf "evient %.0f µs CPU per request, machine %.0f%% busy",
        (a - b) / hz * 1e6 / n, busy }')
  echo "$out" | grep -E '^(RESULT|ONSALE)' >>"$work/wrk.log"
  echo "$out"
}

metric() {  # NAME TEXT: the value of an unlabelled sample in GET /metrics output (0 if absent)
  awk -v n="$1" '$1 == n { v = $2 } END { printf "%d", v }' <<<"$2"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b; else print "-" }'; }

# One table row: ENGINE SCENARIO WHAT LIMIT_NAME LIMIT_RPS RSS_MB
row() {
  local rps p50 p99 statuses errors
  rps=$(field rps "$last_result")
  p50=$(field p50_ms "$last_result")
  p99=$(field p99_ms "$last_result")
  statuses=$(field statuses "$last_result")
  errors=$(field socket_errors "$last_result")
  printf '| %s | %s | %s | %.0f | %s | %s | %s | %s | %s: %.0f | %s | %s MB |\n' \
    "$1" "$2" "$3" "$rps" "$p50" "$p99" "${statuses:-none}" "$errors" "$4" "$5" \
    "$(ratio "$rps" "$5")" "$6" >>"$rows"
  [ -z "$last_cpu" ] || echo "$1, $2: $last_cpu" >>"$notes"
}

# The catalogue, event detail and an authenticated read against the bare
# server, then login, checkout,
# door and on-sale, with their limits; all on one server process.
bench_engine() {  # ENGINE DB_URL SQLITE_FILE_OR_EMPTY
  local engine=$1 db=$2 sqlite_file=$3 data="$work/$1"
  mkdir -p "$data"
  export BENCH_DATA="$data"
  log "$engine: seeding the bench data set"
  local t0=$SECONDS
  # Seeding is set-up, not a measured write: no fsync per commit.
  EVIENT_SQLITE_SYNC=normal "$evient" seed --size bench --db "$db" >>"$work/server.log" 2>&1
  echo "$engine: seed took $((SECONDS - t0)) s" >>"$notes"
  "$tools/bench_data" export --db "$db" --out "$data" >>"$work/server.log"

  start_server "$db"
  local pid=$server_pid url=$server_url
  local list_bytes detail_bytes
  list_bytes=$(curl -s "$url/api/events?page=1&limit=10" | wc -c)
  detail_bytes=$(curl -s "$url/api/events/$(head -1 "$data/event_ids.txt")" | wc -c)
  local bare_port
  bare_port=$(free_port)
  "$tools/bare_server" "$bare_port" "$list_bytes" "$detail_bytes" 2 >/dev/null 2>&1 &
  local bare_pid=$!
  pids+=("$bare_pid")
  local bare="http://127.0.0.1:$bare_port"
  wait_http "$bare/"
  echo "$engine: list page $list_bytes bytes, detail $detail_bytes bytes" >>"$notes"

  local bare_rps rss bare_plain=0 bare_detail=0
  for mode in plain filter; do
    want catalogue || continue
    log "$engine: catalogue ($mode)"
    run_wrk catalogue.lua "$bare" "$conns" "$duration" BENCH_MODE=$mode >/dev/null
    bare_rps=$(field rps "$last_result")
    [ "$mode" = plain ] && bare_plain=$bare_rps
    reset_peak "$pid"
    run_wrk catalogue.lua "$url" "$conns" "$duration" BENCH_MODE=$mode >/dev/null
    rss=$(peak_mb "$pid")
    note_rss "$rss"
    local what="GET /api/events, 180 pages"
    [ "$mode" = filter ] && what="GET /api/events + category or search"
    row "$engine" "catalogue ($mode)" "$what; cache hits $(field cache_hits "$last_result")" \
      "bare Beast" "$bare_rps" "$rss"
  done
  if want detail; then
  log "$engine: event detail"
  run_wrk detail.lua "$bare" "$conns" "$duration" >/dev/null
  bare_rps=$(field rps "$last_result")
  bare_detail=$bare_rps
  reset_peak "$pid"
  run_wrk detail.lua "$url" "$conns" "$duration" >/dev/null
  rss=$(peak_mb "$pid")
  note_rss "$rss"
  row "$engine" "event detail" "GET /api/events/:id, 1,800 ids; cache hits $(field cache_hits "$last_result")" \
    "bare Beast" "$bare_rps" "$rss"
  fi

  if want authread; then
  log "$engine: authenticated read"
  # Its own bare server, answering with a body the size of the profile's.
  local profile_bytes auth_port auth_bare_pid before after hits misses
  profile_bytes=$(curl -s -H "Authorization: Bearer $(head -1 "$data/tokens.txt")" \
    "$url/api/users/profile" | wc -c)
  auth_port=$(free_port)
  "$tools/bare_server" "$auth_port" "$profile_bytes" "$profile_bytes" 2 >/dev/null 2>&1 &
  auth_bare_pid=$!
  pids+=("$auth_bare_pid")
  wait_http "http://127.0.0.1:$auth_port/"
  run_wrk authread.lua "http://127.0.0.1:$auth_port" "$conns" "$duration" >/dev/null
  bare_rps=$(field rps "$last_result")
  stop "$auth_bare_pid"
  before=$(curl -s "$url/metrics")
  reset_peak "$pid"
  run_wrk authread.lua "$url" "$conns" "$duration" >/dev/null
  rss=$(peak_mb "$pid")
  note_rss "$rss"
  after=$(curl -s "$url/metrics")
  hits=$(($(metric evient_token_cache_hits_total "$after") - $(metric evient_token_cache_hits_total "$before")))
  misses=$(($(metric evient_token_cache_misses_total "$after") - $(metric evient_token_cache_misses_total "$before")))
  row "$engine" "authenticated read" \
    "GET /api/users/profile, ${BENCH_AUTH_USERS:-2000} users' tokens; token cache hits $hits of $((hits + misses))" \
    "bare Beast" "$bare_rps" "$rss"
  fi

  if want login; then
  log "$engine: login"
  local argon
  argon=$("$tools/argon2_verify" 2 3)
  reset_peak "$pid"
  run_wrk login.lua "$url" 4 "$duration" >/dev/null
  rss=$(peak_mb "$pid")
  note_rss "$rss"
  row "$engine" "login" "POST /api/auth/login, 4 connections" "Argon2id verify x2 threads" \
    "$(sed -n 's/verifies_per_s=\([0-9.]*\).*/\1/p' <<<"$argon")" "$rss"
  fi

  for mode in hot spread; do
    want checkout || continue
    log "$engine: checkout ($mode)"
    reset_peak "$pid"
    run_wrk checkout.lua "$url" "$conns" "$duration" BENCH_MODE=$mode >/dev/null
    rss=$(peak_mb "$pid")
    note_rss "$rss"
    local raw
    raw=$(raw_reserve "$engine" "$db" "$sqlite_file" "$mode")
    local what="POST /api/orders, 1 ticket, one ticket type"
    [ "$mode" = spread ] && what="POST /api/orders, 1 ticket, 3,000 ticket types"
    row "$engine" "checkout ($mode)" "$what" "reservation UPDATE alone" "$raw" "$rss"
    if [ "$engine" = sqlite ]; then
      echo "sqlite: reservation UPDATE alone ($mode) with synchronous=FULL, the server's default: $(BENCH_SQLITE_SYNC=FULL raw_reserve "$engine" "$db" "$sqlite_file" "$mode") tx/s (the limit column: NORMAL)" >>"$notes"
    fi
  done

  if want door; then
  log "$engine: door"
  reset_peak "$pid"
  run_wrk door.lua "$url" "$conns" "$duration" >/dev/null
  rss=$(peak_mb "$pid")
  note_rss "$rss"
  local raw
  raw=$(raw_checkin "$engine" "$db" "$sqlite_file")
  row "$engine" "door" "POST /api/admin/scanners/checkin, distinct codes" \
    "check-in UPDATE alone" "$raw" "$rss"
  # A door has a handful of scanners, not 64: the same at 8 connections.
  # wrk's threads do not advance evenly, so start well past what the run above
  # can have used: at the second half of the codes.
  run_wrk door.lua "$url" 8 "$duration" \
    BENCH_CODE_OFFSET=$(($(wc -l <"$BENCH_DATA/door_codes_http.txt") / 2)) >/dev/null
  row "$engine" "door, 8 connections" "as above, codes not used by the run above" \
    "check-in UPDATE alone" "$raw" "$(peak_mb "$pid")"
  fi

  if want onsale; then
  log "$engine: on-sale"
  reset_peak "$pid"
  local readers_out="$work/readers-$engine.txt"
  env BENCH_MODE=plain wrk -t1 -c16 -d300s --timeout 10s -s "$BENCH_LUA/catalogue.lua" "$url" \
    >"$readers_out" 2>&1 &
  local readers=$!
  pids+=("$readers")
  sleep 0.5
  # Buyers until every wrk thread has seen the three types sold out (or 90 s).
  rm -f "$data"/soldout.*
  env BENCH_BUYERS=5000 wrk -t2 -c"$conns" -d90s --timeout 10s -s "$BENCH_LUA/onsale.lua" "$url" \
    >"$work/buyers-$engine.txt" 2>&1 &
  local buyers=$!
  pids+=("$buyers")
  while kill -0 "$buyers" 2>/dev/null && [ "$(find "$data" -name 'soldout.*' | wc -l)" -lt 2 ]; do
    sleep 0.1
  done
  kill -INT "$buyers" "$readers" 2>/dev/null || true
  wait "$buyers" 2>/dev/null || true
  wait "$readers" 2>/dev/null || true
  local out
  out=$(cat "$work/buyers-$engine.txt")
  local buyers_result
  buyers_result=$(grep '^RESULT' <<<"$out")
  rss=$(peak_mb "$pid")
  note_rss "$rss"
  local readers_result
  readers_result=$(grep '^RESULT' "$readers_out" || echo "RESULT")
  local verify
  verify=$("$tools/bench_data" verify --db "$db" || true)
  local seconds tickets
  seconds=$(field seconds "$buyers_result")
  tickets=$(sed -n 's/^ONSALE tickets=//p' <<<"$out")
  printf '| %s | %s | %s | %s | %s | %s | %.0f | %s | %s | %s | %s MB |\n' "$engine" \
    "$(sed -n 's/.*onsale_sold=\([0-9]*\).*/\1/p' <<<"$verify") of $(sed -n 's/.*onsale_total=\([0-9]*\).*/\1/p' <<<"$verify")" \
    "$seconds" "$(awk -v t="$tickets" -v s="$seconds" 'BEGIN { printf "%.0f", t / s }')" \
    "$(sed -n 's/.*onsale_oversold=\([0-9]*\).*/\1/p' <<<"$verify") (consistent: $(sed -n 's/.*onsale_consistent=\([a-z]*\).*/\1/p' <<<"$verify"))" \
    "$(field statuses "$buyers_result")" "$(field rps "$readers_result")" \
    "$(field p50_ms "$readers_result")" "$(field p99_ms "$readers_result")" \
    "$(field cache_hits "$readers_result") of $(field requests "$readers_result")" "$rss" \
    >>"$onsale_rows"
  fi
  stop "$pid"

  # The same reads with the server's defaults changed one at a time.
  for variant in "EVIENT_CACHE_TTL_MS=0" "EVIENT_WORKERS=2"; do
    want variants || continue
    log "$engine: catalogue and detail with $variant"
    start_server "$db" "$variant"
    reset_peak "$server_pid"
    run_wrk catalogue.lua "$server_url" "$conns" "$duration" BENCH_MODE=plain >/dev/null
    row "$engine" "catalogue (plain), $variant" "as above; cache hits $(field cache_hits "$last_result")" \
      "bare Beast" "$bare_plain" "$(peak_mb "$server_pid")"
    run_wrk detail.lua "$server_url" "$conns" "$duration" >/dev/null
    row "$engine" "event detail, $variant" "as above; cache hits $(field cache_hits "$last_result")" \
      "bare Beast" "$bare_detail" "$(peak_mb "$server_pid")"
    stop "$server_pid"
  done
  stop "$bare_pid"
}

# The reservation UPDATE alone against the engine: tx/s.
raw_reserve() {  # ENGINE DB SQLITE_FILE MODE
  local engine=$1 db=$2 file=$3 mode=$4 ids
  ids="$BENCH_DATA/raw_hot_type.txt"
  [ "$mode" = spread ] && ids="$BENCH_DATA/spread_types.txt"
  if [ "$engine" = sqlite ]; then
    "$tools/sqlite_reserve" reserve "$file" "$ids" "$duration" 1 | sed -n 's/tx_per_s=\([0-9.]*\).*/\1/p'
    return
  fi
  local script="$work/reserve-$mode.sql"
  if [ "$mode" = hot ]; then
    echo "UPDATE ticket_types SET quantity_sold = quantity_sold + 1 WHERE id = :tt AND status = 'active' AND quantity_sold + 1 <= quantity_total;" >"$script"
    pgbench -n -M prepared -c 8 -j 2 -T "$duration" -f "$script" -D tt="$(cat "$ids")" "$db" 2>/dev/null |
      sed -n 's/^tps = \([0-9.]*\).*/\1/p'
  else
    psql -q "$db" -c "CREATE TABLE IF NOT EXISTS bench_types (n int PRIMARY KEY, id uuid NOT NULL);" >/dev/null
    awk '{ print NR "," $0 }' "$ids" | psql -q "$db" -c "\\copy bench_types FROM STDIN WITH (FORMAT csv)" >/dev/null
    cat >"$script" <<EOF
\set n random(1, $(wc -l <"$ids"))
UPDATE ticket_types SET quantity_sold = quantity_sold + 1 WHERE id = (SELECT id FROM bench_types WHERE n = :n) AND status = 'active' AND quantity_sold + 1 <= quantity_total;
EOF
    pgbench -n -M prepared -c 8 -j 2 -T "$duration" -f "$script" "$db" 2>/dev/null |
      sed -n 's/^tps = \([0-9.]*\).*/\1/p'
  fi
}

# The check-in UPDATE alone, each code once: tx/s.
raw_checkin() {  # ENGINE DB SQLITE_FILE
  local engine=$1 db=$2 file=$3 codes="$BENCH_DATA/door_codes_raw.txt"
  if [ "$engine" = sqlite ]; then
    "$tools/sqlite_reserve" checkin "$file" "$codes" 1 | sed -n 's/tx_per_s=\([0-9.]*\).*/\1/p'
    return
  fi
  psql -q "$db" -c "CREATE TABLE bench_codes (n bigint PRIMARY KEY, code text NOT NULL);" >/dev/null
  awk '{ print NR "," $0 }' "$codes" | psql -q "$db" -c "\\copy bench_codes FROM STDIN WITH (FORMAT csv)" >/dev/null
  # pgbench has no counter shared by its clients (and nextval() in the lookup
  # would run once per row scanned): random codes, so a few percent of the
  # updates find their code already used and change nothing.
  local script="$work/checkin.sql"
  cat >"$script" <<EOF
\set n random(1, $(wc -l <"$codes"))
UPDATE tickets SET status = 'used', used_at = now() WHERE ticket_code = (SELECT code FROM bench_codes WHERE n = :n) AND status = 'valid';
EOF
  pgbench -n -M prepared -c 8 -j 2 -T "$duration" -f "$script" "$db" 2>/dev/null |
    sed -n 's/^tps = \([0-9.]*\).*/\1/p'
}

started=$(date -u +%Y-%m-%dT%H:%MZ)
if [ "$engines" = all ] || [ "$engines" = sqlite ]; then
  bench_engine sqlite "$work/sqlite/bench.db" "$work/sqlite/bench.db"
fi
if [ "$engines" = all ] || [ "$engines" = postgres ]; then
  start_postgres -c shared_buffers=256MB
  bench_engine postgres "$pg_url" ""
  "${pg_stop[@]}" >/dev/null 2>&1 || true
  pg_stop=()
fi

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
ram=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
{
  echo "# EViENT benchmark results"
  echo
  echo "Generated by \`make bench\` (bench/run.sh) on $started: $(nproc) cores ($cpu), $ram RAM,"
  echo "$(uname -sr), wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'), load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "wrk runs on the same cores as the server, so compare ratios, not absolute numbers."
  echo "wrk -t2 -c$conns -d${duration}s unless the row says otherwise; latencies in ms."
  echo
  echo "| engine | scenario | what | req/s | p50 | p99 | responses | socket errors | limit, same run (req/s or tx/s) | ratio | server peak RSS |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  cat "$rows"
  echo
  echo "## On-sale"
  echo
  echo "One stadium event, 50,000 seats over 3 ticket types, 5,000 distinct buyers ordering 4 seats at a"
  echo "time over $conns connections, while 16 other connections read the catalogue. Sold and"
  echo "oversold are checked with SQL after the run (bench_data verify)."
  echo
  echo "| engine | seats sold | seconds to sell out | seats/s | oversold | buyer responses | catalogue req/s during the rush | p50 | p99 | catalogue cache hits | server peak RSS |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  cat "$onsale_rows"
  echo
  echo "Peak RSS over the whole run: $max_rss MB (largest per-scenario VmHWM)."
  echo
  sed 's/^/- /' "$notes"
  echo
  cat "$here/CHANGES.md"
} >"$out_file"
cat "$out_file"
