#!/usr/bin/env bash
# The eval parts of the real datasets (eval/jira.yaml, eval/postmortems.yaml) against ../shared/datasets loaded as
# ./dev ingest-shared loads them, into a database of its own (removed at the end), with every domain of the catalog
# (AI_SEMANTIC_MODEL as scripts/lib.sh sets it, and AI_SEMANTIC_DOMAINS, etc/ai/models unless set). Prints one summary per set; fails on any
# wrong number or any must-decline question answered with a number.
# Usage: scripts/eval-shared.sh [--show-failures]
# the real datasets' domains, whatever the local stack serves
export AI_SEMANTIC_DOMAINS="${AI_SEMANTIC_DOMAINS:-$(cd "$(dirname "$0")/.." && pwd)/etc/ai/models}"
source "$(dirname "$0")/lib.sh"
cd "$AI_ROOT"

SETS=(eval/jira.yaml eval/postmortems.yaml)
datasets="$AI_ROOT/../shared/datasets"
[ -d "$datasets" ] || die "no shared datasets at $datasets"
set_dates() { sed -n 's/^dates: *\[\(.*\)\]/\1/p' "$1" | tr -d ' ' | tr ',' '\n'; }

export AI_PG_DATABASE="trino_ai_eval_shared_$$"
trap 'scripts/postgres.sh drop-db "$AI_PG_DATABASE" >/dev/null 2>&1 || true' EXIT
scripts/postgres.sh create-db "$AI_PG_DATABASE" >/dev/null
scripts/jobs.sh ingest --once --landing "$datasets" >/dev/null
scripts/jobs.sh embed --once >/dev/null

failed=0
for file in "${SETS[@]}"; do
    for day in $(set_dates "$file"); do
        printf '%s as of %s:\n' "$file" "$day"
        out=$(scripts/jobs.sh eval --questions "$file" --as-of "$day" 2>&1) || failed=1
        if [ "${1:-}" = --show-failures ]; then
            echo "$out" | grep -v '^SLF4J' | sed -n '/^FAIL/,/^as of:/p' | grep -v '^ *|' | grep -v '^as of:' | sed 's/^/    /'
        fi
        echo "$out" | sed -n '/^as of:/,$p' | sed 's/^/    /'
        declined=$(echo "$out" | sed -n 's/^must-decline declined: \([0-9]*\) of \([0-9]*\)$/\1 \2/p')
        [ -n "$declined" ] && [ "${declined% *}" = "${declined#* }" ] || failed=1
    done
done
exit "$failed"
