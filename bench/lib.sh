# Shared by the bench scripts: start a service jar, measure its CPU time, run wrk, parse results.
# Loopback only; every run is bounded by its duration.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RESULTS="$ROOT/bench/results"
mkdir -p "$RESULTS"
. "$ROOT/.mvn/find-jdk.sh"
JAVA="$JAVA_HOME/bin/java"
TICKS=$(getconf CLK_TCK)

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "bench needs '$1' (Debian: apt-get install $2)" >&2; exit 1; }
}

# build_jar MODULE: package it unless its runnable jar exists.
build_jar() {
  local jar="$ROOT/$1/target/quarkus-app/quarkus-run.jar"
  if [ ! -f "$jar" ]; then
    (cd "$ROOT" && ./mvnw -B -q -ntp -pl "$1" -am package -DskipTests)
  fi
  echo "$jar"
}

# fresh_database NAME: drop and create it on the local PostgreSQL (so demo migrations run again).
fresh_database() {
  need psql postgresql-client
  psql -h "${DB_HOST:-127.0.0.1}" -p "${DB_PORT:-5432}" -U "${DB_USER:-postgres}" -q \
    -c "drop database if exists $1 with (force)" -c "create database $1" >/dev/null
}

# management_port PORT: where a service started by start_service on PORT has its /q endpoints.
management_port() { echo $(( $1 + 1000 )); }

. "$ROOT/deploy/jvm/memory.sh"

# start_service JAR PORT LOG [VAR=VALUE ...]: starts it in the demo profile, with the JVM settings
# it has everywhere else; prints its PID once ready.
start_service() {
  local jar=$1 port=$2 log=$3 memory; shift 3
  memory=$(jvm_memory "$(basename "$(dirname "$(dirname "$(dirname "$jar")")")")") # MODULE/target/quarkus-app/quarkus-run.jar
  # JAVA_OPTS: extra JVM flags, e.g. a JFR recording to profile the service under load.
  env MANAGEMENT_PORT="$(management_port "$port")" "$@" "$JAVA" @"$ROOT/deploy/jvm/service.options" "$memory" \
    ${JAVA_OPTS:-} -Dquarkus.profile=demo -jar "$jar" >"$log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 120); do
    if curl -sf "http://127.0.0.1:$(management_port "$port")/q/health/ready" >/dev/null 2>&1; then echo "$pid"; return 0; fi
    kill -0 "$pid" 2>/dev/null || { echo "service died; see $log" >&2; exit 1; }
    sleep 0.5
  done
  echo "service not ready after 60 s; see $log" >&2; kill "$pid"; exit 1
}

# cpu_seconds PID: user + system CPU time the process has used so far.
cpu_seconds() {
  awk -v t="$TICKS" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$1/stat"
}

# load PID URL CONNECTIONS SECONDS LUA: runs wrk; prints "rps p50 p99 non2xx cpu_s requests".
load() {
  local pid=$1 url=$2 conns=$3 secs=$4 lua=$5
  local before after out
  before=$(cpu_seconds "$pid")
  out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$lua" "$url" 2>"$RESULTS/wrk-stderr.txt")
  after=$(cpu_seconds "$pid")
  echo "$out" > "$RESULTS/last-wrk.txt"
  local rps p50 p99 non2xx requests
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  echo "$rps $p50 $p99 ${non2xx:-0} $(awk -v a="$after" -v b="$before" 'BEGIN {printf "%.2f", a - b}') $requests"
}
