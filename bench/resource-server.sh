#!/usr/bin/env bash
# A resource server's cost of validating tokens locally: GET /data on data-service with a valid
# token (signature against the cached JWKS, claims, scope, then one PostgreSQL query) against the
# same service's unauthenticated /q/health/live, at the same connections in the same run. A third
# line, GET /data without a token (the 401 challenge, answered by the scope filter before anything
# else), is the floor of any REST endpoint in the service: what a resource costs beyond Quarkus
# REST itself is the ratio /data : no-token.
#
# Then the revocation lists: REVOCATIONS (100,000) tokens are revoked at the auth-service, the
# same two lines are measured again with that many entries held, the heap they take is printed,
# and LAG_SAMPLES (200) revocations are timed from the revoke call until data-service refuses
# the token, while wrk keeps GET /data busy.
#
# Each phase also alternates the two lines in ROUNDS (4) slices and gives the median ratio: on a
# shared machine one 20 s line each drifts by up to 20 % between them.
#
#   bench/resource-server.sh          (DURATION=20 CONNECTIONS=16 REVOCATIONS=100000 LAG_SAMPLES=200 ROUNDS=4 to change)
#
# Needs wrk, psql, and PostgreSQL and Redis at the usual addresses.
. "$(dirname "$0")/lib.sh"
need wrk wrk
DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-16}
AUTH_PORT=${AUTH_PORT:-18080}
DATA_PORT=${DATA_PORT:-18082}

AUTH_JAR=$(build_jar auth-service)
DATA_JAR=$(build_jar data-service)
fresh_database auth_bench
fresh_database data_bench
# Set before the first start: if the second service fails to start, the first is stopped too.
trap 'kill ${AUTH_PID:-} ${DATA_PID:-} 2>/dev/null || true' EXIT
AUTH_PID=$(start_service "$AUTH_JAR" "$AUTH_PORT" "$RESULTS/auth-service.log" \
  AUTH_PORT="$AUTH_PORT" DB_NAME=auth_bench AUTH_REDIS_PREFIX="auth-bench:")
DATA_PID=$(start_service "$DATA_JAR" "$DATA_PORT" "$RESULTS/data-service.log" \
  DATA_PORT="$DATA_PORT" DB_NAME=data_bench AUTH_JWKS_URL="http://127.0.0.1:$AUTH_PORT/.well-known/jwks.json" \
  AUTH_EVENTS_URL="http://127.0.0.1:$AUTH_PORT/oauth/security-events")

TOKEN=$(curl -s -u report_service_id:super_secret -d grant_type=client_credentials "http://127.0.0.1:$AUTH_PORT/oauth/token" \
  | grep -o '"access_token":"[^"]*"' | cut -d'"' -f4)
[ -n "$TOKEN" ] || { echo "no token" >&2; exit 1; }
curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$DATA_PORT/data" >/dev/null || { echo "GET /data failed" >&2; exit 1; }

echo "== warm-up (10 s each)"
TOKEN="$TOKEN" load "$DATA_PID" "http://127.0.0.1:$DATA_PORT/data" "$CONNECTIONS" 10 "$ROOT/bench/get-bearer.lua" >/dev/null
TOKEN="" load "$DATA_PID" "http://127.0.0.1:$(management_port "$DATA_PORT")/q/health/live" "$CONNECTIONS" 10 "$ROOT/bench/get-bearer.lua" >/dev/null

