# The attacks of SECURITY.md ("Who may connect, and as whom"), each replayed against the real Trino of scripts/e2e.sh
# with the shipped etc/trino, etc/ai and etc/postgres. Sourced by scripts/e2e.sh after its own checks: it uses its
# check, sql, same, psql_db, TRINO_PORT, AS_OF and AI_PG_DATABASE.

CERT="$AI_SECRETS/trino-cert.pem"
HTTPS_URL="https://127.0.0.1:$TRINO_PORT"
INTERNAL_URL="http://127.0.0.1:$((TRINO_PORT + 1000))"
CURL_AUTH=$(mktemp -d)
chmod 700 "$CURL_AUTH"
attacks_cleanup() { rm -rf "$CURL_AUTH"; }

# A curl config file with USER's credentials (PASSWORD, default the user's real one), so no password is on a command line.
login() {
    local user="$1" file="$CURL_AUTH/$1.${2:+wrong}"
    [ -s "$file" ] || printf 'user = "%s:%s"\n' "$user" "${2:-$(cat "$(trino_password_file "$user")")}" >"$file"
    echo "$file"
}

# Runs SQL over Trino's client protocol at URL with curl ARGS (a -K login, headers); prints "HTTP <code>" when the
# server refuses the request, "<error name>: <message>" when the query fails, or "ok <rows as JSON>".
statement() {
    local url="$1" sql="$2" response code next
    shift 2
    response=$(curl -sS --cacert "$CERT" -w '\n%{http_code}' -X POST "$@" --data "$sql" "$url/v1/statement")
    code=${response##*$'\n'}
    response=${response%$'\n'*}
    [ "$code" = 200 ] || { echo "HTTP $code"; return 0; }
    local data="[]"
    while true; do
        data=$(python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print(json.dumps(json.loads(sys.argv[2]) + r.get("data", [])))' "$response" "$data")
        next=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1]).get("nextUri", ""))' "$response")
        [ -n "$next" ] || break
        response=$(curl -sS --cacert "$CERT" "$@" "$next")
    done
    python3 -c '
import json, sys
r = json.loads(sys.argv[1])
print(r["error"].get("errorName", "") + ": " + r["error"]["message"] if "error" in r else "ok " + sys.argv[2])' "$response" "$data"
}

expect() {
    local what="$1" got="$2" want="$3"
    [[ "$got" == *"$want"* ]] || { echo "    $what: got: $got"; echo "    $what: want: ...$want..."; return 1; }
}

as_user() { local user="$1" sql="$2"; statement "$HTTPS_URL" "$sql" -K "$(login "$user")"; }

