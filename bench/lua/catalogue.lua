-- GET /api/events over many pages. BENCH_MODE=plain: page 1..N only;
-- BENCH_MODE=filter: every request adds a category or a search (Vietnamese,
-- matched folded), over the pages those have.
local M = dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local mode = os.getenv("BENCH_MODE") or "plain"
local categories = {"music", "tech", "food", "sports", "art", "theatre", "workshop", "festival"}
local searches = {"dem nhac", "hoi cho", "ha noi", "da nang", "hoang hon", "sai gon", "le hoi",
                  "trien lam", "mua thu", "giai chay"}
local paths = {}

function init(args)
  local start = (thread_index or 0) * 37
  if mode == "plain" then
    for p = 1, 180 do paths[#paths + 1] = "/api/events?page=" .. p .. "&limit=10" end
  else
    for p = 1, 20 do
      for _, c in ipairs(categories) do
        paths[#paths + 1] = "/api/events?page=" .. p .. "&limit=10&category=" .. c
      end
      for _, s in ipairs(searches) do
        paths[#paths + 1] = "/api/events?page=" .. (p % 5 + 1) .. "&limit=10&search=" .. s:gsub(" ", "%%20")
      end
    end
  end
  i = start
end

function request()
  i = i + 1
  return wrk.format("GET", paths[i % #paths + 1])
end