HEALTH_URL="http://127.0.0.1:$(management_port "$DATA_PORT")/q/health/live"
# health_and_data: ROUNDS alternations of the two, each DURATION / ROUNDS seconds, so that a
# drift of the shared machine hits both alike; prints the sums' rates and the median round ratio.
ROUNDS=${ROUNDS:-4}
health_and_data() {
  local slice=$(( DURATION / ROUNDS )) hs=0 ds=0 ratios=() h d
  for _ in $(seq 1 "$ROUNDS"); do
    read -r h _ <<<"$(TOKEN="" load "$DATA_PID" "$HEALTH_URL" "$CONNECTIONS" "$slice" "$ROOT/bench/get-bearer.lua")"
    read -r d _ <<<"$(TOKEN="$TOKEN" load "$DATA_PID" "http://127.0.0.1:$DATA_PORT/data" "$CONNECTIONS" "$slice" "$ROOT/bench/get-bearer.lua")"
    ratios+=("$(awk -v d="$d" -v h="$h" 'BEGIN {printf "%.3f", d / h}')")
    hs=$(awk -v a="$hs" -v b="$h" 'BEGIN {print a + b}'); ds=$(awk -v a="$ds" -v b="$d" 'BEGIN {print a + b}')
  done
  echo "$(awk -v s="$hs" -v n="$ROUNDS" 'BEGIN {printf "%.0f", s / n}') $(awk -v s="$ds" -v n="$ROUNDS" 'BEGIN {printf "%.0f", s / n}') $(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR] = $1} END {printf "%.2f", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}') ${ratios[*]}"
}
read -r alt_h alt_d alt_median alt_rounds <<<"$(health_and_data)"
printf '%-28s %-11s %-9s %-9s %-7s %s\n' endpoint requests/s p50 p99 non2xx server-cpu
read -r h_rps h_p50 h_p99 h_non cpu_h _ <<<"$(TOKEN="" load "$DATA_PID" "$HEALTH_URL" "$CONNECTIONS" "$DURATION" "$ROOT/bench/get-bearer.lua")"
read -r d_rps d_p50 d_p99 d_non cpu_d _ <<<"$(TOKEN="$TOKEN" load "$DATA_PID" "http://127.0.0.1:$DATA_PORT/data" "$CONNECTIONS" "$DURATION" "$ROOT/bench/get-bearer.lua")"
read -r f_rps f_p50 f_p99 f_non cpu_f _ <<<"$(TOKEN="" load "$DATA_PID" "http://127.0.0.1:$DATA_PORT/data" "$CONNECTIONS" "$DURATION" "$ROOT/bench/get-bearer.lua")"
{
  printf '%-28s %-11s %-9s %-9s %-7s %s\n' "GET /q/health/live" "$h_rps" "$h_p50" "$h_p99" "$h_non" "${cpu_h}s"
  printf '%-28s %-11s %-9s %-9s %-7s %s\n' "GET /data (bearer, data:read)" "$d_rps" "$d_p50" "$d_p99" "$d_non" "${cpu_d}s"
  printf '%-28s %-11s %-9s %-9s %-7s %s\n' "GET /data, no token (401)" "$f_rps" "$f_p50" "$f_p99" "$f_non" "${cpu_f}s"
  echo "ratio /data : health = $(awk -v d="$d_rps" -v h="$h_rps" 'BEGIN {printf "%.2f", d / h}') at $CONNECTIONS connections"
  echo "alternating in $ROUNDS rounds: health $alt_h/s, /data $alt_d/s, median ratio $alt_median (rounds: $alt_rounds)"
  echo "ratio /data : no-token REST floor = $(awk -v d="$d_rps" -v f="$f_rps" 'BEGIN {printf "%.2f", d / f}'); floor : health = $(awk -v f="$f_rps" -v h="$h_rps" 'BEGIN {printf "%.2f", f / h}')"
} | tee "$RESULTS/resource-server.txt"

