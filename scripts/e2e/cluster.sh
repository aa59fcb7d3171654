# The plugin on a real cluster: a coordinator that runs no tasks and two workers (scripts/trino.sh cluster start),
# each a server process of its own with its own plugin state (embedding model, connection pool, answer cache, row
# rules). A subset of the single-server checks, then what only a cluster shows, read per node through the jmx
# catalog. Sourced by scripts/e2e.sh after the single-server checks, with the same database: it uses its check, same,
# psql_db, AS_OF, OVER_BUDGET_SQL and the checks it repeats, and attacks.sh's statement, as_user, login, expect and
# start_blocked_query.

CLUSTER_WORKERS=2
COORDINATOR_NODE="trino-ai-$TRINO_INSTANCE"
JMX_AI='jmx.current."trino.plugin.ai:name=ai,type='
# attacks.sh removed its login files when it finished
mkdir -p "$CURL_AUTH"
chmod 700 "$CURL_AUTH"

# Every program's budget variance this quarter, the over-budget question's SQL without its HAVING.
ALL_PROGRAMS_SQL=${OVER_BUDGET_SQL/HAVING sum(actual_usd) > sum(plan_to_date)/}

# The rows of SQL run as USER at the reference date, one line each, values separated by spaces; the error if it fails.
# Over the client protocol (attacks.sh statement), which starts no JVM as the CLI does.
rows() {
    statement "$HTTPS_URL" "$2" -K "$(login "$1")" -H "X-Trino-Session: ai.reference_date=$AS_OF" | python3 -c '
import json, sys
out = sys.stdin.read()
if not out.startswith("ok "):
    sys.exit(out)
for row in json.loads(out[3:]):
    print(*row)'
}

