#!/usr/bin/env bash
# The user grants under load, each against its own ceiling measured in the same run:
#  - password grant at 16 and 64 connections (bench/LoginLoad.java: each connection an employee
#    from an address of their own), with clients that retry a refusal at once (wrk's way, and an
#    attacker's) and with clients that wait its Retry-After (the suite's apps): successful logins/s
#    against Argon2id verifications/s on every core (bench/HashBench.java), since each login costs
#    one, each login slice against a hashing slice of its own just before it (ROUNDS x SLICE s);
#    p50/p99 of accepted logins; the refusals (503 busy with Retry-After), their p99, and any
#    503 that is not "busy" (the circuit breaker or a timeout: must be none); the cores the
#    auth-service and the identity-service used (what is left of the machine's for hashing);
#  - refresh-token grant (16 and 64 connections): refreshes per auth-service CPU-second against
#    the signing ceiling (bench/SignBench.java), with p50/p99/p99.9.
#
#   bench/user-grants.sh            (DURATION=20 SLICE=10 ROUNDS=3 to change)
#
# Needs wrk, psql, and PostgreSQL and Redis at the usual addresses.
. "$(dirname "$0")/lib.sh"
need wrk wrk
DURATION=${DURATION:-20}
AUTH_PORT=${AUTH_PORT:-18080}
IDENTITY_PORT=${IDENTITY_PORT:-18081}
CORES=$(nproc)

AUTH_JAR=$(build_jar auth-service)
IDENTITY_JAR=$(build_jar identity-service)
AUTH_LIB="$ROOT/auth-service/target/quarkus-app/lib/boot/*:$ROOT/auth-service/target/quarkus-app/lib/main/*"
IDENTITY_LIB="$ROOT/identity-service/target/quarkus-app/lib/main/*"

echo "== ceilings (${DURATION}s each, ${CORES} threads)"
sign_line=$("$JAVA" -cp "$AUTH_LIB" "$ROOT/bench/SignBench.java" RS256 "$DURATION" "$CORES" 2>/dev/null | tail -1)
echo "$sign_line"
sign_rate=$(echo "$sign_line" | awk '{print $4}')

fresh_database auth_bench
fresh_database identity_bench
# Set before the first start: if the second service fails to start, the first is stopped too.
trap 'kill ${AUTH_PID:-} ${IDENTITY_PID:-} 2>/dev/null || true' EXIT
AUTH_PID=$(start_service "$AUTH_JAR" "$AUTH_PORT" "$RESULTS/auth-service.log" \
  AUTH_PORT="$AUTH_PORT" DB_NAME=auth_bench AUTH_REDIS_PREFIX="auth-bench:" \
  IDENTITY_URL="http://127.0.0.1:$IDENTITY_PORT")
IDENTITY_PID=$(start_service "$IDENTITY_JAR" "$IDENTITY_PORT" "$RESULTS/identity-service.log" \
  IDENTITY_PORT="$IDENTITY_PORT" DB_NAME=identity_bench \
  AUTH_JWKS_URL="http://127.0.0.1:$AUTH_PORT/.well-known/jwks.json")
URL="http://127.0.0.1:$AUTH_PORT/oauth/token"
export AUTH="$MOBILE_APP_AUTH"
login() { password_login "$URL" "$1"; }
# The identity-service's first verification is cold (JWKS fetch, first query, JIT): warm it up.
for _ in $(seq 1 60); do login johndoe | grep -q access_token && break; sleep 0.5; done
login johndoe | grep -q access_token || { echo "password grant failed; see $RESULTS/*.log" >&2; exit 1; }

