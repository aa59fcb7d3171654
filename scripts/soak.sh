#!/usr/bin/env bash
# The soak: a stack of its own (database with the sample data, Trino, proxy), then SOAK_USERS (20) users asking
# through the proxy without pause for SOAK_SECONDS (600), on loopback. After the warm-up, every SOAK_SAMPLE_EVERY
# (60) seconds under load, and SOAK_SETTLE (90) seconds after it (longer than Trino keeps finished queries), it
# records both servers' live heap after a full GC (jcmd GC.class_histogram; the histograms are kept beside
# the report), their threads and file descriptors, Trino's connections to PostgreSQL and the proxy's to Trino.
# Fails when a question fails or the load left any of these above where it was.
# Writes the report to test-artifacts/soak.md (SOAK_OUT) and prints it.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/private-stack.sh"
cd "$AI_ROOT"

# One sample as a JSON object; run by soak.mjs with the stack's ports and process ids in the environment.
sample() {
    live_mb() { jcmd "$1" GC.class_histogram | tee "$SOAK_HISTOGRAMS/$2-$(date +%H%M%S).txt" | awk '/^Total/ { printf "%d", $3 / 1048576 }'; }
    threads() { awk '/^Threads:/ { print $2 }' "/proc/$1/status"; }
    fds() { find "/proc/$1/fd" -mindepth 1 -maxdepth 1 | wc -l; }
    # Trino also talks HTTP to itself, so its port's sockets are counted by the process at the other end.
    established() { ss -Htnp state established "( dport = :$1 )" | grep -c "pid=$2," || true; }
    local database
    database=$(psql -X -At -d postgres -c "SELECT count(*) FROM pg_stat_activity WHERE datname = '$AI_PG_DATABASE'")
    printf '{"Trino heap MB": %s, "proxy heap MB": %s, "Trino threads": %s, "proxy threads": %s, "Trino fds": %s, "proxy fds": %s, "PostgreSQL connections": %s, "proxy-to-Trino connections": %s}\n' \
        "$(live_mb "$SOAK_TRINO_PID" trino)" "$(live_mb "$SOAK_PROXY_PID" proxy)" "$(threads "$SOAK_TRINO_PID")" "$(threads "$SOAK_PROXY_PID")" \
        "$(fds "$SOAK_TRINO_PID")" "$(fds "$SOAK_PROXY_PID")" "$database" "$(established "$TRINO_PORT" "$SOAK_PROXY_PID")"
}

if [ "${1:-}" = sample ]; then
    use_jdk
    sample
    exit 0
fi

SOAK_USERS="${SOAK_USERS:-20}"
SOAK_SECONDS="${SOAK_SECONDS:-600}"
SOAK_SAMPLE_EVERY="${SOAK_SAMPLE_EVERY:-60}"
SOAK_SETTLE="${SOAK_SETTLE:-90}"
SOAK_OUT="${SOAK_OUT:-$AI_ROOT/test-artifacts/soak.md}"
command -v node >/dev/null 2>&1 || die "node is missing: install Node.js 20+ (it runs the load generator)"
command -v ss >/dev/null 2>&1 || apt_install iproute2
use_jdk
[ -f sse-proxy/target/sse-proxy-0.1.0-SNAPSHOT.jar ] || { say "building (the proxy jar is missing)"; ./mvnw -B -q -ntp install -DskipTests; }

private_stack_up soak "$SOAK_USERS"
SOAK_TRINO_PID=$(cat "$AI_CACHE/run/$TRINO_INSTANCE/data/var/run/launcher.pid")
SOAK_PROXY_PID=$(cat "$AI_CACHE/run/$TRINO_INSTANCE/proxy/proxy.pid")
SOAK_HISTOGRAMS="${SOAK_OUT%.md}-histograms"
rm -rf "$SOAK_HISTOGRAMS" && mkdir -p "$SOAK_HISTOGRAMS"
export SOAK_TRINO_PID SOAK_PROXY_PID SOAK_HISTOGRAMS TRINO_PORT PROXY_PORT AI_PG_DATABASE
say "soak: $SOAK_USERS users for $SOAK_SECONDS s against http://127.0.0.1:$PROXY_PORT"
set +e
{
    echo "Soak, $(date -u +'%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start; Trino $TRINO_VERSION and the proxy on this machine, load generator on loopback."
    echo
    node scripts/soak.mjs "http://127.0.0.1:$PROXY_PORT" "$LOAD_TOKENS" "$SOAK_SECONDS" "$SOAK_USERS" "$SOAK_SAMPLE_EVERY" "$SOAK_SETTLE" "'$AI_ROOT/scripts/soak.sh' sample"
} | tee "$SOAK_OUT"
status=$?
set -e
say "written to $SOAK_OUT"
exit "$status"
