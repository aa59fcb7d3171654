# A stack of its own for one test or benchmark run, beside any stack of ./dev up: a database with the sample data,
# a Trino instance and a proxy, each on a free port, all removed when the run exits. Sourced after lib.sh.
# Usage: private_stack_up NAME [USERS]   (then TRINO_PORT, PROXY_PORT, AI_PG_DATABASE name its parts)
# With USERS, the proxy knows that many load-generator users, NAME-1..USERS, each with a token of its own, and their
# per-minute limit is raised, since such a user asks far more often than a person; LOAD_TOKENS holds the tokens as
# a JSON array.

private_stack_up() {
    local name="$1"
    export TRINO_INSTANCE="$name-$$"
    export AI_PG_DATABASE="trino_ai_${name//-/_}_$$"
    trap private_stack_down EXIT
    [ -z "${2:-}" ] || load_users "$name" "$2" "$AI_CACHE/run/$TRINO_INSTANCE"
    scripts/postgres.sh create-db "$AI_PG_DATABASE"
    local landing="$AI_CACHE/run/$TRINO_INSTANCE/landing"
    say "loading the sample data into $AI_PG_DATABASE"
    scripts/jobs.sh generate --out "$landing" --as-of "${AI_AS_OF:-$(date -u +%F)}" >/dev/null
    scripts/jobs.sh ingest --once --landing "$landing" >/dev/null
    say "embedding the sample text into pgvector"
    scripts/jobs.sh embed --once >/dev/null
    # the ports are chosen just before they are bound: chosen before the minutes of loading, another run on the
    # machine could take them in between
    export TRINO_PORT; TRINO_PORT="$(free_port 18080 18180)"
    export PROXY_PORT; PROXY_PORT="$(free_port 18190 18290)"
    scripts/trino.sh start
    scripts/proxy.sh start
}

private_stack_down() {
    scripts/proxy.sh stop || true
    scripts/trino.sh stop || true
    rm -rf "$AI_CACHE/run/$TRINO_INSTANCE"
    scripts/postgres.sh drop-db "$AI_PG_DATABASE" || true
}

load_users() {
    local prefix="$1" count="$2" dir="$3" token
    mkdir -p "$dir"
    LOAD_TOKENS="["
    for i in $(seq 1 "$count"); do
        token="$prefix-token-$i-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
        token_line "$token" "$prefix-$i" >>"$dir/tokens.properties"
        LOAD_TOKENS+="\"$token\","
    done
    LOAD_TOKENS="${LOAD_TOKENS%,}]"
    export PROXY_OPTS="${PROXY_OPTS:-} auth.tokens-file=$dir/tokens.properties limits.requests-per-minute=100000"
}
