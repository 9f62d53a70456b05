#!/usr/bin/env bash
# auth-service replicas side by side: client_credentials through a round-robin balancer (haproxy,
# TCP, each connection kept on one replica) to 1, 2 and 3 replicas on one PostgreSQL and a Redis
# Cluster (three masters with a replica each), tokens per CPU-second of all replicas together
# against one replica's in the same run: on a machine of 2 cores the point is not more tokens but
# that nothing serializes across replicas (the ratio stays near 100 %). Then a key rotation started
# on one replica while tokens from all three are validated at the data-service: failed validations.
#
#   bench/scale-out.sh            (DURATION=20 CONNECTIONS=16 PACE_MS=40 to change)
#
# Needs wrk, psql, haproxy, redis-server and redis-cli, and PostgreSQL at the usual address.
. "$(dirname "$0")/lib.sh"
need wrk wrk
need haproxy haproxy
need redis-server redis-server
need redis-cli redis-tools
DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-16}
BALANCER_PORT=${BALANCER_PORT:-18000}
PORTS=(18080 18090 18100)
DATA_PORT=18083
PIDS=()
REDIS_DIR=$(mktemp -d)
trap 'kill ${PIDS[*]:-} ${HAPROXY_PID:-} 2>/dev/null || true; for p in $(seq 17001 17006); do redis-cli -p $p shutdown nosave >/dev/null 2>&1 || true; done; rm -rf "$REDIS_DIR"' EXIT

echo "== Redis Cluster (3 masters, 3 replicas)"
hosts=()
for p in $(seq 17001 17006); do
  redis-server --port "$p" --bind 127.0.0.1 --save "" --appendonly no --cluster-enabled yes \
    --cluster-config-file "$REDIS_DIR/nodes-$p.conf" --dir "$REDIS_DIR" --daemonize yes --logfile "$REDIS_DIR/$p.log"
  hosts+=("127.0.0.1:$p")
done
for p in $(seq 17001 17006); do for _ in $(seq 1 50); do redis-cli -p "$p" ping >/dev/null 2>&1 && break; sleep 0.1; done; done
redis-cli --cluster create "${hosts[@]}" --cluster-replicas 1 --cluster-yes >"$RESULTS/redis-cluster.txt"
for _ in $(seq 1 100); do redis-cli -p 17001 cluster info | grep -q cluster_state:ok && break; sleep 0.1; done
REDIS_HOSTS=$(printf 'redis://%s,' "${hosts[@]}"); REDIS_HOSTS=${REDIS_HOSTS%,}

AUTH_JAR=$(build_jar auth-service)
DATA_JAR=$(build_jar data-service)
fresh_database auth_bench
fresh_database data_bench
for i in 0 1 2; do
  PIDS+=("$(start_service "$AUTH_JAR" "${PORTS[$i]}" "$RESULTS/auth-service-$i.log" \
    AUTH_PORT="${PORTS[$i]}" DB_NAME=auth_bench QUARKUS_FLYWAY_CLEAN_AT_START=false \
    QUARKUS_REDIS_CLIENT_TYPE=cluster QUARKUS_REDIS_HOSTS="$REDIS_HOSTS" AUTH_REDIS_REPLICA_ACKS=1 \
    AUTH_REDIS_PREFIX="auth-bench:" AUTH_KEY_PREPUBLICATION=PT3S AUTH_KEY_SYNC_INTERVAL=PT1S \
    AUTH_BOOTSTRAP_ADMIN_SECRET=bench-admin-secret)")
done
DATA_PID=$(start_service "$DATA_JAR" "$DATA_PORT" "$RESULTS/data-service.log" DATA_PORT="$DATA_PORT" DB_NAME=data_bench \
  AUTH_JWKS_URL="http://127.0.0.1:${PORTS[0]}/.well-known/jwks.json" AUTH_EVENTS_URL="http://127.0.0.1:${PORTS[1]}/oauth/security-events")
PIDS+=("$DATA_PID")

