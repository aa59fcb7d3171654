#!/usr/bin/env bash
# The product's costs side by side with what a user would do without it, in one run (BENCHMARKS.md):
#   1. ask() in the real Trino server against the evaluation set's hand-written SQL run directly in PostgreSQL and
#      through Trino's PostgreSQL connector, per question class, alternating (bench/CompareBench.java);
#   2. top-10 retrieval: HNSW against exact search, recall@10 and latency per hnsw.ef_search, with and without a
#      metadata filter, on the sample's vectors and on a large corpus (bench/retrieval.sql), and the index build time;
#   3. memory: the Trino server's heap after the evaluation set, and the local embedding model's footprint.
# A stack of its own (the seed-42 sample as of the evaluation set's day, embedded); the large corpus is the database
# scripts/bench-embed.sh leaves behind (LARGE_DB, default trino_ai_bench_embed_100), skipped when it is missing.
# The proxy's load figures come from scripts/bench-proxy.sh, the embed job's from scripts/bench-embed.sh.
# Usage: scripts/bench.sh [ROUNDS]   (default 10 measured rounds after 2 warm-up rounds)
# Writes bench/results/bench-<date>.txt and prints it.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/private-stack.sh"
cd "$AI_ROOT"

rounds="${1:-10}"
large_db="${LARGE_DB:-trino_ai_bench_embed_100}"
use_jdk
mkdir -p bench/results
out="bench/results/bench-$(date -u +%Y%m%dT%H%MZ).txt"
[ -f embed-job/target/embed-job-0.1.0-SNAPSHOT.jar ] || { say "building"; ./mvnw -B -q -ntp install -DskipTests; }
jdbc_jar=$(scripts/trino.sh jdbc-jar | tail -n 1)
lib=embed-job/target/lib
classpath="$(ls $lib/jackson-*.jar $lib/snakeyaml-*.jar $lib/postgresql-*.jar | tr '\n' ':')$jdbc_jar"

export AI_AS_OF
AI_AS_OF=$(eval_as_of)
private_stack_up bench-all

{
    echo "# scripts/bench.sh, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')), $(free -g | awk '/Mem:/ {print $2}') GiB RAM, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "software: Trino $TRINO_VERSION, $(java -version 2>&1 | head -n 1), $(psql_db postgres -At -c 'select version()' | cut -d, -f1), pgvector $(psql_db "$AI_PG_DATABASE" -At -c "select extversion from pg_extension where extname = 'vector'")"
    echo
    echo "## 1. ask() against the same question in SQL (ms, wall time to the last row, $rounds rounds after 2 warm-up)"
    TRINO_PASSWORD=$(scripts/trino.sh password bench) java -cp "$classpath" bench/CompareBench.java "$(scripts/trino.sh jdbc-url)" "$(jdbc_url "$AI_PG_DATABASE")" eval/questions.yaml "$AI_AS_OF" "$rounds" 2 2>&1
    echo
    echo "## 2. top-10 retrieval, the sample ($(psql_db "$AI_PG_DATABASE" -At -c 'select count(*) from ask.text_chunk') chunks)"
    psql_db "$AI_PG_DATABASE" -v queries=100 -f bench/retrieval.sql | sed '/^ setseed\|^---------$\|^ *$\|(1 row)/d'
    if psql_db postgres -At -c "select 1 from pg_database where datname = '$large_db'" | grep -q 1; then
        echo
        echo "## 2b. top-10 retrieval, the large corpus $large_db ($(psql_db "$large_db" -At -c 'select count(*) from ask.text_chunk') chunks)"
        psql_db "$large_db" -v queries=100 -f bench/retrieval.sql | sed '/^ setseed\|^---------$\|^ *$\|(1 row)/d'
        # The generated corpus repeats texts (identical vectors), which HNSW graphs handle poorly; the same search
        # over one chunk per distinct text shows what the index does on varied text, and how long it takes to build.
        echo
        echo "## 2c. the same over one chunk per distinct text of $large_db, in a scratch schema"
        psql_db "$large_db" -c 'DROP SCHEMA IF EXISTS bench CASCADE' -c 'CREATE SCHEMA bench' \
            -c 'CREATE TABLE bench.text_chunk AS SELECT DISTINCT ON (text_hash) model_id, source, source_id, chunk, metadata, embedding FROM ask.text_chunk ORDER BY text_hash, source, source_id, chunk' >/dev/null
        echo "chunks: $(psql_db "$large_db" -At -c 'select count(*) from bench.text_chunk')"
        echo "HNSW build (m=16, ef_construction=64, maintenance_work_mem 1GB): $(psql_db "$large_db" -c "SET maintenance_work_mem = '1GB'" -c '\timing on' \
            -c "CREATE INDEX ON bench.text_chunk USING hnsw ((embedding::vector(384)) vector_cosine_ops) WHERE model_id = 'local:all-minilm-l6-v2-q'" | grep -m1 '^Time')"
        sed 's/ask\.text_chunk/bench.text_chunk/g' bench/retrieval.sql | psql_db "$large_db" -v queries=100 | sed '/^ setseed\|^---------$\|^ *$\|(1 row)/d'
        psql_db "$large_db" -c 'DROP SCHEMA bench CASCADE' >/dev/null
    fi
    echo
    echo "## 3. memory"
    scripts/trino.sh cli --session "ai.reference_date=$AI_AS_OF" --output-format NULL \
        -f <(eval_questions_sql | sed "s/.*/SELECT count(*) FROM TABLE(ai.system.ask(question => '&'));/") >/dev/null 2>&1 || true
    trino_pid=$(pgrep -f "$AI_CACHE/run/$TRINO_INSTANCE/" | head -n 1)
    jcmd "$trino_pid" GC.run >/dev/null
    echo "Trino heap after the evaluation set and a full GC: $(jcmd "$trino_pid" GC.heap_info | grep -m1 -o 'used [0-9]*K' | awk '{printf "%d MB", $2/1024}') used"
    java --enable-native-access=ALL-UNNAMED -cp "ask-core/target/classes:$(ls $lib/*.jar | tr '\n' ':')" bench/ModelFootprint.java 2>&1 | grep -v WARNING
} | tee "$out"
say "written to $out"
