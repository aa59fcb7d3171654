#!/usr/bin/env bash
# Both retrieval backends on the same synthetic vectors, in one run: index time, size, recall@10 against exact search,
# p50/p95 latency with and without a filter (bench/BackendBench.java). Writes bench/results/retrieval-backends-*.md.
# Usage: scripts/bench-retrieval.sh [N (default 100000)] [QUERIES (default 100)]
source "$(dirname "$0")/lib.sh"
cd "$AI_ROOT"
use_jdk

n="${1:-100000}"
queries="${2:-100}"
database="trino_ai_bench_backends"
mkdir -p bench/results
out="bench/results/retrieval-backends-$(date -u +%Y%m%dT%H%MZ).md"
lib=embed-job/target/lib
[ -d "$lib" ] || { say "building"; ./mvnw -B -q -ntp -pl embed-job -am package -DskipTests -Dui.skip; }
classpath="$(ls $lib/jackson-*.jar $lib/postgresql-*.jar | tr '\n' ':')"

url=$(OPENSEARCH_INSTANCE=bench scripts/opensearch.sh start)
scripts/postgres.sh create-db "$database" >&2
trap 'scripts/postgres.sh drop-db "$database" >&2 || true; OPENSEARCH_INSTANCE=bench scripts/opensearch.sh stop || true' EXIT
{
    echo "# Retrieval backends, $(date -u +'%Y-%m-%d %H:%M UTC')"
    echo
    echo "command: scripts/bench-retrieval.sh $n $queries; machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "OpenSearch node: ${OPENSEARCH_HEAP:-1g} heap, resident $(ps -o rss= -p "$(cat "$AI_CACHE/run/opensearch-bench/pid")" | awk '{printf "%d MB", $1/1024}') before indexing"
    echo
    java -Xmx2g -cp "$classpath" bench/BackendBench.java "$(jdbc_url "$database")?user=$PGUSER" "$url" "$n" "$queries" 2>&1 | grep -v WARNING
    echo
    echo "OpenSearch node resident after the run: $(ps -o rss= -p "$(cat "$AI_CACHE/run/opensearch-bench/pid")" | awk '{printf "%d MB", $1/1024}'); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out"
say "written to $out"
