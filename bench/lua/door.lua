-- POST /api/admin/scanners/checkin with distinct valid codes: thread k of n
-- takes codes k, k+n, k+2n, ... so no code is scanned twice. BENCH_CODE_OFFSET
-- skips codes an earlier run used.
local M = dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local codes = M.lines("door_codes_http.txt")
local token = M.lines("admin_token.txt")[1]

function init(args)
  step = M.thread_count()
  i = tonumber(os.getenv("BENCH_CODE_OFFSET") or "0") + (thread_index or 0) + 1 - step
end

function request()
  i = i + step
  local code = codes[(i - 1) % #codes + 1]
  return wrk.format("POST", "/api/admin/scanners/checkin", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
  }, '{"code":"' .. code .. '"}')
end
