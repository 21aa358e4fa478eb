-- GET /api/events/:id over every published event.
local M = dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local ids = M.lines("event_ids.txt")

function init(args)
  i = (thread_index or 0) * 101
end

function request()
  i = i + 1
  return wrk.format("GET", "/api/events/" .. ids[i % #ids + 1])
end
