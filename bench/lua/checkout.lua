-- POST /api/orders, one ticket per order, each request as the next bench user.
-- BENCH_MODE=hot: every order for the same ticket type (contention on one row);
-- BENCH_MODE=spread: orders rotate over thousands of ticket types.
local M = dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local mode = os.getenv("BENCH_MODE") or "hot"
local tokens = M.lines("tokens.txt")
local types = M.lines(mode == "hot" and "hot_type.txt" or "spread_types.txt")

function init(args)
  i = (thread_index or 0) * 7919
end

function request()
  i = i + 1
  local body = '{"ticket_items":[{"ticket_type_id":"' .. types[i % #types + 1] .. '","quantity":1}]}'
  return wrk.format("POST", "/api/orders", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. tokens[i % #tokens + 1],
  }, body)
end
