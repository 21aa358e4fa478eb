-- The seated on-sale: BENCH_SEATED_BUYERS buyers (500) choose seats of a
-- 2,000-seat room, most of them near the front, so they collide often. Three
-- requests in four name one or two seats (side by side) that this thread does
-- not yet know to be taken; the fourth asks for the best 2 (or 1) seats of a
-- type. A 409 SEAT_UNAVAILABLE teaches the thread which seats are taken; a
-- SOLD_OUT closes the type. Once a thread has seen both types sold out it
-- writes $BENCH_DATA/seated_soldout.<thread>, and bench/seated.sh stops wrk.
-- Prints SEATED tickets=<seats in 201 responses>.
local M = dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local tokens = M.lines("seated_tokens.txt")
local types = M.lines("seated_types.txt")
local buyers = tonumber(os.getenv("BENCH_SEATED_BUYERS") or "500")
local seats = {}
for _, line in ipairs(M.lines("seated_seats.txt")) do
  local type_id, id, row, number = line:match("^(%S+) (%S+) (%d+) (%d+)$")
  seats[#seats + 1] = {type = type_id, id = id, row = tonumber(row), number = tonumber(number)}
end

function init(args)
  i = (thread_index or 0) * 7919
  math.randomseed(1234 + (thread_index or 0))
  taken = {}
  closed = {}
  together = {}
  for _, t in ipairs(types) do together[t] = 2 end
  sold = 0
  pending = nil
end

-- A seat index skewed to the front: most buyers want the first rows.
local function pick()
  for _ = 1, 30 do
    local k = math.floor(#seats * math.random() ^ 3) + 1
    if not taken[seats[k].id] and not closed[seats[k].type] then return k end
  end
  for k = 1, #seats do
    if not taken[seats[k].id] and not closed[seats[k].type] then return k end
  end
  return nil
end

local function open_type()
  local open = {}
  for _, t in ipairs(types) do if not closed[t] then open[#open + 1] = t end end
  return open
end

function request()
  i = i + 1
  local open = open_type()
  if #open == 0 then
    local marker = io.open((os.getenv("BENCH_DATA") or ".") .. "/seated_soldout." .. (thread_index or 0), "w")
    if marker then marker:close() end
    open = {types[1]}
  end
  local line
  local k = (i % 4 ~= 0) and pick() or nil
  if k then
    local ids = '"' .. seats[k].id .. '"'
    local n = seats[k + 1]
    if i % 2 == 0 and n and n.row == seats[k].row and n.type == seats[k].type and not taken[n.id] then
      ids = ids .. ',"' .. n.id .. '"'
    end
    line = '{"ticket_type_id":"' .. seats[k].type .. '","seat_ids":[' .. ids .. ']}'
  else
    local t = open[i % #open + 1]
    line = '{"ticket_type_id":"' .. t .. '","quantity":' .. together[t] .. '}'
  end
  return wrk.format("POST", "/api/orders", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. tokens[i % buyers + 1],
  }, '{"ticket_items":[' .. line .. ']}')
end

function response(status, headers, body)
  M.count(status, headers)
  if status == 201 then
    for id in body:gmatch('"seat":{"id":"([%x%-]+)"') do
      taken[id] = true
      sold = sold + 1
    end
  elseif status == 409 then
    local code = body:match('"code":"([%u_]+)"')
    local type_id = body:match('"ticket_type_id":"([%x%-]+)"')
    if code == "SEAT_UNAVAILABLE" then
      local list = body:match('"seat_ids":%[(.-)%]') or ""
      for id in list:gmatch('"([%x%-]+)"') do taken[id] = true end
    elseif code == "SEATS_NOT_TOGETHER" and type_id then
      together[type_id] = 1
    elseif (code == "SOLD_OUT" or code == "INSUFFICIENT_AVAILABILITY") and type_id then
      if code == "SOLD_OUT" then closed[type_id] = true else together[type_id] = 1 end
    end
  end
end

local base_done = done
function done(summary, latency, requests)
  base_done(summary, latency, requests)
  io.write(string.format("SEATED tickets=%d\n", M.sum("sold")))
end
