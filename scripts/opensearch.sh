#!/usr/bin/env bash
# A local OpenSearch 2.19.1 node with the k-NN plugin (Lucene HNSW, no native library), run from Maven Central
# artifacts as a process of its own (module opensearch-node), for ai.retrieval.backend=opensearch and its tests.
# Usage: scripts/opensearch.sh start|stop|status
#   start prints the node's URL once it answers (building the module first if needed); safe to re-run.
#   OPENSEARCH_INSTANCE names the instance (default dev), so the tests' node and the stack's never share data or ports;
#   OPENSEARCH_HEAP sets its heap (default 1g).
source "$(dirname "$0")/lib.sh"
cd "$AI_ROOT"
use_jdk

instance="${OPENSEARCH_INSTANCE:-dev}"
[[ "$instance" =~ ^[a-z0-9-]+$ ]] || die "OPENSEARCH_INSTANCE must be lower-case letters, digits and dashes, not '$instance'"
run_dir="$AI_CACHE/run/opensearch-$instance"
pid_file="$run_dir/pid"
url_file="$run_dir/url"
log_file="$run_dir/node.log"
node_jar="opensearch-node/target/opensearch-node-0.1.0-SNAPSHOT.jar"
# a busy 2-core machine took a minute; five leaves room without hiding a node that never comes up
start_timeout="${OPENSEARCH_START_TIMEOUT:-300}"

running() { [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; }

answers() { [ -s "$url_file" ] && curl -fsS -o /dev/null --max-time 5 "$(cat "$url_file")/_cluster/health"; }

build_node() {
    if [ ! -f "$node_jar" ] || [ ! -d opensearch-node/target/lib ] || [ -n "$(find opensearch-node/src opensearch-node/pom.xml -newer "$node_jar" -print -quit)" ]; then
        say "building the OpenSearch node (opensearch-node, from Maven Central)"
        ./mvnw -B -q -ntp -f opensearch-node/pom.xml package >&2 || die "building opensearch-node failed: is Maven Central reachable?"
    fi
}

start() {
    if running; then
        for _ in $(seq 1 "$start_timeout"); do answers && { cat "$url_file"; return 0; }; running || break; sleep 1; done
        running && die "OpenSearch ($instance, pid $(cat "$pid_file")) runs but does not answer: see $log_file"
    fi
    build_node
    mkdir -p "$run_dir"
    rm -f "$url_file"
    local http transport
    http=$(free_port 9250 9290)
    transport=$(free_port $((http + 100)) $((http + 140)))
    # the runner serves HTTP on base + 1: keep both free
    (echo >"/dev/tcp/127.0.0.1/$((http + 1))") 2>/dev/null && http=$(free_port $((http + 2)) 9290)
    say "starting OpenSearch ($instance) on 127.0.0.1:$((http + 1)), data in $run_dir/data"
    # JDK 25 warns about Unsafe and native access in Netty and Lucene: harmless, and silenced where it can be
    setsid nohup java -Xms"${OPENSEARCH_HEAP:-1g}" -Xmx"${OPENSEARCH_HEAP:-1g}" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
        -cp "$node_jar:opensearch-node/target/lib/*" dev.trinoai.opensearch.OpenSearchNode "$run_dir/data" "$http" "$transport" "$url_file" \
        >"$log_file" 2>&1 </dev/null &
    echo $! >"$pid_file"
    for _ in $(seq 1 "$start_timeout"); do
        if answers; then cat "$url_file"; return 0; fi
        running || { tail -n 30 "$log_file" >&2; die "OpenSearch ($instance) stopped while starting: see $log_file"; }
        sleep 1
    done
    die "OpenSearch ($instance) did not answer within $start_timeout s: see $log_file"
}

stop() {
    if running; then
        local pid
        pid=$(cat "$pid_file")
        say "stopping OpenSearch ($instance, pid $pid)"
        kill "$pid"
        for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
        kill -0 "$pid" 2>/dev/null && { warn "OpenSearch ($instance) did not stop in 60 s: killing it"; kill -9 "$pid"; }
    fi
    rm -f "$pid_file" "$url_file"
}

status() {
    if running && answers; then echo "OpenSearch ($instance) runs at $(cat "$url_file") (pid $(cat "$pid_file"))"
    elif running; then echo "OpenSearch ($instance) is starting or not answering (pid $(cat "$pid_file")): see $log_file"; return 1
    else echo "OpenSearch ($instance) is not running"; return 3
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) die "usage: scripts/opensearch.sh start|stop|status" ;;
esac
