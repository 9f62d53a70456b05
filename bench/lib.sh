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
  PGOPTIONS="-c client_min_messages=warning" psql -h "${DB_HOST:-127.0.0.1}" -p "${DB_PORT:-5432}" -U "${DB_USER:-postgres}" -q \
    -c "drop database if exists $1 with (force)" -c "create database $1" >/dev/null
}

# management_port PORT: where a service started by start_service on PORT has its /q endpoints.
management_port() { echo $(( $1 + 1000 )); }

. "$ROOT/deploy/jvm/memory.sh"

# module_of JAR: MODULE of MODULE/target/quarkus-app/quarkus-run.jar.
module_of() { basename "$(dirname "$(dirname "$(dirname "$1")")")"; }

# launch_service JAR PORT LOG [VAR=VALUE ...]: starts it in the demo profile, with the JVM settings
# it has everywhere else, and prints its PID at once. JAVA_OPTS: extra JVM flags (a JFR recording,
# an AOT cache); CGROUP: a directory of memory_cgroup that the JVM starts inside.
launch_service() {
  local jar=$1 port=$2 log=$3 memory; shift 3
  memory=$(jvm_memory "$(module_of "$jar")")
  # The subshell joins the cgroup, then becomes the JVM (exec), so the JVM and all its threads are in it.
  ( [ -z "${CGROUP:-}" ] || echo "$BASHPID" >"$CGROUP/cgroup.procs"
    exec env MANAGEMENT_PORT="$(management_port "$port")" "$@" "$JAVA" @"$ROOT/deploy/jvm/service.options" "$memory" \
      ${JAVA_OPTS:-} -Dquarkus.profile=demo -jar "$jar" ) >"$log" 2>&1 &
  echo $!
}

# await_service PID PORT LOG: returns once it is ready (polled every 0.1 s, so start-up times read to
# a tenth of a second); fails when it dies or is not ready within 60 s.
await_service() {
  local pid=$1 port=$2 log=$3
  for _ in $(seq 1 600); do
    if curl -sf "http://127.0.0.1:$(management_port "$port")/q/health/ready" >/dev/null 2>&1; then return 0; fi
    kill -0 "$pid" 2>/dev/null || { echo "service died; see $log" >&2; exit 1; }
    sleep 0.1
  done
  echo "service not ready after 60 s; see $log" >&2; kill "$pid"; exit 1
}

# start_service JAR PORT LOG [VAR=VALUE ...]: launch_service, then prints its PID once ready.
start_service() {
  local pid
  pid=$(launch_service "$@")
  await_service "$pid" "$2" "$3"
  echo "$pid"
}

# memory_cgroup NAME MEGABYTES: a memory cgroup of its own with that hard limit, swap included,
# made afresh (cgroup v2's memory.max, or v1's memory.limit_in_bytes); prints its directory. Needs
# root, or a delegated cgroup tree.
memory_cgroup() {
  local dir bytes=$(( $2 * 1024 * 1024 ))
  if grep -qw memory /sys/fs/cgroup/cgroup.controllers 2>/dev/null; then
    dir=/sys/fs/cgroup/bench-$1
    [ -d "$dir" ] || mkdir "$dir"
    echo "$bytes" >"$dir/memory.max"
    [ ! -f "$dir/memory.swap.max" ] || echo 0 >"$dir/memory.swap.max"
  elif [ -d /sys/fs/cgroup/memory ]; then
    dir=/sys/fs/cgroup/memory/bench-$1
    [ ! -d "$dir" ] || rmdir "$dir"
    mkdir "$dir"
    echo "$bytes" >"$dir/memory.limit_in_bytes"
    [ ! -f "$dir/memory.memsw.limit_in_bytes" ] || echo "$bytes" >"$dir/memory.memsw.limit_in_bytes"
  else
    echo "no cgroup memory controller here (/sys/fs/cgroup)" >&2; return 1
  fi
  echo "$dir"
}

# cgroup_limit DIR MEGABYTES|max: changes the hard limit of a running cgroup (max: none).
cgroup_limit() {
  local dir=$1 value=$2
  if [ -f "$dir/memory.max" ]; then
    [ "$value" = max ] || value=$(( value * 1024 * 1024 ))
    echo "$value" >"$dir/memory.max"
  else
    [ "$value" = max ] && value=-1 || value=$(( value * 1024 * 1024 ))
    # v1: with swap accounted, memsw must stay at least the limit, so raise it first and lower it last.
    if [ -f "$dir/memory.memsw.limit_in_bytes" ] && [ "$value" = -1 ]; then echo -1 >"$dir/memory.memsw.limit_in_bytes"; fi
    echo "$value" >"$dir/memory.limit_in_bytes"
    if [ -f "$dir/memory.memsw.limit_in_bytes" ] && [ "$value" != -1 ]; then echo "$value" >"$dir/memory.memsw.limit_in_bytes"; fi
  fi
}

