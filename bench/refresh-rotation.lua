-- Refresh-token grant under load. Tokens rotate on every use, so each thread keeps a queue of live
-- tokens: a request takes one, its response gives back the successor. TOKENS_FILE holds one token
-- per line (one per connection, plus one per thread: wrk calls request() once per thread before
-- it sends anything); AUTH is the client's Authorization header value.
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

function init(args)
  queue = {}
  local n = 0
  local count = tonumber(os.getenv("THREADS") or "2")
  for line in io.lines(os.getenv("TOKENS_FILE")) do
    if n % count == id - 1 then table.insert(queue, line) end
    n = n + 1
  end
  auth = os.getenv("AUTH")
end

function request()
  local token = table.remove(queue, 1) or "exhausted"
  return wrk.format("POST", "/oauth/token", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Authorization"] = auth
  }, "grant_type=refresh_token&refresh_token=" .. token)
end

function response(status, headers, body)
  local token = body:match('"refresh_token":"([^"]+)"')
  if token then table.insert(queue, token) end
end

-- The tail beyond wrk's --latency table (50/75/90/99 %), read by bench/lib.sh's load.
function done(summary, latency, requests)
  io.write(string.format("p99.9 %.2fms\n", latency:percentile(99.9) / 1000))
end
