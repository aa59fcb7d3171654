#!/usr/bin/env bash
# End to end in the real Trino 476 server: its own Trino instance on a free port and its own database,
# both removed at the end. Prints "e2e: N passed, N failed".
source "$(dirname "$0")/lib.sh"
cd "$AI_ROOT"

export TRINO_INSTANCE="e2e-$$"
export TRINO_PORT="$(free_port 18080 18180)"
export AI_PG_DATABASE="trino_ai_e2e_$$"

cleanup() {
    scripts/trino.sh stop || true
    rm -rf "$AI_CACHE/run/$TRINO_INSTANCE"
    scripts/postgres.sh drop-db "$AI_PG_DATABASE" || true
}
trap cleanup EXIT

scripts/postgres.sh create-db "$AI_PG_DATABASE"
scripts/trino.sh start

passed=0
failed=0
check() {
    local name="$1"; shift
    if "$@"; then
        passed=$((passed + 1)); printf '  ok    %s\n' "$name"
    else
        failed=$((failed + 1)); printf '  FAIL  %s\n' "$name"
    fi
}

sql() { scripts/trino.sh cli --output-format CSV --execute "$1" 2>&1; }

plugin_bundles_nothing_trino_provides() {
    local provided
    provided=$(ls "$AI_CACHE/run/$TRINO_INSTANCE/plugin/ai" | grep -E '^(trino-spi|slice|jackson-annotations|opentelemetry-api|opentelemetry-context|jol-core)-[0-9]' || true)
    [ -z "$provided" ] || { echo "    bundled by mistake: $provided"; return 1; }
    ls "$AI_CACHE/run/$TRINO_INSTANCE/plugin/ai" | grep -q '^trino-ai-connector-.*\.jar$'
}

ask_is_listed() {
    local out; out=$(sql "SHOW FUNCTIONS FROM ai.system")
    echo "$out" | grep -q '^"ask",.*"table"' || { echo "    got: $out"; return 1; }
}

ask_answers_with_a_notice() {
    local out; out=$(sql "SELECT kind, seq, text FROM TABLE(ai.system.ask(question => 'Which programs are over budget this quarter, and why?'))")
    echo "$out" | grep -q '^"notice","1",".*pgvector 0\.[89]' || { echo "    got: $out"; return 1; }
}

ask_has_the_row_contract() {
    local out; out=$(scripts/trino.sh cli --output-format CSV_HEADER --execute "SELECT * FROM TABLE(ai.system.ask(question => 'How is Apollo doing?')) LIMIT 0" 2>&1)
    [ "$out" = '"kind","seq","text","metric","value","unit","dimensions","source","score"' ] || { echo "    got: $out"; return 1; }
}

empty_question_is_refused() {
    local out; out=$(sql "SELECT * FROM TABLE(ai.system.ask(question => '   '))")
    echo "$out" | grep -q 'The question is empty' || { echo "    got: $out"; return 1; }
}

explain_does_not_answer() {
    local out; out=$(sql "EXPLAIN SELECT * FROM TABLE(ai.system.ask(question => 'How is Apollo doing?'))")
    echo "$out" | grep -q 'TableFunction' || { echo "    got: $out"; return 1; }
}

wrong_jdk_fails_at_once() {
    local old=/usr/lib/jvm/java-17-openjdk-amd64
    [ -x "$old/bin/java" ] || { echo "    (no JDK 17 here to try; skipped)"; return 0; }
    local out; out=$(MAVEN_OPTS= JAVA_HOME="$old" ./mvnw -B -q -ntp -N validate 2>&1 || true)
    echo "$out" | grep -q 'This build needs JDK 25' || { echo "    got: $out"; return 1; }
}

echo "e2e checks against Trino at http://127.0.0.1:$TRINO_PORT (database $AI_PG_DATABASE):"
check "the plugin directory bundles nothing Trino provides" plugin_bundles_nothing_trino_provides
check "SHOW FUNCTIONS FROM ai.system lists ask as a table function" ask_is_listed
check "ask() answers through the real CLI" ask_answers_with_a_notice
check "ask() has the nine columns of the row contract" ask_has_the_row_contract
check "an empty question is refused with a message" empty_question_is_refused
check "EXPLAIN plans ask() without answering it" explain_does_not_answer
check "a build with the wrong JDK fails at once, naming JDK 25" wrong_jdk_fails_at_once
echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
