-- GET with a bearer token from the environment (TOKEN); without TOKEN, a plain GET.
wrk.method = "GET"
local token = os.getenv("TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

-- The tail beyond wrk's --latency table (50/75/90/99 %), read by bench/lib.sh's load.
function done(summary, latency, requests)
  io.write(string.format("p99.9 %.2fms\n", latency:percentile(99.9) / 1000))
end
