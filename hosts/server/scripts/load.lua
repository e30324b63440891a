-- wrk script for load.sh: a mix of GET /hello, GET /users/{id}, POST /users and POST /ride.
-- Arguments (after wrk's --): rider token, first and last user id created at setup.
-- Every response is counted by what it answers and its status; done() prints one "COUNT key n"
-- line per key, which load.sh reads.

local threads = {}
local next_thread = 0

function setup(thread)
  next_thread = next_thread + 1
  thread:set("thread_number", next_thread)
  table.insert(threads, thread)
end

local token, first_id, last_id
local sequence = 0
counts = {}

function init(args)
  token = args[1]
  first_id = tonumber(args[2])
  last_id = tonumber(args[3])
  math.randomseed(thread_number * 7919 + os.time())
end

local function unique()
  sequence = sequence + 1
  return thread_number .. "-" .. sequence .. "-" .. math.random(1, 1000000000)
end

function request()
  local pick = math.random(1, 100)
  if pick <= 40 then
    return wrk.format("GET", "/hello")
  elseif pick <= 70 then
    return wrk.format("GET", "/users/" .. math.random(first_id, last_id))
  elseif pick <= 85 then
    -- Users have a name and an age (no email); the name is unique per request.
    local body = string.format('{"name":"load %s","age":%d}', unique(), math.random(0, 150))
    return wrk.format("POST", "/users", {["Content-Type"] = "application/json"}, body)
  else
    local body = string.format('{"PickupLocation":{"Latitude":%.6f,"Longitude":%.6f}}',
      47.55 + math.random() * 0.1, -122.40 + math.random() * 0.15)
    return wrk.format("POST", "/ride", {["Content-Type"] = "application/json", ["Authorization"] = token,
      ["Idempotency-Key"] = "load-" .. unique()}, body)
  end
end

local function header(headers, name)
  for key, value in pairs(headers) do
    if string.lower(key) == name then
      return value
    end
  end
  return nil
end

-- Which request a response answers, told from the response alone (a thread serves many connections).
local function kind(status, headers, body)
  if body == '"Hello from Lambda!"' then
    return "GET /hello"
  end
  local location = header(headers, "location")
  if status == 201 and location and string.sub(location, 1, 7) == "/users/" then
    return "POST /users"
  end
  if header(headers, "access-control-allow-origin") then
    return "POST /ride"
  end
  if status == 200 and string.sub(body, 1, 6) == '{"id":' then
    return "GET /users/{id}"
  end
  return "other"
end

function response(status, headers, body)
  local key = kind(status, headers, body) .. " " .. status
  counts[key] = (counts[key] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local counted = thread:get("counts")
    for key, n in pairs(counted) do
      total[key] = (total[key] or 0) + n
    end
  end
  for key, n in pairs(total) do
    io.write(string.format("COUNT %s %d\n", key, n))
  end
  local errors = summary.errors
  io.write(string.format("SOCKET_ERRORS connect=%d read=%d write=%d timeout=%d\n",
    errors.connect, errors.read, errors.write, errors.timeout))
  io.write(string.format("LATENCY p50=%.1fms p99=%.1fms max=%.1fms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
