-- The seat map polled by waiting buyers during the seated on-sale:
-- GET /api/events/<the seated event>/seats.
local M = dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local event = M.lines("seated_event.txt")[1]

function request()
  return wrk.format("GET", "/api/events/" .. event .. "/seats")
end