# The ai counters of every node, one line "node answered misses hits texts" each (misses and hits of the answer
# cache, texts embedded by the model), as admin.
node_counters() {
    rows admin "
        SELECT a.node, CAST(a.\"answered.totalcount\" AS bigint), c.misses, c.hits, CAST(e.\"texts.totalcount\" AS bigint)
        FROM ${JMX_AI}askstats\" a
        JOIN ${JMX_AI}answercachestats\" c ON c.node = a.node
        JOIN ${JMX_AI}embeddingstats\" e ON e.node = a.node
        ORDER BY 1"
}

# Each node's change from BEFORE to AFTER (both from node_counters), as lines "node answered misses hits texts".
node_deltas() {
    join <(echo "$1") <(echo "$2") | awk '{ print $1, $6 - $2, $7 - $3, $8 - $4, $9 - $5 }'
}

# Fails unless the coordinator's COLUMN (2 answered, 3 misses, 4 hits, 5 texts) of DELTAS is 0 and every worker's above 0.
workers_only() {
    local deltas="$1" column="$2" what="$3"
    awk -v c="$column" -v coordinator="$COORDINATOR_NODE" -v workers="$CLUSTER_WORKERS" '
        $1 == coordinator { if ($c != 0) bad = 1; next }
        { seen++; if ($c <= 0) bad = 1 }
        END { exit (bad || seen != workers) }' <<<"$deltas" \
        || { echo "    $what per node (node answered misses hits texts), want 0 on $COORDINATOR_NODE and more on each worker:"; echo "$deltas" | sed 's/^/      /'; return 1; }
}

the_cluster_has_a_coordinator_and_two_workers() {
    local out; out=$(rows admin "
        SELECT count_if(coordinator), count_if(NOT coordinator), count(DISTINCT node_version) FROM system.runtime.nodes WHERE state = 'active'" 2>&1)
    same "$out" "1 $CLUSTER_WORKERS 1"
}

# The scalar function inline, one question a row (worded unlike the other checks', so no worker has it cached):
# GROUP BY spreads the programs over both workers by hash, and each worker asks its share with its own plugin state.
# Remembers each node's misses for the next check.
SPREAD_DELTAS=""
ask_value_inline_is_spread_over_the_workers() {
    local before after got want
    before=$(node_counters)
    got=$(rows analyst "
        SELECT name, format('%.6f', ai.system.ask_value('What is the budget variance % of ' || name || ' this quarter?'))
        FROM pg.star.dim_program GROUP BY name ORDER BY 1" 2>&1)
    after=$(node_counters)
    want=$(psql_db "$AI_PG_DATABASE" -At -c "$ALL_PROGRAMS_SQL")
    same "$got" "$want" || return 1
    SPREAD_DELTAS=$(node_deltas "$before" "$after")
    workers_only "$SPREAD_DELTAS" 3 "answer cache misses" \
        && [ "$(awk '{ sum += $3 } END { print sum }' <<<"$SPREAD_DELTAS")" = "$(wc -l <<<"$want")" ] \
        || { echo "    want one miss per program: $SPREAD_DELTAS"; return 1; }
}

# The same questions again in one task, so on one worker: it finds in its own cache what it answered before, and
# asks afresh what the other worker answered.
each_worker_has_its_own_answer_cache() {
    [ -n "$SPREAD_DELTAS" ] || { echo "    needs the check before it (ask_value inline spread over the workers)"; return 1; }
    local before after deltas worker hits misses before_misses programs
    programs=$(wc -l <<<"$(psql_db "$AI_PG_DATABASE" -At -c "$ALL_PROGRAMS_SQL")")
    before=$(node_counters)
    rows analyst "SELECT count(ai.system.ask_value('What is the budget variance % of ' || name || ' this quarter?')) FROM pg.star.dim_program" >/dev/null 2>&1
    after=$(node_counters)
    deltas=$(node_deltas "$before" "$after")
    read -r worker misses hits < <(awk '$3 + $4 > 0 { print $1, $3, $4 }' <<<"$deltas")
    before_misses=$(awk -v node="$worker" '$1 == node { print $3 }' <<<"$SPREAD_DELTAS")
    [ "$(awk '$3 + $4 > 0' <<<"$deltas" | wc -l)" = 1 ] && [ "$worker" != "$COORDINATOR_NODE" ] \
        && [ "$hits" = "$before_misses" ] && [ "$((hits + misses))" = "$programs" ] && [ "$misses" -gt 0 ] \
        || { echo "    before (per node: answered misses hits texts): $SPREAD_DELTAS"; echo "    again in one task:"; echo "$deltas" | sed 's/^/      /'; return 1; }
}

# Each program's risks, one line "program risk:CODE" each, from PostgreSQL.
program_risks() {
    psql_db "$AI_PG_DATABASE" -At -F ' ' -c "
        SELECT DISTINCT pg.name, 'risk:' || r.risk_code FROM star.fact_risk r
        JOIN star.dim_project pj ON pj.project_key = r.project_key JOIN star.dim_program pg ON pg.program_key = pj.program_key
        ORDER BY 1, 2"
}

# Fails unless every line "program source" of GOT is one of that program's risks, and PROGRAMS programs cite one.
cites_own_risks() {
    local got="$1" programs="$2"
    [ "$(cut -d' ' -f1 <<<"$got" | sort -u | wc -l)" = "$programs" ] \
        && [ -z "$(comm -23 <(sort <<<"$got") <(program_risks | sort))" ] \
        || { echo "    got (program, cited source), want only each program's own risks: $got"; return 1; }
}

# What the risks to each program are, in words with citations: each answer cites that program's risks only, and each
# worker searched with its own embedding model.
ask_text_inline_cites_each_programs_risks_on_every_worker() {
    local before after got
    before=$(node_counters)
    got=$(rows analyst "
        SELECT name, source FROM (
            SELECT name, regexp_extract_all(ai.system.ask_text('What are the main risks to ' || name || ' right now?'), 'risk:R-[0-9]+') AS sources
            FROM pg.star.dim_program GROUP BY name)
        CROSS JOIN UNNEST(sources) s(source) ORDER BY 1, 2" 2>&1)
    after=$(node_counters)
    cites_own_risks "$got" "$(psql_db "$AI_PG_DATABASE" -At -c "SELECT count(DISTINCT name) FROM star.dim_program")" \
        && workers_only "$(node_deltas "$before" "$after")" 5 "texts embedded"
}

# Row rules on a worker through the scalar function: pm_apollo's questions about every program cite Apollo's risks
# only (the names come from PostgreSQL: pm_apollo cannot read pg).
pm_apollo_s_ask_text_cites_apollo_only() {
    local names got
    names=$(psql_db "$AI_PG_DATABASE" -At -c "SELECT string_agg(quote_literal(name), ', ' ORDER BY name) FROM star.dim_program")
    got=$(rows pm_apollo "
        SELECT name, source FROM (
            SELECT name, regexp_extract_all(ai.system.ask_text('What are the main risks to ' || name || ' right now?'), 'risk:R-[0-9]+') AS sources
            FROM (VALUES $names) t(name))
        CROSS JOIN UNNEST(sources) s(source) ORDER BY 1, 2" 2>&1)
    cites_own_risks "$got" 1 && [ "$(cut -d' ' -f1 <<<"$got" | sort -u)" = Apollo ] || { echo "    got: $got"; return 1; }
}

# The rows an ask() query is waiting to send stay on a worker while nobody reads them (attacks.sh start_blocked_query).
BLOCKED_ASK="SELECT a.kind, x.x FROM TABLE(ai.system.ask(question => 'Which programs are over budget this quarter?')) a
    CROSS JOIN UNNEST(sequence(1, 10000)) x(x) CROSS JOIN UNNEST(sequence(1, 10000)) y(y)"

# Polls (up to 90 s) until SQL, run as admin, prints what matches the bash regular expression WANT.
await_admin_sql() {
    local sql="$1" want="$2" got
    for _ in $(seq 1 90); do
        got=$(as_user admin "$sql")
        [[ "$got" =~ $want ]] && return 0
        sleep 1
    done
    echo "    $sql"; echo "    got: $got"; echo "    want: $want"
    return 1
}

# The SQL counting the tasks of query ID in STATES on the workers.
worker_tasks() { echo "SELECT count(*) FROM system.runtime.tasks WHERE query_id = '$1' AND state IN ($2) AND node_id <> '$COORDINATOR_NODE'"; }

# Fails unless the query ID fails with ERROR_CODE and then no task of it runs on any worker.
ends_on_every_worker() {
    local id="$1" error_code="$2"
    await_admin_sql "SELECT state, error_code FROM system.runtime.queries WHERE query_id = '$id'" "\\[\\[\"FAILED\", \"$error_code\"\\]\\]" \
        && await_admin_sql "$(worker_tasks "$id" "'PLANNED', 'RUNNING', 'FLUSHING'")" '^ok \[\[0\]\]$'
}

a_cancelled_ask_ends_on_every_worker() {
    local id
    id=$(start_blocked_query analyst "cancelled-$$" "$BLOCKED_ASK") || { echo "    could not start the query"; return 1; }
    await_admin_sql "$(worker_tasks "$id" "'RUNNING'")" '^ok \[\[[1-9]' \
        && expect "analyst cancels the query" "$(curl -sS --cacert "$CERT" -K "$(login analyst)" -X DELETE -o /dev/null -w '%{http_code}' "$HTTPS_URL/v1/query/$id")" "20" \
        && ends_on_every_worker "$id" USER_CANCELED
}

an_ask_past_its_time_limit_ends_on_every_worker() {
    local id
    id=$(start_blocked_query analyst "timeout-$$" "$BLOCKED_ASK" -H 'X-Trino-Session: query_max_run_time=10s') || { echo "    could not start the query"; return 1; }
    ends_on_every_worker "$id" EXCEEDED_TIME_LIMIT
}

# Over the whole run: the coordinator answered no question (it refuses some at analysis), each worker some.
every_worker_answered_and_the_coordinator_none() {
    workers_only "$(node_counters)" 2 "questions answered since start-up"
}

echo "the same checks on a cluster (a coordinator that runs no tasks, $CLUSTER_WORKERS workers):"
check "cluster: one coordinator and $CLUSTER_WORKERS workers, active, one version" the_cluster_has_a_coordinator_and_two_workers
check "cluster: a cancelled ask() query ends on every worker" a_cancelled_ask_ends_on_every_worker
check "cluster: an ask() query past query_max_run_time fails and ends on every worker" an_ask_past_its_time_limit_ends_on_every_worker
# after the cancel and the timeout: the workers still answer
check "cluster: ask() answers with the numbers PostgreSQL computes" ask_answers_with_the_numbers_of_sql
check "cluster: ask_value() inline over every program, spread over both workers, has PostgreSQL's numbers" ask_value_inline_is_spread_over_the_workers
check "cluster: each worker has its own answer cache" each_worker_has_its_own_answer_cache
check "cluster: ask_text() inline over every program cites its risks, each worker embedding with its own model" ask_text_inline_cites_each_programs_risks_on_every_worker
check "cluster: pm_apollo's ask_numbers() has Apollo only" pm_apollo_asks_and_sees_apollo_only
check "cluster: pm_apollo's ask_text() about every program cites Apollo's risks only" pm_apollo_s_ask_text_cites_apollo_only
check "cluster: every worker answered questions and the coordinator none" every_worker_answered_and_the_coordinator_none
attacks_cleanup