# A query of USER that stays running (its output is never read, so it blocks on a full buffer); prints its id.
# SQL (a cross join marked with MARKER by default) and curl ARGS (headers) may be given.
start_blocked_query() {
    local user="$1" marker="$2" response next
    local sql="${3:-SELECT a.x, '$marker' FROM UNNEST(sequence(1, 10000)) a(x) CROSS JOIN UNNEST(sequence(1, 10000)) b(y)}"
    shift $(( $# < 3 ? $# : 3 ))
    response=$(curl -sS --cacert "$CERT" -K "$(login "$user")" -X POST "$@" --data "$sql" "$HTTPS_URL/v1/statement")
    # the query is submitted when its first nextUri is fetched
    next=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["nextUri"])' "$response")
    curl -sS --cacert "$CERT" -K "$(login "$user")" -o /dev/null "$next"
    python3 -c 'import json,sys; print(json.loads(sys.argv[1])["id"])' "$response"
}

# md5 of every table of staging, star and ask, read with COPY by the superuser (the test's own view, not a component's)
data_digest() {
    local table
    psql_db "$AI_PG_DATABASE" -At -c "SELECT schemaname || '.' || tablename FROM pg_tables WHERE schemaname IN ('staging', 'star', 'ask') ORDER BY 1" \
        | while read -r table; do
            printf '%s %s\n' "$table" "$(psql_db "$AI_PG_DATABASE" -c "COPY $table TO STDOUT" | md5sum | cut -c1-32)"
        done
}

unauthenticated_requests_are_refused() {
    expect "no credentials over HTTPS" "$(statement "$HTTPS_URL" "SELECT 1")" "HTTP 401" \
        && expect "no credentials on the internal HTTP port" "$(statement "$INTERNAL_URL" "SELECT 1")" "HTTP 403"
}

a_wrong_password_is_refused() {
    expect "analyst with a wrong password" "$(statement "$HTTPS_URL" "SELECT 1" -K "$(login analyst not-the-password)")" "HTTP 401" || return 1
    local out; out=$(TRINO_PASSWORD=not-the-password java -jar "$(ls "$AI_CACHE"/downloads/trino-cli-*-executable.jar)" --server "$HTTPS_URL" \
        --truststore-path "$CERT" --user analyst --password --execute "SELECT 1" 2>&1)
    expect "the CLI with a wrong password" "$out" "Access Denied"
}

claiming_a_user_without_its_password_is_refused() {
    expect "X-Trino-User: analyst over HTTPS" "$(statement "$HTTPS_URL" "SELECT 1" -H 'X-Trino-User: analyst')" "HTTP 401" \
        && expect "X-Trino-User: analyst on the internal HTTP port" "$(statement "$INTERNAL_URL" "SELECT 1" -H 'X-Trino-User: analyst')" "HTTP 403" \
        && expect "X-Trino-User: admin behind pm_apollo's login" "$(statement "$HTTPS_URL" "SELECT 1" -K "$(login pm_apollo)" -H 'X-Trino-User: admin')" "cannot impersonate user admin"
}

trino_listens_on_loopback_only() {
    local listening; listening=$(ss -Hltn "( sport = :$TRINO_PORT or sport = :$((TRINO_PORT + 1000)) )" | awk '{print $4}' | sort -u)
    [ -n "$listening" ] && ! grep -qvE '^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):' <<<"$listening" || { echo "    listening on: $listening"; return 1; }
}

only_the_proxy_runs_queries_as_another_user() {
    expect "trino-ai-proxy as pm_apollo" "$(statement "$HTTPS_URL" "SELECT current_user" -K "$(login trino-ai-proxy)" -H 'X-Trino-User: pm_apollo')" 'ok [["pm_apollo"]]' \
        && expect "trino-ai-proxy as admin" "$(statement "$HTTPS_URL" "SELECT 1" -K "$(login trino-ai-proxy)" -H 'X-Trino-User: admin')" "cannot impersonate user admin" \
        && expect "analyst as pm_apollo" "$(statement "$HTTPS_URL" "SELECT 1" -K "$(login analyst)" -H 'X-Trino-User: pm_apollo')" "cannot impersonate user pm_apollo"
}

other_users_cannot_read_pg() {
    local user table
    for user in pm_apollo no_ai; do
        for table in pg.star.fact_budget pg.ask.text_chunk; do
            expect "$user reads $table" "$(as_user "$user" "SELECT count(*) FROM $table")" "Access Denied" || return 1
        done
    done
    expect "analyst reads pg.ask.text_chunk" "$(as_user analyst "SELECT count(*) FROM pg.ask.text_chunk")" "Access Denied: Cannot select from table pg.ask.text_chunk" \
        && expect "analyst reads pg.staging.ingest_run" "$(as_user analyst "SELECT count(*) FROM pg.staging.ingest_run")" "Access Denied: Cannot select from table pg.staging.ingest_run"
}

nobody_runs_pg_system_query() {
    local user
    for user in analyst admin pm_apollo; do
        expect "$user runs pg.system.query" "$(as_user "$user" "SELECT * FROM TABLE(pg.system.query(query => 'SELECT pg_read_file(''/etc/passwd'')'))")" "Access Denied" || return 1
    done
}

nobody_writes_pg() {
    local user sql
    for user in analyst admin; do
        for sql in "INSERT INTO pg.star.dim_program SELECT * FROM pg.star.dim_program LIMIT 1" \
                "UPDATE pg.star.fact_budget SET actual_usd = 0" \
                "DELETE FROM pg.star.fact_budget" \
                "CREATE TABLE pg.star.stolen AS SELECT * FROM pg.star.fact_budget" \
                "DROP TABLE pg.star.fact_budget" \
                "TRUNCATE TABLE pg.star.fact_budget"; do
            expect "$user: $sql" "$(as_user "$user" "$sql")" "Access Denied" || return 1
        done
    done
}

# Everyone connected to the database but this check itself is Trino's catalogs (the ai connector's pool): one login,
# in trino_ai_reader, not a superuser.
the_catalog_logins_are_not_superusers() {
    local out; out=$(psql_db "$AI_PG_DATABASE" -At -c "SELECT DISTINCT a.usename || ' super=' || r.rolsuper || ' reader=' || pg_has_role(r.oid, 'trino_ai_reader', 'member')
        FROM pg_stat_activity a JOIN pg_roles r ON r.oid = a.usesysid WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()")
    same "$out" "trino_ai_catalog super=false reader=true"
}

queries_are_private_to_their_user() {
    local id out
    id=$(start_blocked_query pm_apollo "private-marker-$$") || { echo "    could not start pm_apollo's query"; return 1; }
    out=$(as_user analyst "SELECT count(*) FROM system.runtime.queries WHERE query_id = '$id' OR \"user\" <> 'analyst'")
    expect "analyst sees pm_apollo's query" "$out" 'ok [[0]]' || return 1
    expect "pm_apollo sees it" "$(as_user pm_apollo "SELECT count(*) FROM system.runtime.queries WHERE query_id = '$id'")" 'ok [[1]]' || return 1
    expect "admin sees it" "$(as_user admin "SELECT count(*) FROM system.runtime.queries WHERE query_id = '$id'")" 'ok [[1]]' || return 1
    out=$(curl -sS --cacert "$CERT" -K "$(login analyst)" "$HTTPS_URL/v1/query" | grep -c "private-marker-$$" || true)
    expect "analyst's /v1/query lists it" "$out" "0" || return 1
    expect "analyst's GET /v1/query/$id" "$(curl -sS --cacert "$CERT" -K "$(login analyst)" -o /dev/null -w '%{http_code}' "$HTTPS_URL/v1/query/$id")" "403" || return 1
    expect "analyst kills it with CALL" "$(as_user analyst "CALL system.runtime.kill_query(query_id => '$id', message => 'x')")" "Access Denied" || return 1
    expect "analyst's DELETE /v1/query/$id" "$(curl -sS --cacert "$CERT" -K "$(login analyst)" -X DELETE -o /dev/null -w '%{http_code}' "$HTTPS_URL/v1/query/$id")" "403" || return 1
    expect "it still runs" "$(as_user pm_apollo "SELECT state FROM system.runtime.queries WHERE query_id = '$id'")" '"RUNNING"' || return 1
    expect "pm_apollo kills it" "$(curl -sS --cacert "$CERT" -K "$(login pm_apollo)" -X DELETE -o /dev/null -w '%{http_code}' "$HTTPS_URL/v1/query/$id")" "20" || return 1
}

one_user_cannot_flood_trino() {
    local ids=() i out
    for i in $(seq 1 12); do ids+=("$(start_blocked_query bi "flood-$$-$i" 2>/dev/null || echo none)"); done
    # 4 run, 8 wait (etc/trino/resource-groups.json); the 13th is refused
    out=$(as_user bi "SELECT 1")
    for i in "${ids[@]}"; do curl -sS --cacert "$CERT" -K "$(login bi)" -X DELETE -o /dev/null "$HTTPS_URL/v1/query/$i" || true; done
    expect "bi's 13th query" "$out" 'Too many queued queries for "users.bi"'
}

users_cannot_lift_the_limits() {
    expect "analyst sets query_max_execution_time" "$(statement "$HTTPS_URL" "SELECT 1" -K "$(login analyst)" -H 'X-Trino-Session: query_max_execution_time=1d')" \
        "Access Denied: Cannot set system session property query_max_execution_time" \
        && expect "the limit" "$(as_user analyst "SHOW SESSION LIKE 'query_max_execution_time'")" '"5.00m"'
}

the_analyst_still_reads_star_through_pg() {
    local got want
    got=$(as_user analyst "SELECT count(*), CAST(sum(planned_usd) AS varchar) FROM pg.star.fact_budget")
    want=$(psql_db "$AI_PG_DATABASE" -At -c "SELECT count(*), sum(planned_usd)::text FROM star.fact_budget" | awk -F'|' '{printf "ok [[%s, \"%s\"]]", $1, $2}')
    same "$got" "$want"
}

pm_apollo_asks_and_sees_apollo_only() {
    local got
    got=$(scripts/trino.sh cli --user pm_apollo --session "ai.reference_date=$AS_OF" --output-format CSV \
        --execute "SELECT program FROM TABLE(ai.system.ask_numbers(question => 'Budget variance % by program this quarter')) ORDER BY 1" 2>&1)
    same "$got" '"Apollo"'
}

a_user_no_row_rule_names_is_refused() {
    expect "the proxy asking as nobody-known" "$(statement "$HTTPS_URL" "SELECT count(*) FROM TABLE(ai.system.ask(question => 'How is Apollo doing?'))" \
        -K "$(login trino-ai-proxy)" -H 'X-Trino-User: nobody-known')" "AI_ACCESS_DENIED: "
}

echo "attacks (SECURITY.md, \"Who may connect, and as whom\"):"
BEFORE=$(data_digest)
check "Trino listens on 127.0.0.1 only" trino_listens_on_loopback_only
check "a request without credentials is refused (HTTPS and the internal HTTP port)" unauthenticated_requests_are_refused
check "a wrong password is refused (HTTP and the CLI)" a_wrong_password_is_refused
check "X-Trino-User without the password is refused; impersonating admin behind another login too" claiming_a_user_without_its_password_is_refused
check "only trino-ai-proxy runs queries as another user, and never as admin" only_the_proxy_runs_queries_as_another_user
check "pm_apollo and no_ai cannot read pg.star or pg.ask; analyst not pg.ask or pg.staging" other_users_cannot_read_pg
check "nobody runs pg.system.query (pg_read_file)" nobody_runs_pg_system_query
check "nobody writes through pg: INSERT, UPDATE, DELETE, CTAS, DROP, TRUNCATE" nobody_writes_pg
check "another user's query is invisible and cannot be killed; its owner and admin see it" queries_are_private_to_their_user
check "one user's 13th concurrent query is refused (resource groups)" one_user_cannot_flood_trino
check "a user cannot lift query_max_execution_time" users_cannot_lift_the_limits
check "a user no row rule names is refused by ai" a_user_no_row_rule_names_is_refused
check "the analyst still reads pg.star (numbers of PostgreSQL)" the_analyst_still_reads_star_through_pg
check "pm_apollo's ask_numbers() has Apollo only" pm_apollo_asks_and_sees_apollo_only
check "Trino's catalogs log in as trino_ai_catalog, a reader, not a superuser" the_catalog_logins_are_not_superusers
AFTER=$(data_digest)
data_is_unchanged() { [ -n "$BEFORE" ] && [ "$BEFORE" = "$AFTER" ] || { diff <(echo "$BEFORE") <(echo "$AFTER") | sed 's/^/    /'; return 1; }; }
check "staging, star and ask are byte for byte unchanged after the attacks ($(echo "$BEFORE" | wc -l) tables)" data_is_unchanged
attacks_cleanup