echo "== password grant"
# The hashing ceiling moves by a factor of two within minutes on a shared machine: it is measured
# in a slice of SLICE seconds just before each login slice of the same length, ROUNDS times per
# line, and each login slice is set against its own ceiling; the line gives the median ratio.
SLICE=${SLICE:-10}
ROUNDS=${ROUNDS:-3}
coproc HASHING { "$JAVA" -cp "$IDENTITY_LIB" "$ROOT/bench/HashBench.java" serve "$CORES" 2>/dev/null; }
ceiling_slice() { echo "$SLICE" >&"${HASHING[1]}"; local rate; read -r rate <&"${HASHING[0]}"; echo "$rate"; }
login_load_serve "$URL"
# Warm-up in both modes, long enough for the JIT: with 5 s, the first measured run paid for C2
# compiling the auth-service's refusal path (0.76 of a core there, 0.38 once compiled).
login_slice 64 "${WARMUP:-20}" >/dev/null
login_slice 64 "${WARMUP:-20}" honour >/dev/null
median() { sort -n | awk '{a[NR] = $1} END {printf "%.2f", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
{ printf '%-12s %-9s %-9s %-9s %-10s %-11s %-9s %-6s %s\n' clients logins/s p50 p99 refused/s refused-p99 ceiling ratio "rounds; refusals by kind; cores auth/identity"
for mode in at-once honour; do
  for c in 16 64; do
    rows=""
    for _ in $(seq 1 "$ROUNDS"); do
      ceiling=$(ceiling_slice)
      a0=$(cpu_seconds "$AUTH_PID"); i0=$(cpu_seconds "$IDENTITY_PID")
      read -r ok p50 p99 refused rp99 noretry kinds <<<"$(login_slice "$c" "$SLICE" "$mode")"
      cores=$(awk -v a0="$a0" -v a1="$(cpu_seconds "$AUTH_PID")" -v i0="$i0" -v i1="$(cpu_seconds "$IDENTITY_PID")" -v d="$SLICE" \
        'BEGIN {printf "%.2f/%.2f", (a1 - a0) / d, (i1 - i0) / d}')
      rows+="$ceiling $ok ${p50%ms} ${p99%ms} $refused ${rp99%ms} $noretry $kinds $cores"$'\n'
    done
    ratio=$(echo -n "$rows" | awk '{printf "%.3f\n", $2 / $1}' | median)
    echo -n "$rows" | awk -v c="$c" -v mode="$mode" -v ratio="$ratio" '
      {ceil += $1; ok += $2; p50 += $3; if ($4 > p99) p99 = $4; ref += $5; if ($6 > rp99) rp99 = $6; noretry += $7
       rounds = rounds sprintf("%s%.0f%%", NR > 1 ? " " : "", 100 * $2 / $1); kinds = kinds " " $8; cores = cores " " $9}
      END {printf "%-12s %-9.1f %-9s %-9s %-10.1f %-11s %-9.1f %-6s %s;%s (no-Retry-After:%d);%s\n", c " " mode, ok / NR, sprintf("%.0fms", p50 / NR),
             p99 "ms", ref / NR, rp99 "ms", ceil / NR, sprintf("%.0f%%", 100 * ratio), rounds, kinds, noretry, cores}'
  done
done; } > "$RESULTS/password-grant.txt" # not through a pipe: a coprocess's descriptors stay out of subshells
exec {HASHING[1]}>&-
login_load_stop
cat "$RESULTS/password-grant.txt"

echo "== refresh-token grant"
printf '%-6s %-11s %-9s %-9s %-9s %-7s %-10s %-14s %s\n' conns refreshes/s p50 p99 p99.9 non2xx server-cpu refreshes/cpu-s "of ${CORES}-thread signing ceiling"
for round in warm-up 16 64; do
  c=${round/warm-up/16}
  TOKENS="$RESULTS/refresh-tokens.txt"
  # One spare per wrk thread: wrk calls request() once per thread before it sends anything.
  refresh_tokens "$URL" "$TOKENS" $(( c + 2 ))
  export TOKENS_FILE="$TOKENS" THREADS=2
  if [ "$round" = warm-up ]; then
    load "$AUTH_PID" "$URL" "$c" 10 "$ROOT/bench/refresh-rotation.lua" >/dev/null
    continue
  fi
  read -r rps p50 p99 non2xx cpu requests p999 <<<"$(load "$AUTH_PID" "$URL" "$c" "$DURATION" "$ROOT/bench/refresh-rotation.lua")"
  per_cpu=$(awk -v r="$requests" -v f="$non2xx" -v c="$cpu" 'BEGIN {printf "%.0f", (r - f) / c}')
  printf '%-6s %-11s %-9s %-9s %-9s %-7s %-10s %-14s %s\n' "$c" "$rps" "$p50" "$p99" "$p999" "$non2xx" "${cpu}s" "$per_cpu" \
    "$(awk -v p="$per_cpu" -v s="$sign_rate" 'BEGIN {printf "%.0f%%", 100 * p / s}')"
done | tee "$RESULTS/refresh-grant.txt"
