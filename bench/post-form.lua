-- POST a form body; BODY and AUTH (a full Authorization header value, optional) come from the environment.
wrk.method = "POST"
wrk.body = os.getenv("BODY")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
local auth = os.getenv("AUTH")
-- DELAY_MS: each connection waits that long before each request (an offered rate below capacity).
local delay_ms = tonumber(os.getenv("DELAY_MS") or "")
if delay_ms then
  function delay() return delay_ms end
end
if auth and auth ~= "" then
  wrk.headers["Authorization"] = auth
end

-- The tail beyond wrk's --latency table (50/75/90/99 %), read by bench/lib.sh's load.
function done(summary, latency, requests)
  io.write(string.format("p99.9 %.2fms\n", latency:percentile(99.9) / 1000))
end
