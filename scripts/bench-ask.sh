#!/usr/bin/env bash
# Latency of ai.system.ask() inside the real Trino server over every question of the evaluation set:
# each question is asked ROUNDS times (the first round warms up and is discarded), then the server's own
# elapsed time per query is read from system.runtime.queries. Needs the stack of ./dev up (data as of
# the evaluation set's first date: AI_AS_OF=2026-12-07 ./dev up).
# Usage: scripts/bench-ask.sh [ROUNDS]   (default 3)
source "$(dirname "$0")/lib.sh"
cd "$AI_ROOT"

rounds="${1:-3}"
[ "$rounds" -ge 2 ] || die "ROUNDS must be at least 2: the first round is a warm-up"
as_of=$(eval_as_of)
scripts/trino.sh status >/dev/null || die "Trino is not running: start the stack with AI_AS_OF=$as_of ./dev up"

tag="bench-ask-$$"
statements=$(mktemp)
trap 'rm -f "$statements"' EXIT
# The questions as SQL string literals; the tag in each statement finds the queries again.
questions=$(eval_questions_sql)
count=$(echo "$questions" | wc -l)
for round in $(seq 1 "$rounds"); do
    while IFS= read -r question; do
        printf "SELECT count(*), '%s round %d' FROM TABLE(ai.system.ask(question => '%s'));\n" "$tag" "$round" "$question"
    done <<<"$questions"
done >"$statements"

say "asking $count questions $rounds times through the Trino CLI (reference date $as_of)"
scripts/trino.sh cli --session "ai.reference_date=$as_of" --output-format NULL -f "$statements" >/dev/null

scripts/trino.sh cli --output-format ALIGNED --execute "
WITH runs AS (
    SELECT date_diff('millisecond', created, \"end\") AS ms,
           CAST(regexp_extract(query, '$tag round ([0-9]+)', 1) AS integer) AS round
    FROM system.runtime.queries
    WHERE query LIKE '%$tag round%' AND query NOT LIKE '%system.runtime.queries%' AND state = 'FINISHED'
)
SELECT count(*) AS questions,
       approx_percentile(ms, 0.5) AS median_ms,
       approx_percentile(ms, 0.95) AS p95_ms,
       max(ms) AS max_ms
FROM runs
WHERE round > 1"
