#!/usr/bin/env bash
# Redis figures for the capacity model (docs/capacity.md), on a Redis of its own (nothing else in
# it, nothing kept on disk): memory per refresh-token family (one live token), per rotation kept
# (the used token stays until its family's idle timeout), per pending authorization and per
# revocation entry; Redis commands per refresh; and the refresh grant's rate and latency at 16
# connections with an empty Redis and again with FAMILIES (a million) families in it, as a ratio
# measured in the same run. The families are written by bench/FamilyFill.java with the
# auth-service's own script and key layout.
#
#   bench/redis-capacity.sh            (FAMILIES=1000000 DURATION=20 to change)
#
# Needs wrk, psql, redis-server and redis-cli, and PostgreSQL at the usual address.
. "$(dirname "$0")/lib.sh"
need wrk wrk
need redis-server redis-server
need redis-cli redis-tools
FAMILIES=${FAMILIES:-1000000}
DURATION=${DURATION:-20}
AUTH_PORT=${AUTH_PORT:-18080}
IDENTITY_PORT=${IDENTITY_PORT:-18081}
REDIS_PORT=${BENCH_REDIS_PORT:-16399}
PREFIX="auth-bench:"

AUTH_JAR=$(build_jar auth-service)
IDENTITY_JAR=$(build_jar identity-service)
AUTH_LIB="$ROOT/auth-service/target/quarkus-app/lib/boot/*:$ROOT/auth-service/target/quarkus-app/lib/main/*:$ROOT/auth-service/target/quarkus-app/app/*"

trap 'kill ${AUTH_PID:-} ${IDENTITY_PID:-} ${REDIS_PID:-} 2>/dev/null || true' EXIT
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no >"$RESULTS/redis.log" 2>&1 &
REDIS_PID=$!
for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
rcli() { redis-cli -p "$REDIS_PORT" "$@"; }
used_memory() { rcli info memory | awk -F: '$1 == "used_memory" {print $2}' | tr -d '\r'; }
keys() { rcli dbsize | tr -d '\r'; }
# Every command Redis ran, scripts' own calls included (INFO commandstats counts those too).
commands() { rcli info commandstats | awk -F'[=,:]' '/^cmdstat_/ && $1 !~ /cmdstat_(info|dbsize|config)/ {s += $3} END {print s + 0}'; }

fresh_database auth_bench
fresh_database identity_bench
AUTH_PID=$(start_service "$AUTH_JAR" "$AUTH_PORT" "$RESULTS/auth-service.log" \
  AUTH_PORT="$AUTH_PORT" DB_NAME=auth_bench AUTH_REDIS_PREFIX="$PREFIX" REDIS_PORT="$REDIS_PORT" \
  IDENTITY_URL="http://127.0.0.1:$IDENTITY_PORT" AUTH_AUTHORIZATION_REQUESTS_PER_ADDRESS=1000000)
IDENTITY_PID=$(start_service "$IDENTITY_JAR" "$IDENTITY_PORT" "$RESULTS/identity-service.log" \
  IDENTITY_PORT="$IDENTITY_PORT" DB_NAME=identity_bench \
  AUTH_JWKS_URL="http://127.0.0.1:$AUTH_PORT/.well-known/jwks.json")
URL="http://127.0.0.1:$AUTH_PORT/oauth/token"
for _ in $(seq 1 60); do password_login "$URL" johndoe | grep -q access_token && break; sleep 0.5; done

