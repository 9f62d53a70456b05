#!/usr/bin/env bash
# Memory and start-up of the five services, each in a memory cgroup as large as its Kubernetes
# limit (deploy/k8s/base/SERVICE.yaml), as in its pod:
#  - time to ready of each service alone (one after the other) and of all five started together,
#    without and (JDK 25+) with the JVM's AOT cache, and the resident memory (RSS) once ready;
#  - the load scenarios: client_credentials and refresh at 16 connections, the password grant at
#    capacity (64 clients that honour Retry-After), bearer GETs on data-service, report-service and
#    employee-portal-api at 16. Each in ROUNDS pairs of SLICE-second slices, one with the limits and
#    one without: the same JVMs, the limit lifted and set again between slices, so that the
#    machine's drift does not pass for the limit's cost. Throughput with the limit against without;
#  - after all of it, each service's peak RSS (VmHWM) and the OOM kills (there must be none).
#
#   bench/footprint.sh        (SLICE=10 ROUNDS=2 WARMUP=15 SCENARIOS="refresh password" to change; JAVA_OPTS=-XX:NativeMemoryTracking=summary
#                              also writes each service's native memory summary after the load)
#
# Needs root (or a delegated cgroup tree) for the cgroups, wrk, psql, and PostgreSQL and Redis at
# the usual addresses.
. "$(dirname "$0")/lib.sh"
need wrk wrk
SLICE=${SLICE:-10}
ROUNDS=${ROUNDS:-2}
WARMUP=${WARMUP:-15}
SERVICES=(auth-service identity-service data-service report-service employee-portal-api)
declare -A PORT=([auth-service]=18080 [identity-service]=18081 [data-service]=18082 [report-service]=18083 [employee-portal-api]=18084)
declare -A DB=([auth-service]=footprint_auth [identity-service]=footprint_identity [data-service]=footprint_data
  [report-service]=footprint_report [employee-portal-api]=footprint_portal)
declare -A JAR LIMIT CG PID
ADMIN_SECRET=bench-only-bootstrap-secret
AUTH_URL="http://127.0.0.1:${PORT[auth-service]}"
TOKEN_URL="$AUTH_URL/oauth/token"
for s in "${SERVICES[@]}"; do
  JAR[$s]=$(build_jar "$s")
  LIMIT[$s]=$(memory_limit_mi "$s")
  CG[$s]=$(memory_cgroup "${s%-service}" "${LIMIT[$s]}")
  fresh_database "${DB[$s]}"
done
trap 'kill ${PID[*]:-} 2>/dev/null || true' EXIT

service_env() {
  local jwks="$AUTH_URL/.well-known/jwks.json" events="$AUTH_URL/oauth/security-events"
  echo "DB_NAME=${DB[$1]}"
  case $1 in
    auth-service) echo "AUTH_PORT=${PORT[$1]} AUTH_REDIS_PREFIX=footprint: AUTH_BOOTSTRAP_ADMIN_SECRET=$ADMIN_SECRET" \
      "IDENTITY_URL=http://127.0.0.1:${PORT[identity-service]}" ;;
    identity-service) echo "IDENTITY_PORT=${PORT[$1]} AUTH_JWKS_URL=$jwks AUTH_EVENTS_URL=$events AUTH_URL=$AUTH_URL" ;;
    data-service) echo "DATA_PORT=${PORT[$1]} AUTH_JWKS_URL=$jwks AUTH_EVENTS_URL=$events" ;;
    report-service) echo "REPORT_PORT=${PORT[$1]} AUTH_JWKS_URL=$jwks AUTH_EVENTS_URL=$events AUTH_URL=$AUTH_URL" \
      "DATA_SERVICE_URL=http://127.0.0.1:${PORT[data-service]}" ;;
    employee-portal-api) echo "PORTAL_PORT=${PORT[$1]} AUTH_JWKS_URL=$jwks AUTH_EVENTS_URL=$events" ;;
  esac
}

aot_cache() { echo "$RESULTS/aot/$1.aot"; }
# launch SERVICE [nocache|cache|train]: in its cgroup, under its limit (but for the training run).
launch() {
  local s=$1 opts=${JAVA_OPTS:-} cgroup=${CG[$1]}
  case ${2:-nocache} in
    cache) opts+=" -XX:AOTCache=$(aot_cache "$s")" ;;
    # Outside the cgroup: at exit the JVM forks a second one that writes the cache, and the two
    # together need more than the limit (killed inside it, they leave no cache behind).
    train) rm -f "$(aot_cache "$s")"; opts+=" -XX:AOTCacheOutput=$(aot_cache "$s")"; cgroup= ;;
  esac
  # shellcheck disable=SC2046 # service_env is words of VAR=VALUE
  PID[$s]=$(CGROUP="$cgroup" JAVA_OPTS="$opts" launch_service "${JAR[$s]}" "${PORT[$s]}" "$RESULTS/$s.log" $(service_env "$s"))
}
await() { await_service "${PID[$1]}" "${PORT[$1]}" "$RESULTS/$1.log"; }
stop_all() { stop_services "${1:-30}" "${PID[@]}"; PID=(); }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN {printf "%.1f", b - a}'; }

