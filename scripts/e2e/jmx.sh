# The ai catalog's counters read with SQL through the jmx catalog (etc/trino/catalog/jmx.properties) of the real
# Trino 476, after a known mix of questions, and the declines report over the server log those questions were
# logged in. Sourced by scripts/e2e.sh: it uses its check, sql, AS_OF and TRINO_INSTANCE.

JMX_ASK='jmx.current."trino.plugin.ai:name=ai,type=askstats"'
JMX_CACHE='jmx.current."trino.plugin.ai:name=ai,type=answercachestats"'
JMX_LLM='jmx.current."trino.plugin.ai:name=ai,type=llmstats"'

# The counters summed over the nodes, as one line "name=value ...", read as admin.
jmx_counters() {
    scripts/trino.sh cli --user admin --output-format TSV --execute "
        SELECT 'asked=' || CAST(sum(\"asked.totalcount\") AS varchar)
            || ' answered=' || CAST(sum(\"answered.totalcount\") AS varchar)
            || ' verified=' || CAST(sum(\"verifiedanswers.totalcount\") AS varchar)
            || ' declined=' || CAST(sum(\"declined.totalcount\") AS varchar)
            || ' coverage=' || CAST(sum(\"coveragedeclines.totalcount\") AS varchar)
            || ' failed=' || CAST(sum(\"failed.totalcount\") AS varchar)
            || ' invalid=' || CAST(sum(\"failedinvalidquestion.totalcount\") AS varchar)
        FROM $JMX_ASK
        UNION ALL
        SELECT 'hits=' || CAST(sum(hits) AS varchar) || ' misses=' || CAST(sum(misses) AS varchar) FROM $JMX_CACHE" 2>&1 | sort | tr '\n' ' '
}

# Each counter's change from BEFORE to AFTER, as "name=delta ...".
jmx_deltas() {
    local before="$1" after="$2" pair name
    for pair in $after; do
        name=${pair%%=*}
        printf '%s=%s ' "$name" $(( ${pair#*=} - $(tr ' ' '\n' <<<"$before" | sed -n "s/^$name=//p") ))
    done
}

the_counters_are_read_through_the_jmx_catalog() {
    local before after got want
    before=$(jmx_counters)
    grep -q 'asked=[0-9]' <<<"$before" || { echo "    got: $before"; return 1; }
    # the mix: a verified answer, a coverage decline, a write declined, a question refused at analysis, and the same
    # ask_value twice (the second from the answer cache, not a question), with a question no other check asks, so the
    # first is a miss whatever ran before
    sql "SELECT count(*) FROM TABLE(ai.system.ask(question => 'Which programs are over budget this quarter, and why?'))" >/dev/null
    sql "SELECT count(*) FROM TABLE(ai.system.ask(question => 'What is the MTTR of the blockchain team this quarter?'))" >/dev/null
    sql "SELECT count(*) FROM TABLE(ai.system.ask(question => 'Delete the Apollo program'))" >/dev/null
    sql "SELECT count(*) FROM TABLE(ai.system.ask(question => ''))" >/dev/null
    sql "SELECT ai.system.ask_value('budget variance % for Kestrel this quarter')" >/dev/null
    sql "SELECT ai.system.ask_value('budget variance % for Kestrel this quarter')" >/dev/null
    after=$(jmx_counters)
    got=$(jmx_deltas "$before" "$after")
    want="asked=5 answered=2 verified=1 declined=2 coverage=1 failed=1 invalid=1 hits=1 misses=1 "
    [ "$got" = "$want" ] || { echo "    got:  $got"; echo "    want: $want"; echo "    before: $before"; echo "    after:  $after"; return 1; }
}

the_llm_counters_name_the_model() {
    local out; out=$(scripts/trino.sh cli --user admin --output-format CSV --execute "SELECT model, \"calls.totalcount\", estimatedcost FROM $JMX_LLM" 2>&1)
    # the local stack has no language model: none, never called, and no price to estimate a cost at
    [ "$out" = '"none","0",""' ] || { echo "    got: $out"; return 1; }
}

only_admins_read_jmx() {
    local out; out=$(scripts/trino.sh cli --user analyst --output-format CSV --execute "SELECT count(*) FROM $JMX_ASK" 2>&1)
    echo "$out" | grep -q 'Access Denied: Cannot access catalog jmx' || { echo "    got: $out"; return 1; }
}

# The mix above declined a question for a word left over: the shipped catalog logs no question text, so the report
# groups it by kind and metric and says how to see the words.
the_declines_report_reads_the_server_log() {
    local out; out=$(scripts/jobs.sh declines --since today --log "$AI_CACHE/run/$TRINO_INSTANCE/data/var/log/server.log" 2>&1)
    echo "$out" | grep -q '^declines since [0-9-]*: [1-9][0-9]* of [1-9][0-9]* questions$' \
        && echo "$out" | grep -qE '^ +[1-9][0-9]*  coverage decline( of [a-z_, ]+)? \(the words are logged with ai.log.question-text=true\)$' \
        && echo "$out" | grep -qE '^ +[1-9][0-9]*  other decline' || { echo "    got: $out"; return 1; }
}

check "the ai counters through the jmx catalog, exact after a known mix of questions" the_counters_are_read_through_the_jmx_catalog
check "jobs declines reads the declines of the mix from Trino's server log" the_declines_report_reads_the_server_log
check "the language model's counters through jmx name the model and estimate no cost without a price" the_llm_counters_name_the_model
check "only admins read the jmx catalog" only_admins_read_jmx
