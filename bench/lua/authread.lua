-- GET /api/users/profile as the next of BENCH_AUTH_USERS bench users (default
-- 2,000), each with its own bearer token: the token check (signature, then the
-- user row and the token's revocation: cached on PostgreSQL, read on SQLite)
-- plus one primary-key read of the profile.
local M = dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local all = M.lines("tokens.txt")
local users = tonumber(os.getenv("BENCH_AUTH_USERS") or "2000")
local headers = {}
for n = 1, math.min(users, #all) do headers[n] = {["Authorization"] = "Bearer " .. all[n]} end

function init(args)
  i = (thread_index or 0) * 7919
end

function request()
  i = i + 1
  return wrk.format("GET", "/api/users/profile", headers[i % #headers + 1])
end