MODES=(nocache)
if aot_supported; then
  MODES+=(cache)
  mkdir -p "$RESULTS/aot"
  echo "== AOT cache: a training start of each service (also the first start, which migrates the databases)"
  for s in "${SERVICES[@]}"; do launch "$s" train; done
else
  echo "== first start (migrates the databases); this JDK has no AOT cache"
  for s in "${SERVICES[@]}"; do launch "$s"; done
fi
for s in "${SERVICES[@]}"; do await "$s"; done
stop_all 120
declare -A ALONE IDLE TOGETHER
for mode in "${MODES[@]}"; do
  for s in "${SERVICES[@]}"; do
    t=$(now); launch "$s" "$mode"; await "$s"; ALONE[$s,$mode]=$(since "$t")
  done
  sleep 5
  for s in "${SERVICES[@]}"; do IDLE[$s,$mode]=$(rss_mb "${PID[$s]}"); done
  stop_all
  t=$(now)
  for s in "${SERVICES[@]}"; do launch "$s" "$mode"; done
  for s in "${SERVICES[@]}"; do await "$s"; done
  TOGETHER[$mode]=$(since "$t")
  stop_all
done
{
  echo "== start-up (each alone, one after the other) and idle RSS, under the limits"
  printf '%-20s %-9s %-13s %-15s %-14s %s\n' service limit "ready alone" "ready (AOT)" "idle RSS" "idle RSS (AOT)"
  for s in "${SERVICES[@]}"; do
    printf '%-20s %-9s %-13s %-15s %-14s %s\n' "$s" "${LIMIT[$s]}Mi" "${ALONE[$s,nocache]}s" "${ALONE[$s,cache]:--}${ALONE[$s,cache]:+s}" \
      "${IDLE[$s,nocache]}MB" "${IDLE[$s,cache]:--}${IDLE[$s,cache]:+MB}"
  done
  printf '%-20s %-9s %-13s %s\n' "all five together" "" "${TOGETHER[nocache]}s" "${TOGETHER[cache]:--}${TOGETHER[cache]:+s}"
} | tee "$RESULTS/footprint-startup.txt"

MODE=${MODES[-1]}
echo "== load, under the limits and without them in turn ($([ "$MODE" = cache ] && echo "with" || echo "without") the AOT cache; ROUNDS=$ROUNDS x ${SLICE}s each)"
for s in "${SERVICES[@]}"; do launch "$s" "$MODE"; done
for s in "${SERVICES[@]}"; do await "$s"; done
limits() { for s in "${SERVICES[@]}"; do cgroup_limit "${CG[$s]}" "$([ "$1" = on ] && echo "${LIMIT[$s]}" || echo max)"; done; }
access_token() { grep -o '"access_token":"[^"]*"' | cut -d'"' -f4; }
CC_AUTH="Basic $(printf 'report_service_id:super_secret' | base64)"
DATA_TOKEN=$(curl -s -H "Authorization: $CC_AUTH" -d grant_type=client_credentials "$TOKEN_URL" | access_token)
PORTAL_TOKEN=$(password_login "$TOKEN_URL" janesmith | access_token)
ADMIN_TOKEN=$(curl -s -u "bootstrap-admin:$ADMIN_SECRET" -d grant_type=client_credentials "$TOKEN_URL" | access_token)
ANALYST_SECRET=$(curl -s -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' "$AUTH_URL/admin/clients" \
  -d '{"client_id":"footprint-analyst","grant_types":["client_credentials"],"scope":"reports:read"}' \
  | grep -o '"client_secret":"[^"]*"' | cut -d'"' -f4)
REPORT_TOKEN=$(curl -s -u "footprint-analyst:$ANALYST_SECRET" -d grant_type=client_credentials "$TOKEN_URL" | access_token)
curl -sf -o /dev/null -X POST -H "Authorization: Bearer $REPORT_TOKEN" "http://127.0.0.1:${PORT[report-service]}/reports/monthly-sales" \
  || { echo "could not build a report; see $RESULTS/report-service.log" >&2; exit 1; }
login_load_serve "$TOKEN_URL"

