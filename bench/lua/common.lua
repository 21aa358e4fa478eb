-- Shared by every wrk script: input files from $BENCH_DATA, a count of responses
-- per status (and of X-Cache hits) in the response hook, and one machine-readable
-- result line from done() that bench/run.sh parses:
--   RESULT requests=.. seconds=.. rps=.. p50_ms=.. p99_ms=.. socket_errors=.. statuses=200:n,409:n cache_hits=..
local M = {}
local data_dir = os.getenv("BENCH_DATA") or "."

function M.lines(name)
  local out = {}
  for line in io.lines(data_dir .. "/" .. name) do
    if #line > 0 then out[#out + 1] = line end
  end
  return out
end

-- wrk calls setup() in the main state once per thread, before init() runs in it.
local threads = {}
M.threads = threads
function setup(thread)
  thread:set("thread_index", #threads)
  table.insert(threads, thread)
end

statuses = {}
cache_hits = 0
function M.count(status, headers)
  statuses[status] = (statuses[status] or 0) + 1
  if headers and headers["X-Cache"] == "hit" then cache_hits = cache_hits + 1 end
end

function response(status, headers, body)
  M.count(status, headers)
end

-- The sum over threads of a numeric global of the thread states (in done()).
function M.sum(name)
  local total = 0
  for _, t in ipairs(threads) do total = total + (t:get(name) or 0) end
  return total
end

function M.thread_count()
  return tonumber(os.getenv("BENCH_THREADS") or "2")
end

function done(summary, latency, requests)
  local all, hits = {}, 0
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("statuses") or {}) do all[status] = (all[status] or 0) + n end
    hits = hits + (t:get("cache_hits") or 0)
  end
  local keys = {}
  for status in pairs(all) do keys[#keys + 1] = status end
  table.sort(keys)
  local parts = {}
  for _, status in ipairs(keys) do parts[#parts + 1] = status .. ":" .. all[status] end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p99_ms=%.2f socket_errors=%d statuses=%s cache_hits=%d\n",
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, e.connect + e.read + e.write + e.timeout,
    table.concat(parts, ","), hits))
end

return M
