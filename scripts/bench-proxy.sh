#!/usr/bin/env bash
# Load benchmark of the SSE proxy: a stack of its own (database with the sample data, Trino, proxy), then
# 1, 10 and 50 concurrent users (BENCH_USERS) asking for BENCH_SECONDS (20) each, on loopback, through /ask (number
# questions) and /api/chat (conversations of follow-ups, kept in the stack's chat store), BENCH_ENDPOINTS "ask chat" by
# default. Every user has a token of its own and asks one question at a time, so the per-user concurrency limit holds
# as configured.
# Writes the table to test-artifacts/bench-proxy.md (BENCH_OUT) and prints it.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/private-stack.sh"
cd "$AI_ROOT"

BENCH_USERS="${BENCH_USERS:-1 10 50}"
BENCH_SECONDS="${BENCH_SECONDS:-20}"
BENCH_ENDPOINTS="${BENCH_ENDPOINTS:-ask chat}"
BENCH_OUT="${BENCH_OUT:-$AI_ROOT/test-artifacts/bench-proxy.md}"
command -v node >/dev/null 2>&1 || die "node is missing: install Node.js 20+ (it runs the load generator)"
use_jdk
[ -f sse-proxy/target/sse-proxy-0.1.0-SNAPSHOT.jar ] || { say "building (the proxy jar is missing)"; ./mvnw -B -q -ntp install -DskipTests; }

max_users=$(tr ' ' '\n' <<<"$BENCH_USERS" | sort -n | tail -n 1)
private_stack_up bench "$max_users"
say "benchmark: $BENCH_ENDPOINTS, $BENCH_USERS users, $BENCH_SECONDS s each, against http://127.0.0.1:$PROXY_PORT"
mkdir -p "$(dirname "$BENCH_OUT")"
{
    echo "Proxy load benchmark, $(date -u +'%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average at the start $(cut -d' ' -f1-3 /proc/loadavg), $BENCH_SECONDS s per level, Trino $TRINO_VERSION and the proxy on this machine, load generator on loopback."
    echo
    node scripts/bench-proxy.mjs "http://127.0.0.1:$PROXY_PORT" "$LOAD_TOKENS" "$BENCH_SECONDS" "$(tr ' ' ',' <<<"$BENCH_ENDPOINTS")" $BENCH_USERS
    echo
    echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
} | tee "$BENCH_OUT"
say "written to $BENCH_OUT"