# slice SCENARIO SECONDS: one slice of it; prints the successful requests per second.
slice() {
  local rps non2xx requests
  case $1 in
    client_credentials)
      read -r rps _ _ non2xx _ _ <<<"$(BODY=grant_type=client_credentials AUTH="$CC_AUTH" load "${PID[auth-service]}" "$TOKEN_URL" 16 "$2" "$ROOT/bench/post-form.lua")" ;;
    refresh)
      refresh_tokens "$TOKEN_URL" "$RESULTS/refresh-tokens.txt" 18
      read -r rps _ _ non2xx _ _ <<<"$(TOKENS_FILE="$RESULTS/refresh-tokens.txt" THREADS=2 AUTH="$MOBILE_APP_AUTH" \
        load "${PID[auth-service]}" "$TOKEN_URL" 16 "$2" "$ROOT/bench/refresh-rotation.lua")" ;;
    password) read -r rps _ <<<"$(login_slice 64 "$2" honour)"; non2xx=0 ;;
    data-bearer) read -r rps _ _ non2xx _ _ <<<"$(TOKEN="$DATA_TOKEN" load "${PID[data-service]}" \
      "http://127.0.0.1:${PORT[data-service]}/data" 16 "$2" "$ROOT/bench/get-bearer.lua")" ;;
    report-bearer) read -r rps _ _ non2xx _ _ <<<"$(TOKEN="$REPORT_TOKEN" load "${PID[report-service]}" \
      "http://127.0.0.1:${PORT[report-service]}/reports/latest" 16 "$2" "$ROOT/bench/get-bearer.lua")" ;;
    portal-bearer) read -r rps _ _ non2xx _ _ <<<"$(TOKEN="$PORTAL_TOKEN" load "${PID[employee-portal-api]}" \
      "http://127.0.0.1:${PORT[employee-portal-api]}/employee/payslips" 16 "$2" "$ROOT/bench/get-bearer.lua")" ;;
  esac
  awk -v r="$rps" -v n="$non2xx" -v d="$2" 'BEGIN {printf "%.1f", r - n / d}'
}

{
  printf '%-20s %-16s %-16s %s\n' scenario "req/s limited" "req/s unlimited" "limited : unlimited"
  for scenario in ${SCENARIOS:-client_credentials refresh password data-bearer report-bearer portal-bearer}; do
    # A warm-up of 5 s left the JIT compiling into the first measured slice (report-bearer: 3,900
    # req/s in it, 11,800 in the next three with the limit on or off).
    limits on; slice "$scenario" "$WARMUP" >/dev/null
    on=0; off=0
    for r in $(seq 1 "$ROUNDS"); do
      # Alternating which goes first cancels a steady drift of the machine within a pair.
      for state in $([ $(( r % 2 )) = 1 ] && echo "on off" || echo "off on"); do
        limits "$state"; rps=$(slice "$scenario" "$SLICE")
        if [ "$state" = on ]; then on=$(awk -v a="$on" -v b="$rps" 'BEGIN {print a + b}'); else off=$(awk -v a="$off" -v b="$rps" 'BEGIN {print a + b}'); fi
      done
    done
    printf '%-20s %-16s %-16s %s\n' "$scenario" "$(awk -v a="$on" -v n="$ROUNDS" 'BEGIN {printf "%.1f", a / n}')" \
      "$(awk -v a="$off" -v n="$ROUNDS" 'BEGIN {printf "%.1f", a / n}')" "$(awk -v a="$on" -v b="$off" 'BEGIN {printf "%.0f%%", 100 * a / b}')"
  done
  limits on
  echo
  printf '%-20s %-9s %-10s %-10s %-9s %s\n' service limit "RSS now" "peak RSS" "OOM kills" alive
  for s in "${SERVICES[@]}"; do
    alive=yes; kill -0 "${PID[$s]}" 2>/dev/null || alive=NO
    printf '%-20s %-9s %-10s %-10s %-9s %s\n' "$s" "${LIMIT[$s]}Mi" "$(rss_mb "${PID[$s]}" 2>/dev/null)MB" \
      "$(rss_mb "${PID[$s]}" VmHWM 2>/dev/null)MB" "$(cgroup_oom_kills "${CG[$s]}")" "$alive"
  done
} | tee "$RESULTS/footprint-load.txt"
# With JAVA_OPTS=-XX:NativeMemoryTracking=summary: where each service's memory went, at the end of the load.
if [[ "${JAVA_OPTS:-}" == *NativeMemoryTracking* ]]; then
  for s in "${SERVICES[@]}"; do "$JAVA_HOME/bin/jcmd" "${PID[$s]}" VM.native_memory summary >"$RESULTS/nmt-$s.txt" 2>&1 || true; done
fi
login_load_stop
stop_all
for s in "${SERVICES[@]}"; do rmdir "${CG[$s]}" 2>/dev/null || true; done