# cgroup_oom_kills DIR: how many processes the kernel's OOM killer has killed in it.
cgroup_oom_kills() {
  if [ -f "$1/memory.events" ]; then awk '$1 == "oom_kill" {print $2}' "$1/memory.events"
  else awk '$1 == "oom_kill" {print $2}' "$1/memory.oom_control"; fi
}

# rss_mb PID [VmRSS|VmHWM]: its resident memory now, or its peak so far, in MB.
rss_mb() {
  awk -v k="${2:-VmRSS}:" '$1 == k {printf "%.0f", $2 / 1024}' "/proc/$1/status"
}

# cpu_seconds PID: user + system CPU time the process has used so far.
cpu_seconds() {
  awk -v t="$TICKS" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$1/stat"
}

# load PID URL CONNECTIONS SECONDS LUA: runs wrk; prints "rps p50 p99 non2xx cpu_s requests p99.9".
load() {
  local pid=$1 url=$2 conns=$3 secs=$4 lua=$5
  local before after out
  before=$(cpu_seconds "$pid")
  out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$lua" "$url" 2>"$RESULTS/wrk-stderr.txt")
  after=$(cpu_seconds "$pid")
  echo "$out" > "$RESULTS/last-wrk.txt"
  local rps p50 p99 non2xx requests p999
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  p999=$(echo "$out" | awk '$1 == "p99.9" {print $2}')
  echo "$rps $p50 $p99 ${non2xx:-0} $(awk -v a="$after" -v b="$before" 'BEGIN {printf "%.2f", a - b}') $requests ${p999:--}"
}

# stop_services SECONDS PID...: SIGTERM to each, then waits until all have exited (a JVM writing its
# AOT cache at exit takes a while); SIGKILL to what is left after SECONDS.
stop_services() {
  local patience=$1 pid; shift
  kill "$@" 2>/dev/null || true
  for _ in $(seq 1 $(( patience * 10 ))); do
    for pid in "$@"; do kill -0 "$pid" 2>/dev/null && { sleep 0.1; continue 2; }; done
    return 0
  done
  kill -9 "$@" 2>/dev/null || true
}

# aot_supported: whether this JDK has the AOT cache (JEP 483/514, JDK 25 here).
aot_supported() { "$JAVA" -XX:AOTMode=off -version >/dev/null 2>&1; }

DEMO_USERS=(johndoe janesmith alexchen mariagarcia samokafor priyanair)
MOBILE_APP_AUTH="Basic $(printf 'techcorp_employee_portal:super_secret' | base64)"

# password_login TOKEN_URL USER: the mobile app's password grant for a demo user (password secret123); prints the JSON answer.
password_login() {
  curl -s -X POST -H "Authorization: $MOBILE_APP_AUTH" -d "grant_type=password&username=$2&password=secret123" "$1"
}

# refresh_tokens TOKEN_URL FILE COUNT: COUNT fresh refresh tokens, one per line, from logins of the demo users in turn.
refresh_tokens() {
  local url=$1 file=$2 count=$3 i
  : >"$file"
  for i in $(seq 1 "$count"); do
    password_login "$url" "${DEMO_USERS[$(( i % ${#DEMO_USERS[@]} ))]}" | grep -o '"refresh_token":"[^"]*"' | cut -d'"' -f4 >>"$file"
  done
  [ "$(wc -l <"$file")" -eq "$count" ] || { echo "could not log in for refresh tokens: $(password_login "$url" johndoe)" >&2; exit 1; }
}

# login_load_serve TOKEN_URL: starts bench/LoginLoad.java in serve mode; then login_slice
# "CONNECTIONS SECONDS [honour]" prints one slice's result line. One JVM for every slice: started
# per slice, its start-up and the compiling of LoginLoad.java took 10 ms of CPU per login from the
# machine it measures.
login_load_serve() {
  rm -f "$RESULTS/login-load.in" "$RESULTS/login-load.out"
  mkfifo "$RESULTS/login-load.in" "$RESULTS/login-load.out"
  "$JAVA" "$ROOT/bench/LoginLoad.java" "$1" serve <"$RESULTS/login-load.in" >"$RESULTS/login-load.out" 2>/dev/null &
  exec {LOGIN_IN}>"$RESULTS/login-load.in" {LOGIN_OUT}<"$RESULTS/login-load.out"
}
login_slice() { echo "$*" >&"$LOGIN_IN"; local line; read -r line <&"$LOGIN_OUT"; echo "$line"; }
login_load_stop() { exec {LOGIN_IN}>&-; }
