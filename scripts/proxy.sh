#!/usr/bin/env bash
# The SSE proxy and chat page (module sse-proxy) in front of the local Trino of scripts/trino.sh, configured by
# etc/proxy/proxy.properties. Like Trino, several instances can run side by side: each has its own port and run
# directory under $AI_CACHE/run/$TRINO_INSTANCE/proxy.
# Usage: scripts/proxy.sh start|stop|restart|status|logs|url|token USER
#   PROXY_PORT (8090), TRINO_PORT (8443), TRINO_INSTANCE (dev), PROXY_CONFIG (etc/proxy/proxy.properties),
#   PROXY_OPTS ("key=value ..." overriding the config file)
# With the default PROXY_CONFIG the proxy reads the development tokens of lib.sh ($AI_CACHE/proxy, random, made on
# first start and printed once; ./dev token USER prints one again): the repository ships no token.
source "$(dirname "$0")/lib.sh"

DEFAULT_CONFIG="$AI_ROOT/etc/proxy/proxy.properties"
TRINO_INSTANCE="${TRINO_INSTANCE:-dev}"
TRINO_PORT="${TRINO_PORT:-8443}"
PROXY_PORT="${PROXY_PORT:-8090}"
PROXY_CONFIG="${PROXY_CONFIG:-$DEFAULT_CONFIG}"
PROXY_OPTS="${PROXY_OPTS:-}"
RUN_DIR="$AI_CACHE/run/$TRINO_INSTANCE/proxy"
PID_FILE="$RUN_DIR/proxy.pid"
LOG_FILE="$RUN_DIR/proxy.log"
PROXY_JAR="$AI_ROOT/sse-proxy/target/sse-proxy-0.1.0-SNAPSHOT.jar"

proxy_url() { echo "http://127.0.0.1:$PROXY_PORT"; }

is_running() { [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; }

start() {
    use_jdk
    [ -f "$PROXY_JAR" ] || die "the proxy is not built: run ./mvnw -DskipTests install (or ./dev up) first"
    if is_running; then
        say "the proxy ($TRINO_INSTANCE) is already running at $(proxy_url)"
        return 0
    fi
    (echo >"/dev/tcp/127.0.0.1/$PROXY_PORT") 2>/dev/null && die "port $PROXY_PORT is taken by another process: stop it, or choose another port with PROXY_PORT=..."
    mkdir -p "$RUN_DIR"
    local tokens=()
    if [ "$PROXY_CONFIG" = "$DEFAULT_CONFIG" ]; then
        ensure_dev_tokens
        tokens=("auth.tokens-file=$DEV_TOKENS_FILE")
    fi
    say "starting the SSE proxy ($TRINO_INSTANCE) at $(proxy_url), in front of Trino at https://127.0.0.1:$TRINO_PORT"
    # the proxy's own Trino login and the certificate of Trino's HTTPS, generated into the cache (scripts/secrets.sh)
    "$AI_ROOT/scripts/secrets.sh" trino >/dev/null
    # conversations are kept in the stack's database, through the proxy's own login (scripts/postgres.sh makes it)
    # shellcheck disable=SC2086 # PROXY_OPTS is a list of key=value words
    # the OpenTelemetry SDK's queues (tracing.*) use sun.misc.Unsafe, which JDK 25 warns about on every start
    nohup java -Xmx512m --sun-misc-unsafe-memory-access=allow -jar "$PROXY_JAR" "$PROXY_CONFIG" "http.port=$PROXY_PORT" "trino.uri=https://127.0.0.1:$TRINO_PORT" \
        "trino.password-file=$(trino_password_file "$TRINO_PROXY_USER")" "trino.truststore=$AI_SECRETS/trino-cert.pem" \
        "chat.postgres.url=${AI_POSTGRES_URL:-$(jdbc_url)}" "chat.postgres.user=$PG_PROXY_LOGIN" "chat.postgres.password-file=$(secret_file "postgres-$PG_PROXY_LOGIN")" \
        "${tokens[@]}" $PROXY_OPTS >>"$LOG_FILE" 2>&1 &
    echo $! >"$PID_FILE"
    for _ in $(seq 1 60); do
        # 200 when Trino answers, 503 while it does not: either way the proxy is up.
        if [[ "$(curl -sS -o /dev/null -w '%{http_code}' "$(proxy_url)/health" 2>/dev/null)" =~ ^(200|503)$ ]]; then
            say "the proxy is up at $(proxy_url) (log: $LOG_FILE)"
            return 0
        fi
        if ! is_running; then
            tail -n 20 "$LOG_FILE" >&2 || true
            die "the proxy exited during start-up; the lines above are the end of $LOG_FILE"
        fi
        sleep 0.5
    done
    die "the proxy did not answer within 30 s; see $LOG_FILE"
}

stop() {
    if is_running; then
        say "stopping the SSE proxy ($TRINO_INSTANCE)"
        local pid; pid=$(cat "$PID_FILE")
        kill "$pid"
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -f "$PID_FILE"
}

status() {
    if is_running; then
        echo "the proxy ($TRINO_INSTANCE) is running at $(proxy_url): $(curl -sS "$(proxy_url)/health" 2>/dev/null || echo 'not answering')"
    else
        echo "the proxy ($TRINO_INSTANCE) is not running"
        return 3
    fi
}

# A new random token for USER, printed once: its digest goes into PROXY_TOKENS (a tokens file of your own), or without
# PROXY_TOKENS into the development tokens (where ./dev token USER finds it again).
token() {
    local user="${1:?usage: scripts/proxy.sh token USER}" token
    [[ "$user" =~ ^[A-Za-z0-9._@-]+$ ]] || die "a user name is letters, digits and . _ @ - only"
    if [ -z "${PROXY_TOKENS:-}" ]; then
        add_dev_token "$user"
        say "added to $DEV_TOKENS_FILE (restart the proxy to use it)"
        return 0
    fi
    token=$(random_token)
    token_line "$token" "$user" >>"$PROXY_TOKENS"
    say "added a token for $user to $PROXY_TOKENS (restart the proxy to use it)"
    echo "$token"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    restart) stop; start ;;
    status) status ;;
    logs) tail -n 200 -f "$LOG_FILE" ;;
    token) shift; token "$@" ;;
    url) ensure_dev_tokens; echo "$(proxy_url)/#token=$(dev_token analyst)" ;;
    *) die "usage: $0 start|stop|restart|status|logs|url|token USER" ;;
esac