# refresh_round LABEL: the refresh grant at 16 connections for DURATION s; prints its line.
refresh_round() {
  local tokens="$RESULTS/refresh-tokens.txt" m0 c0 rps p50 p99 non2xx cpu requests p999
  refresh_tokens "$URL" "$tokens" 18
  export TOKENS_FILE="$tokens" THREADS=2 AUTH="$MOBILE_APP_AUTH"
  m0=$(used_memory); c0=$(commands)
  read -r rps p50 p99 non2xx cpu requests p999 <<<"$(load "$AUTH_PID" "$URL" 16 "$DURATION" "$ROOT/bench/refresh-rotation.lua")"
  printf '%-22s %-11s %-9s %-9s %-9s %-7s %-15s %-14s %s\n' "$1" "$rps" "$p50" "$p99" "$p999" "$non2xx" \
    "$(awk -v r="$requests" -v f="$non2xx" -v c="$cpu" 'BEGIN {printf "%.0f", (r - f) / c}')" \
    "$(awk -v a="$(commands)" -v b="$c0" -v r="$requests" 'BEGIN {printf "%.1f", (a - b) / r}')" \
    "$(awk -v a="$(used_memory)" -v b="$m0" -v r="$requests" 'BEGIN {printf "%.0f", (a - b) / r}')"
}

{
echo "== refresh grant, 16 connections, ${DURATION}s"
printf '%-22s %-11s %-9s %-9s %-9s %-7s %-15s %-14s %s\n' redis refreshes/s p50 p99 p99.9 non2xx "per auth-cpu-s" commands/refresh "bytes kept/refresh"
# A first round warms the JIT up; it is not reported.
refresh_round warm-up >/dev/null
empty=$(refresh_round "empty"); echo "$empty"

echo "== $FAMILIES families"
m0=$(used_memory); k0=$(keys)
"$JAVA" -cp "$AUTH_LIB" "$ROOT/bench/FamilyFill.java" "$REDIS_PORT" "$PREFIX" "$FAMILIES"
m1=$(used_memory); k1=$(keys)
echo "families: $FAMILIES, keys: +$(( k1 - k0 )), used_memory: +$(( (m1 - m0) / 1048576 )) MB, $(( (m1 - m0) / FAMILIES )) bytes per family"
printf '%-22s %-11s %-9s %-9s %-9s %-7s %-15s %-14s %s\n' redis refreshes/s p50 p99 p99.9 non2xx "per auth-cpu-s" commands/refresh "bytes kept/refresh"
full=$(refresh_round "${FAMILIES}-families"); echo "$full"
echo "refreshes/s with $FAMILIES families: $(awk -v a="$(echo "$full" | awk '{print $2}')" -v b="$(echo "$empty" | awk '{print $2}')" \
  'BEGIN {printf "%.0f%%", 100 * a / b}') of the empty Redis's"

echo "== pending authorizations (GET /oauth/authorize, 5 s at 8 connections)"
m0=$(used_memory); k0=$(keys)
cat >"$RESULTS/authorize.lua" <<'LUA'
request = function()
  return wrk.format("GET", "/oauth/authorize?response_type=code&client_id=techcorp_portal_web"
    .. "&redirect_uri=http%3A%2F%2Flocalhost%3A8084%2Fportal%2Fcallback&state=" .. math.random(1, 1e9)
    .. "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&scope=payslips%3Aread")
end
LUA
wrk -t2 -c8 -d5s -s "$RESULTS/authorize.lua" "http://127.0.0.1:$AUTH_PORT" >"$RESULTS/last-wrk.txt"
m1=$(used_memory); k1=$(keys)
echo "pending: +$(( k1 - k0 )) keys, $(( (m1 - m0) / (k1 - k0 > 0 ? k1 - k0 : 1) )) bytes each"

echo "== revocations (2000 client-credentials tokens minted and revoked)"
m0=$(used_memory); k0=$(keys)
"$JAVA" "$ROOT/bench/RevocationFill.java" "http://127.0.0.1:$AUTH_PORT" "http://127.0.0.1:1" fill 2000 >/dev/null
m1=$(used_memory); k1=$(keys)
echo "revocations: 2000, keys: +$(( k1 - k0 )), $(( (m1 - m0) / 2000 )) bytes each (its entry and its event in the log)"
} | tee "$RESULTS/redis-capacity.txt"
