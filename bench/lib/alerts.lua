-- wrk script: one alert per request, as `wrk -t1 -s alerts.lua <url> -- <scenario> <format> <key> <run>`.
-- scenario: "duplicates" (9 in 10 repeat one of 50 dedup keys, 1 in 10 new) or "all-new" (every key new).
-- format: "pagerduty" (Events API v2, routing_key = key) or "alertmanager" (POST /api/v2/alerts).
-- done() prints one JSON line that bench/lib/wrk.mjs reads: counts, duration and the latency's quantiles (µs).
local scenario, format, key, run
local sent, repeats = 0, 0

function init(args)
  scenario, format, key, run = args[1], args[2], args[3], args[4]
end

local function dedupKey()
  sent = sent + 1
  if scenario == "duplicates" and sent % 10 ~= 0 then
    repeats = repeats + 1
    return "dup-" .. (repeats % 50)
  end
  return "new-" .. run .. "-" .. sent
end

function request()
  local dedup = dedupKey()
  local summary = "bench alert " .. (sent % 50)
  local body
  if format == "alertmanager" then
    body = '[{"labels":{"alertname":"BenchAlert","key":"' .. dedup .. '","severity":"error"},'
      .. '"annotations":{"summary":"' .. summary .. '"}}]'
  else
    body = '{"routing_key":"' .. key .. '","event_action":"trigger","dedup_key":"' .. dedup .. '",'
      .. '"payload":{"summary":"' .. summary .. '","source":"bench","severity":"error"}}'
  end
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  -- The latency's quantiles at every 0.1 % (the 0.05th, 0.15th, ... 99.95th percentiles), each standing for a
  -- thousandth of the requests, so that the benchmark can merge turns into percentiles of the whole run.
  local quantiles = {}
  for index = 0, 999 do quantiles[#quantiles + 1] = string.format('%d', latency:percentile((index + 0.5) / 10)) end
  io.write(string.format(
    '{"requests":%d,"durationUs":%d,"refused":%d,"failed":%d,"quantilesUs":[%s]}\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    table.concat(quantiles, ',')))
end
