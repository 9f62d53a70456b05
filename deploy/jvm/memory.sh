# Sourced by deploy/local/suite and bench/lib.sh (with ROOT set to the repository).
# jvm_memory SERVICE: the service's Kubernetes memory limit (deploy/k8s/base/SERVICE.yaml) as the
# JVM's -XX:MaxRAM, so that outside a container it sizes its heap (deploy/jvm/service.options) as it
# would in its pod; fails when the manifest names no limit.
jvm_memory() {
  local mi
  mi=$(memory_limit_mi "$1") || return 1
  echo "-XX:MaxRAM=${mi}m"
}

# memory_limit_mi SERVICE: that limit in MiB.
memory_limit_mi() {
  local mi
  mi=$(sed -n 's/.*limits:.*memory: *\([0-9]*\)Mi.*/\1/p' "$ROOT/deploy/k8s/base/$1.yaml" | head -n 1)
  [ -n "$mi" ] || { echo "no memory limit in deploy/k8s/base/$1.yaml" >&2; return 1; }
  echo "$mi"
}
