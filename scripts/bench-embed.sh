#!/usr/bin/env bash
# Benchmarks the embed job with the local ONNX model on this machine:
#   1. texts per second: a first embed run over the sample dataset (scale 1) in a fresh database;
#   2. the no-change re-run over the --scale N dataset (default 100): generate, ingest, embed once (long: every text
#      of the dataset goes through the model), then time a second run, which should make no embedding call.
# Each stage has a database of its own (trino_ai_bench_embed_1, trino_ai_bench_embed_N). The large one is kept, so a
# later bench run goes straight to the timed re-run; --fresh starts it over, --small-only skips it.
# Usage: scripts/bench-embed.sh [--scale N] [--fresh] [--small-only]
source "$(dirname "$0")/lib.sh"
cd "$AI_ROOT"

scale=100 fresh="" small_only=""
while [ $# -gt 0 ]; do
    case "$1" in
        --scale) scale="${2:?--scale needs a number}"; shift 2 ;;
        --fresh) fresh=1; shift ;;
        --small-only) small_only=1; shift ;;
        *) die "usage: $0 [--scale N] [--fresh] [--small-only]" ;;
    esac
done

use_jdk
export_database_env writer
scripts/postgres.sh ensure >/dev/null

now() { date +%s.%N; }
# Runs a job against one database; its summary goes to stdout and to the log for the figures.
job() { local db="$1"; shift; AI_POSTGRES_URL="$(jdbc_url "$db")" scripts/jobs.sh "$@"; }

prepare() {
    local db="$1" n="$2" landing="$AI_CACHE/landing/bench-scale-$2"
    scripts/postgres.sh create-db "$db"
    if [ ! -f "$landing/programs.csv" ]; then
        say "generating the scale-$n dataset into $landing"
        scripts/jobs.sh generate --out "$landing" --as-of 2026-11-25 --scale "$n" >/dev/null
    fi
    say "ingesting it into $db"
    job "$db" ingest --once --landing "$landing" | grep -E '^  files:'
}

small=trino_ai_bench_embed_1
scripts/postgres.sh drop-db "$small"
prepare "$small" 1
say "first embed run over the sample (scale 1)"
job "$small" embed --once | tee "$AI_CACHE/bench-embed-1.log"
start=$(now)
job "$small" embed --once > "$AI_CACHE/bench-embed-1-rerun.log"
small_rerun=$(awk "BEGIN { print $(now) - $start }")

if [ -z "$small_only" ]; then
    large="trino_ai_bench_embed_$scale"
    [ -z "$fresh" ] || scripts/postgres.sh drop-db "$large"
    done_before=$(psql -X -At -d postgres -c "select 1 from pg_database where datname = '$large'")
    [ -n "$done_before" ] && done_before=$(psql_db "$large" -At -c "select 1 from ask.embed_run where status = 'succeeded' limit 1" 2>/dev/null || true)
    if [ -z "$done_before" ]; then
        prepare "$large" "$scale"
        say "first embed run over the scale-$scale dataset (every text through the model: this takes a while)"
        job "$large" embed --once | tee "$AI_CACHE/bench-embed-$scale.log"
    fi
    say "no-change re-run over the scale-$scale dataset"
    start=$(now)
    job "$large" embed --once | tee "$AI_CACHE/bench-embed-$scale-rerun.log"
    large_rerun=$(awk "BEGIN { print $(now) - $start }")
fi

echo
echo "figures (this machine: $(nproc) cores):"
grep -E 'texts embedded per second' "$AI_CACHE/bench-embed-1.log" | sed 's/^ */  scale 1 first run: /'
printf '  scale 1 no-change re-run: %.1f s wall clock (JVM start and model load included)\n' "$small_rerun"
grep -E 'chunks:' "$AI_CACHE/bench-embed-1-rerun.log" | sed 's/^ */    /'
if [ -z "$small_only" ]; then
    printf '  scale %s no-change re-run: %.1f s wall clock (JVM start and model load included)\n' "$scale" "$large_rerun"
    grep -E 'chunks:' "$AI_CACHE/bench-embed-$scale-rerun.log" | sed 's/^ */    /'
fi
