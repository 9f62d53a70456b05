#!/usr/bin/env bash
# client_credentials tokens/s and p50/p99/p99.9 at 16 and 64 connections, with the server's CPU time,
# against the signing step alone measured in the same run (bench/SignBench.java).
#
#   bench/token-throughput.sh [RS256|ES256]        (DURATION=20 CONNECTIONS="16 64" to change)
#
# Needs wrk and psql, and PostgreSQL and Redis at the usual addresses (local run or the suite).
# Result: tokens per server CPU-second as a fraction of the one-thread signing ceiling; and the
# latency at 16 connections paced to half the rate they reached (the request without the queue).
. "$(dirname "$0")/lib.sh"
need wrk wrk
ALG=${1:-RS256}
DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-16 64}
PORT=${PORT:-18080}

JAR=$(build_jar auth-service)
LIB="$ROOT/auth-service/target/quarkus-app/lib/boot/*:$ROOT/auth-service/target/quarkus-app/lib/main/*"

CORES=$(nproc)
echo "== signing ceiling, the signing step alone (${DURATION}s each)"
single=$("$JAVA" -cp "$LIB" "$ROOT/bench/SignBench.java" "$ALG" "$DURATION" 1 2>/dev/null | tail -1)
echo "$single"
parallel=$("$JAVA" -cp "$LIB" "$ROOT/bench/SignBench.java" "$ALG" "$DURATION" "$CORES" 2>/dev/null | tail -1)
echo "$parallel"
ceiling1=$(echo "$single" | awk '{print $4}')
ceilingN=$(echo "$parallel" | awk '{print $4}')

fresh_database auth_bench
PID=$(start_service "$JAR" "$PORT" "$RESULTS/auth-service.log" \
  AUTH_PORT="$PORT" DB_NAME=auth_bench AUTH_SIGNING_ALG="$ALG" AUTH_REDIS_PREFIX="auth-bench:" ${SERVER_ENV:-})
trap 'kill $PID 2>/dev/null || true' EXIT

export BODY="grant_type=client_credentials"
export AUTH="Basic $(printf 'report_service_id:super_secret' | base64)"
URL="http://127.0.0.1:$PORT/oauth/token"
curl -sf -X POST -H "Authorization: $AUTH" -d "$BODY" "$URL" >/dev/null || { echo "token request failed" >&2; exit 1; }

echo "== warm-up (10 s, 16 connections)"
load "$PID" "$URL" 16 10 "$ROOT/bench/post-form.lua" >/dev/null

printf '%-6s %-11s %-9s %-9s %-9s %-7s %-10s %-13s %-14s %s\n' conns tokens/s p50 p99 p99.9 non2xx server-cpu tokens/cpu-s "of 1-thread" "of ${CORES}-thread ceiling"
for c in $CONNECTIONS; do
  read -r rps p50 p99 non2xx cpu requests p999 <<<"$(load "$PID" "$URL" "$c" "$DURATION" "$ROOT/bench/post-form.lua")"
  per_cpu=$(awk -v r="$requests" -v c="$cpu" 'BEGIN {printf "%.0f", r / c}')
  ratio1=$(awk -v p="$per_cpu" -v s="$ceiling1" 'BEGIN {printf "%.0f%%", 100 * p / s}')
  ratioN=$(awk -v p="$per_cpu" -v s="$ceilingN" 'BEGIN {printf "%.0f%%", 100 * p / s}')
  printf '%-6s %-11s %-9s %-9s %-9s %-7s %-10s %-13s %-14s %s\n' "$c" "$rps" "$p50" "$p99" "$p999" "$non2xx" "${cpu}s" "$per_cpu" "$ratio1" "$ratioN"
  if [ "$c" = 16 ]; then
    # Closed-loop at saturation, latency is mostly queueing (Little: 16 connections / tokens/s);
    # paced to half that rate, what is left is the request's own time and the machine's noise.
    delay=$(awk -v r="$rps" -v c="$c" 'BEGIN {printf "%d", 2 * c * 1000 / r}')
    read -r rps p50 p99 non2xx cpu requests p999 <<<"$(DELAY_MS=$delay load "$PID" "$URL" "$c" "$DURATION" "$ROOT/bench/post-form.lua")"
    printf '%-6s %-11s %-9s %-9s %-9s %-7s %-10s %s\n' "$c/half" "$rps" "$p50" "$p99" "$p999" "$non2xx" "${cpu}s" "(each connection ${delay} ms apart)"
  fi
done | tee "$RESULTS/token-throughput-$ALG.txt"
