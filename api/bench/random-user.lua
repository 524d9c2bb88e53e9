-- wrk script: GET BENCH_PATH .. {random id} .. BENCH_SUFFIX, by default /models/user/{random user id};
-- the fixed endpoint gets the same random query so that both runs cost wrk the same per request.
-- USERS_FROM / USERS_TO pick the id range (BENCH_FROM / BENCH_TO for other ids, e.g. products).
-- a variable set to the empty string counts as not set
local function env(name)
  local value = os.getenv(name)
  if value == "" then
    return nil
  end
  return value
end
local path = env("BENCH_PATH") or "/models/user/"
local suffix = env("BENCH_SUFFIX") or ""
local from = tonumber(env("BENCH_FROM") or env("USERS_FROM") or "101")
local to = tonumber(env("BENCH_TO") or env("USERS_TO") or "1100")

init = function(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

-- DELAY_MS paces each connection (one request every DELAY_MS after the previous answer): with C
-- connections the offered rate is about C * 1000 / DELAY_MS requests/s, e.g. 20 x 2 ms = 10,000/s.
local pace = tonumber(os.getenv("DELAY_MS") or "")
if pace then
  delay = function()
    return pace
  end
end

request = function()
  return wrk.format("GET", path .. math.random(from, to) .. suffix)
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