# balance N: haproxy in front of the first N replicas, round-robin.
balance() {
  [ -z "${HAPROXY_PID:-}" ] || { kill "$HAPROXY_PID"; wait "$HAPROXY_PID" 2>/dev/null || true; }
  { printf 'defaults\n  mode tcp\n  timeout connect 1s\n  timeout client 60s\n  timeout server 60s\n'
    printf 'frontend tokens\n  bind 127.0.0.1:%s\n  default_backend replicas\nbackend replicas\n  balance roundrobin\n' "$BALANCER_PORT"
    for i in $(seq 0 $(( $1 - 1 ))); do printf '  server r%s 127.0.0.1:%s\n' "$i" "${PORTS[$i]}"; done; } >"$RESULTS/haproxy.cfg"
  haproxy -f "$RESULTS/haproxy.cfg" -db >"$RESULTS/haproxy.log" 2>&1 &
  HAPROXY_PID=$!
  for _ in $(seq 1 50); do curl -s "http://127.0.0.1:$BALANCER_PORT/.well-known/jwks.json" >/dev/null && break; sleep 0.1; done
}
# jwt_kid TOKEN: the kid in its header.
jwt_kid() {
  local h; h=$(echo "$1" | cut -d. -f1 | tr '_-' '/+')
  while [ $(( ${#h} % 4 )) -ne 0 ]; do h="$h="; done
  echo "$h" | base64 -d 2>/dev/null | grep -o '"kid":"[^"]*"' | cut -d'"' -f4
}
mint() { curl -s -H "Authorization: $AUTH" -d "$BODY" "http://127.0.0.1:$1/oauth/token" | grep -o '"access_token":"[^"]*"' | cut -d'"' -f4; }
cpu_of() { local sum=0 i; for i in $(seq 0 $(( $1 - 1 ))); do sum=$(awk -v s="$sum" -v c="$(cpu_seconds "${PIDS[$i]}")" 'BEGIN {print s + c}'); done; echo "$sum"; }

export BODY="grant_type=client_credentials"
export AUTH="Basic $(printf 'report_service_id:super_secret' | base64)"
URL="http://127.0.0.1:$BALANCER_PORT/oauth/token"
{
echo "== client_credentials through the balancer, $CONNECTIONS connections, ${DURATION}s"
printf '%-9s %-10s %-8s %-8s %-7s %-11s %-13s %s\n' replicas tokens/s p50 p99 non2xx replicas-cpu tokens/cpu-s "of 1 replica's"
# Every replica warmed up alike first (the JIT's compiling is CPU the replicas' time would count),
# then 1, 2, 3 replicas and 1 again (the drift of the machine over the run).
balance 3
wrk -t2 -c"$CONNECTIONS" -d"${WARMUP:-45}s" -s "$ROOT/bench/post-form.lua" "$URL" >/dev/null
# measure N [DELAY_MS]: N replicas behind the balancer, saturated or paced (each connection
# DELAY_MS apart: the same offered load for every N, none of the replicas saturated).
measure() {
  local n=$1 out rps requests p50 p99 non2xx per_cpu c0 c1
  balance "$n"
  DELAY_MS=${2:-} wrk -t2 -c"$CONNECTIONS" -d5s -s "$ROOT/bench/post-form.lua" "$URL" >/dev/null
  c0=$(cpu_of "$n")
  out=$(DELAY_MS=${2:-} wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$ROOT/bench/post-form.lua" "$URL")
  c1=$(cpu_of "$n")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}'); requests=$(echo "$out" | awk '/requests in/ {print $1}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}'); p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  per_cpu=$(awk -v r="$requests" -v a="$c1" -v b="$c0" 'BEGIN {printf "%.0f", r / (a - b)}')
  base=${base:-$per_cpu}
  printf '%-9s %-10s %-8s %-8s %-7s %-11s %-13s %s\n' "$n${2:+ paced}" "$rps" "$p50" "$p99" "${non2xx:-0}" \
    "$(awk -v a="$c1" -v b="$c0" 'BEGIN {printf "%.1fs", a - b}')" "$per_cpu" "$(awk -v p="$per_cpu" -v b="$base" 'BEGIN {printf "%.0f%%", 100 * p / b}')"
}
base=""
for n in 1 2 3 1; do measure "$n"; done
# Paced to about 40 % of one replica's saturated rate, the same for every N.
echo "-- paced: each of $CONNECTIONS connections ${PACE_MS:-40} ms apart"
base=""
for n in 1 2 3 1; do measure "$n" "${PACE_MS:-40}"; done

echo "== a key rotation on replica 2 while tokens from all three are validated at the data-service"
admin=$(curl -s -u bootstrap-admin:bench-admin-secret -d grant_type=client_credentials "http://127.0.0.1:${PORTS[0]}/oauth/token" \
  | grep -o '"access_token":"[^"]*"' | cut -d'"' -f4)
kid_before=$(jwt_kid "$(mint "${PORTS[0]}")")
ok=0; failed=0
end=$(( $(date +%s) + 15 ))
i=0
while [ "$(date +%s)" -lt "$end" ]; do
  i=$(( i + 1 ))
  if [ "$i" -eq 20 ]; then
    curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $admin" "http://127.0.0.1:${PORTS[1]}/admin/keys/rotate" >"$RESULTS/rotate.status"
  fi
  port=${PORTS[$(( i % 3 ))]}
  token=$(mint "$port")
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "http://127.0.0.1:$DATA_PORT/data")
  if [ "$status" = 200 ]; then ok=$(( ok + 1 )); else failed=$(( failed + 1 )); fi
done
kids=$(for p in "${PORTS[@]}"; do jwt_kid "$(mint "$p")"; done | sort -u | tr '\n' ' ')
echo "rotate answered $(cat "$RESULTS/rotate.status"); validations: $ok ok, $failed failed; signing now: $kids(before: $kid_before)"
} | tee "$RESULTS/scale-out.txt"
