# Sourced by ./mvnw and the suite scripts: the project compiles for Java 21, and the
# machine's default java may be older. Picks, in order: $JAVA_HOME if it is a JDK 21+,
# the `java` on PATH if it is 21+, else the newest JDK 21+ under /usr/lib/jvm
# (or /Library/Java/JavaVirtualMachines on macOS). Fails with a clear message otherwise.
_jdk_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
_jdk_ok() { [ -x "$1/bin/javac" ] && [ "$(_jdk_major "$1")" -ge 21 ] 2>/dev/null; }

if [ -n "${JAVA_HOME:-}" ] && _jdk_ok "$JAVA_HOME"; then
  :
else
  _candidate=""
  _on_path=$(command -v javac 2>/dev/null || true)
  if [ -n "$_on_path" ]; then
    _on_path=$(dirname "$(dirname "$(readlink -f "$_on_path")")")
    _jdk_ok "$_on_path" && _candidate="$_on_path"
  fi
  if [ -z "$_candidate" ]; then
    case $- in *f*) _noglob=1; set +f ;; *) _noglob= ;; esac
    for _dir in $(ls -d /usr/lib/jvm/*/ /Library/Java/JavaVirtualMachines/*/Contents/Home/ 2>/dev/null); do
      _dir=${_dir%/}
      if _jdk_ok "$_dir"; then
        if [ -z "$_candidate" ] || [ "$(_jdk_major "$_dir")" -gt "$(_jdk_major "$_candidate")" ]; then
          _candidate="$_dir"
        fi
      fi
    done
    [ -n "$_noglob" ] && set -f
  fi
  if [ -z "$_candidate" ]; then
    echo "error: this project needs a JDK 21 or newer, and none was found" >&2
    echo "       (looked at JAVA_HOME, the javac on PATH and /usr/lib/jvm)." >&2
    echo "       Install one, e.g. 'apt-get install openjdk-21-jdk-headless' or Temurin 21/25," >&2
    echo "       or point JAVA_HOME at it." >&2
    exit 1
  fi
  JAVA_HOME="$_candidate"
  export JAVA_HOME
fi
unset -f _jdk_major _jdk_ok
