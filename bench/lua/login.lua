-- POST /api/auth/login as the next bench user (every user has the same password).
local M = dofile(os.getenv("BENCH_LUA") .. "/common.lua")

function init(args)
  i = (thread_index or 0) * 5003
end

function request()
  i = i + 1
  return wrk.format("POST", "/api/auth/login", {["Content-Type"] = "application/json"},
    '{"email":"bench-user-' .. (i % 20000) .. '@evient.test","password":"bench-password"}')
end
