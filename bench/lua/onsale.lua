-- The on-sale rush: the first BENCH_BUYERS bench users buy 4 seats per order of
-- the stadium's 3 ticket types. A 409 names the type that ran out; once a
-- thread has seen all three run out it writes $BENCH_DATA/soldout.<thread>, and
-- bench/run.sh stops wrk (SIGINT) when every thread has, so wrk's run time is
-- the time to sell out. Prints ONSALE tickets=<seats in 201 responses>.
local M = dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local tokens = M.lines("tokens.txt")
local types = M.lines("stadium_types.txt")
local buyers = tonumber(os.getenv("BENCH_BUYERS") or "5000")
local quantity = 4

function init(args)
  i = (thread_index or 0) * 613
  open = {}
  for k = 1, #types do open[k] = types[k] end
  sold = 0
end

function request()
  i = i + 1
  if #open == 0 then
    local marker = io.open((os.getenv("BENCH_DATA") or ".") .. "/soldout." .. (thread_index or 0), "w")
    if marker then marker:close() end
    open = {types[1]}  -- keeps asking (409s) until run.sh stops wrk
  end
  local body = '{"ticket_items":[{"ticket_type_id":"' .. open[i % #open + 1] ..
               '","quantity":' .. quantity .. '}]}'
  return wrk.format("POST", "/api/orders", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. tokens[i % buyers + 1],
  }, body)
end

function response(status, headers, body)
  M.count(status, headers)
  if status == 201 then
    sold = sold + quantity
  elseif status == 409 then
    for k = #open, 1, -1 do
      if body:find(open[k], 1, true) then table.remove(open, k) end
    end
  end
end

local base_done = done
function done(summary, latency, requests)
  base_done(summary, latency, requests)
  io.write(string.format("ONSALE tickets=%d\n", M.sum("sold")))
end