# --- Revocation lists -----------------------------------------------------------------------------
REVOCATIONS=${REVOCATIONS:-100000}
LAG_SAMPLES=${LAG_SAMPLES:-200}
DATA_METRICS="http://127.0.0.1:$(management_port "$DATA_PORT")/q/metrics"
heap_used() { # after a full GC, in bytes
  jcmd "$DATA_PID" GC.run >/dev/null 2>&1; sleep 1
  curl -s "$DATA_METRICS" | awk '/^jvm_memory_used_bytes\{.*area="heap"/ {sum += $NF} END {printf "%.0f", sum}'
}
entries() { curl -s "$DATA_METRICS" | awk '/^tokenvalidation_revocations_entries/ {printf "%.0f", $NF}'; }
HEAP_BEFORE=$(heap_used)
ENTRIES_BEFORE=$(entries)
echo "== revoking $REVOCATIONS tokens"
"$JAVA" "$ROOT/bench/RevocationFill.java" "http://127.0.0.1:$AUTH_PORT" "http://127.0.0.1:$DATA_PORT/data" fill "$REVOCATIONS" | tee -a "$RESULTS/resource-server.txt"
for _ in $(seq 1 120); do
  [ "$(entries)" -ge $(( ENTRIES_BEFORE + REVOCATIONS )) ] 2>/dev/null && break
  sleep 1
done
HEAP_AFTER=$(heap_used)
ENTRIES_AFTER=$(entries)
read -r alt2_h alt2_d alt2_median alt2_rounds <<<"$(health_and_data)"
read -r h2_rps h2_p50 h2_p99 h2_non cpu_h2 _ <<<"$(TOKEN="" load "$DATA_PID" "$HEALTH_URL" "$CONNECTIONS" "$DURATION" "$ROOT/bench/get-bearer.lua")"
read -r d2_rps d2_p50 d2_p99 d2_non cpu_d2 _ <<<"$(TOKEN="$TOKEN" load "$DATA_PID" "http://127.0.0.1:$DATA_PORT/data" "$CONNECTIONS" "$DURATION" "$ROOT/bench/get-bearer.lua")"
# The lag while GET /data is under load (wrk in the background for the whole measurement).
TOKEN="$TOKEN" load "$DATA_PID" "http://127.0.0.1:$DATA_PORT/data" "$CONNECTIONS" 120 "$ROOT/bench/get-bearer.lua" >/dev/null &
LOAD_PID=$!
sleep 2
LAG=$("$JAVA" "$ROOT/bench/RevocationFill.java" "http://127.0.0.1:$AUTH_PORT" "http://127.0.0.1:$DATA_PORT/data" lag "$LAG_SAMPLES")
kill "$LOAD_PID" 2>/dev/null; pkill -P "$LOAD_PID" 2>/dev/null || true
{
  echo "revocation entries held by data-service: $ENTRIES_AFTER"
  printf '%-28s %-11s %-9s %-9s %-7s %s\n' "GET /q/health/live" "$h2_rps" "$h2_p50" "$h2_p99" "$h2_non" "${cpu_h2}s"
  printf '%-28s %-11s %-9s %-9s %-7s %s\n' "GET /data (bearer, data:read)" "$d2_rps" "$d2_p50" "$d2_p99" "$d2_non" "${cpu_d2}s"
  echo "ratio /data : health with $ENTRIES_AFTER entries = $(awk -v d="$d2_rps" -v h="$h2_rps" 'BEGIN {printf "%.2f", d / h}') at $CONNECTIONS connections"
  echo "alternating in $ROUNDS rounds with $ENTRIES_AFTER entries: health $alt2_h/s, /data $alt2_d/s, median ratio $alt2_median (rounds: $alt2_rounds)"
  echo "entries' cost on /data: $(awk -v a="$alt2_d" -v b="$alt_d" 'BEGIN {printf "%.2f", a / b}') of the rate without them (alternating rounds)"
  echo "heap for the entries: $(awk -v a="$HEAP_AFTER" -v b="$HEAP_BEFORE" -v n="$((ENTRIES_AFTER - ENTRIES_BEFORE))" 'BEGIN {printf "%.1f MB per 100,000", (a - b) / n * 100000 / 1048576}')"
  echo "$LAG (under GET /data load at $CONNECTIONS connections)"
} | tee -a "$RESULTS/resource-server.txt"
