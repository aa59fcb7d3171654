#!/usr/bin/env bash
# The real Trino 476 server and CLI from Maven Central, with this project's plugin, run from etc/trino.
# Several instances can run side by side (the dev stack and a test run): each has its own data and plugin
# directories under $AI_CACHE/run/$TRINO_INSTANCE and its own port.
# Clients use HTTPS on TRINO_PORT (8443) with a password (scripts/secrets.sh generates both into $AI_CACHE/secrets);
# Trino talks to itself over plain HTTP on TRINO_INTERNAL_PORT (TRINO_PORT + 1000); both on 127.0.0.1 only.
# Usage: scripts/trino.sh install|start|stop|restart|status|logs|cli [--user NAME] [CLI args...]|jdbc-jar|jdbc-url|url
#   cli runs as analyst unless --user names another user of the local stack ($TRINO_DEV_USERS in lib.sh).
source "$(dirname "$0")/lib.sh"

TRINO_INSTANCE="${TRINO_INSTANCE:-dev}"
TRINO_PORT="${TRINO_PORT:-8443}"
TRINO_INTERNAL_PORT="${TRINO_INTERNAL_PORT:-$((TRINO_PORT + 1000))}"
# the user of the readiness probe; the row rules of etc/ai/access-rules.yaml admit it
PROBE_USER=analyst
TRINO_HOME="$AI_CACHE/trino-server-core-$TRINO_VERSION"
RUN_DIR="$AI_CACHE/run/$TRINO_INSTANCE"
PLUGIN_BUILD="$AI_ROOT/trino-ai-connector/target/trino-ai-connector-0.1.0-SNAPSHOT"
EXTRA_PLUGINS="$AI_CACHE/trino-plugins-$TRINO_VERSION"
# Trino's PostgreSQL connector for the pg catalog, the geospatial plugin whose geometry type it needs at start,
# and the JMX connector for the jmx catalog (the plugin's counters, docs/observability.md)
EXTRA_PLUGIN_NAMES="postgresql geospatial jmx"
# from trino-server-core itself: the file password authenticator and group provider, the file resource group manager
CORE_PLUGIN_NAMES="password-authenticators resource-group-managers"

install_server() {
    if [ ! -x "$TRINO_HOME/bin/launcher" ]; then
        local tarball
        tarball=$(fetch_central "io/trino/trino-server-core/$TRINO_VERSION/trino-server-core-$TRINO_VERSION.tar.gz")
        say "unpacking Trino $TRINO_VERSION into $TRINO_HOME"
        tar -xzf "$tarball" -C "$AI_CACHE"
    fi
    CLI_JAR=$(fetch_central "io/trino/trino-cli/$TRINO_VERSION/trino-cli-$TRINO_VERSION-executable.jar")
    install_extra_plugins
}

# trino-server-core has no connectors. Maven Central publishes Trino's own plugins for 476 only inside the full
# server tarball (821 MB): it is downloaded once and checked, the plugins of $EXTRA_PLUGIN_NAMES are kept in
# $EXTRA_PLUGINS, and the tarball is deleted. A cache made before a plugin joined the list is made again.
install_extra_plugins() {
    local tarball unpacked name
    if [ -f "$EXTRA_PLUGINS/.complete" ]; then
        for name in $EXTRA_PLUGIN_NAMES; do [ -d "$EXTRA_PLUGINS/$name" ] || break; done
        [ -d "$EXTRA_PLUGINS/$name" ] && return 0
    fi
    tarball=$(fetch_central "io/trino/trino-server/$TRINO_VERSION/trino-server-$TRINO_VERSION.tar.gz")
    unpacked=$(mktemp -d "$AI_CACHE/trino-plugins.XXXXXX")
    say "unpacking Trino's $EXTRA_PLUGIN_NAMES plugins into $EXTRA_PLUGINS"
    # the whole tarball: a plugin's jars are hard links to files in lib/ and other plugins
    tar -xzf "$tarball" -C "$unpacked"
    rm -rf "$EXTRA_PLUGINS"
    mkdir -p "$EXTRA_PLUGINS"
    for name in $EXTRA_PLUGIN_NAMES; do
        mv "$unpacked/trino-server-$TRINO_VERSION/plugin/$name" "$EXTRA_PLUGINS/$name"
    done
    touch "$EXTRA_PLUGINS/.complete"
    rm -rf "$unpacked" "$tarball"
}

install_plugin() {
    [ -d "$PLUGIN_BUILD" ] || die "the plugin is not built: run ./mvnw -DskipTests install (or ./dev up) first"
    mkdir -p "$RUN_DIR/plugin"
    rm -rf "$RUN_DIR/plugin/ai"
    cp -r "$PLUGIN_BUILD" "$RUN_DIR/plugin/ai"
    local name
    for name in $EXTRA_PLUGIN_NAMES; do
        rm -rf "$RUN_DIR/plugin/$name"
        cp -r "$EXTRA_PLUGINS/$name" "$RUN_DIR/plugin/$name"
    done
    for name in $CORE_PLUGIN_NAMES; do
        [ -d "$TRINO_HOME/plugin/$name" ] || die "trino-server-core $TRINO_VERSION has no plugin/$name"
        rm -rf "$RUN_DIR/plugin/$name"
        cp -r "$TRINO_HOME/plugin/$name" "$RUN_DIR/plugin/$name"
    done
}

server_url() { echo "https://127.0.0.1:$TRINO_PORT"; }
internal_url() { echo "http://127.0.0.1:$TRINO_INTERNAL_PORT"; }

is_running() { curl -fsS -o /dev/null "$(internal_url)/v1/info" 2>/dev/null; }

# The certificate clients trust: Trino's self-signed one (scripts/secrets.sh).
CERT="$AI_SECRETS/trino-cert.pem"

# /v1/info says "started" before the node has announced itself and its catalogs to the scheduler; only a
# query that runs a split of the ai catalog proves that it takes queries ("No nodes available" until then).
# The probe logs in as $PROBE_USER with its password (curl reads it from a config file, not the command line).
answers_queries() {
    local response next auth
    auth="user = \"$PROBE_USER:$(cat "$(trino_password_file "$PROBE_USER")")\""
    response=$(curl -fsS --cacert "$CERT" -K - -X POST \
        --data "SELECT count(*) FROM TABLE(ai.system.ask(question => 'readiness probe'))" "$(server_url)/v1/statement" 2>/dev/null <<<"$auth") || return 1
    while next=$(sed -n 's/.*"nextUri":"\([^"]*\)".*/\1/p' <<<"$response"); [ -n "$next" ]; do
        response=$(curl -fsS --cacert "$CERT" -K - "$next" 2>/dev/null <<<"$auth") || return 1
    done
    ! grep -q '"error"' <<<"$response"
}

launcher() {
    "$TRINO_HOME/bin/launcher" \
        -etc-dir "$AI_ROOT/etc/trino" \
        -data-dir "$RUN_DIR/data" \
        -jvm-dir "$JAVA_HOME" \
        -D "plugin.dir=$RUN_DIR/plugin" \
        -D "http-server.https.port=$TRINO_PORT" \
        -D "http-server.http.port=$TRINO_INTERNAL_PORT" \
        -D "discovery.uri=$(internal_url)" \
        -D "node.id=trino-ai-$TRINO_INSTANCE" \
        "$@"
}

start() {
    use_jdk
    install_server
    if launcher status >/dev/null 2>&1; then
        say "Trino ($TRINO_INSTANCE) is already running at $(server_url); restart it to load a new plugin build"
        return 0
    fi
    if is_running || (echo >"/dev/tcp/127.0.0.1/$TRINO_PORT") 2>/dev/null || (echo >"/dev/tcp/127.0.0.1/$TRINO_INTERNAL_PORT") 2>/dev/null; then
        die "port $TRINO_PORT or $TRINO_INTERNAL_PORT is taken by another process (another Trino?): stop it, or choose another port with TRINO_PORT=..."
    fi
    install_plugin
    export_database_env reader
    "$AI_ROOT/scripts/secrets.sh" trino >/dev/null
    export AI_TRINO_ETC="$AI_ROOT/etc/trino"
    export AI_TRINO_PASSWORD_FILE="$AI_SECRETS/trino-password.db"
    export AI_TRINO_KEYSTORE="$AI_SECRETS/trino-keystore.p12"
    AI_TRINO_KEYSTORE_PASSWORD=$(secret trino-keystore-password)
    AI_TRINO_SHARED_SECRET=$(secret trino-shared-secret)
    export AI_TRINO_KEYSTORE_PASSWORD AI_TRINO_SHARED_SECRET
    mkdir -p "$RUN_DIR/data"
    say "starting Trino $TRINO_VERSION ($TRINO_INSTANCE) at $(server_url)"
    launcher start >/dev/null
    local log="$RUN_DIR/data/var/log/server.log"
    for _ in $(seq 1 180); do
        if answers_queries; then
            say "Trino is up at $(server_url) (log: $log)"
            return 0
        fi
        if ! launcher status >/dev/null 2>&1; then
            tail -n 40 "$log" >&2 2>/dev/null || true
            die "Trino exited during start-up; the lines above are the end of $log"
        fi
        sleep 1
    done
    tail -n 40 "$log" >&2 2>/dev/null || true
    die "Trino did not finish starting within 180 s; see $log"
}

stop() {
    [ -x "$TRINO_HOME/bin/launcher" ] || return 0
    use_jdk
    if launcher status >/dev/null 2>&1; then
        say "stopping Trino ($TRINO_INSTANCE)"
        launcher stop >/dev/null
    fi
}

status() {
    use_jdk
    if [ -x "$TRINO_HOME/bin/launcher" ] && launcher status >/dev/null 2>&1; then
        echo "Trino ($TRINO_INSTANCE) running at $(server_url): $(curl -fsS --cacert "$CERT" "$(server_url)/v1/info" 2>/dev/null || echo 'not answering yet')"
    else
        echo "Trino ($TRINO_INSTANCE) not running"
        return 3
    fi
}

# The CLI as --user NAME (default analyst) with that user's generated password, over HTTPS.
cli() {
    local user=analyst args=()
    while [ $# -gt 0 ]; do
        case "$1" in
            --user) user="${2:?--user needs a name}"; shift 2 ;;
            --user=*) user="${1#--user=}"; shift ;;
            *) args+=("$1"); shift ;;
        esac
    done
    local password_file
    password_file=$(trino_password_file "$user") || exit 1
    use_jdk
    install_server
    "$AI_ROOT/scripts/secrets.sh" trino >/dev/null
    TRINO_PASSWORD=$(cat "$password_file") \
        java --enable-native-access=ALL-UNNAMED -Dorg.jline.terminal.dumb=true -jar "$CLI_JAR" --server "$(server_url)" \
        --truststore-path "$CERT" --user "$user" --password --catalog ai --schema system "${args[@]}"
}

# The JDBC URL of this instance; the driver takes the user and password as connection properties.
jdbc_url_trino() { echo "jdbc:trino://127.0.0.1:$TRINO_PORT/ai/system?SSL=true&SSLTrustStorePath=$CERT"; }

case "${1:-}" in
    install) use_jdk; install_server; install_plugin ;;
    jdbc-jar) fetch_central "io/trino/trino-jdbc/$TRINO_VERSION/trino-jdbc-$TRINO_VERSION.jar" ;;
    jdbc-url) "$AI_ROOT/scripts/secrets.sh" trino >/dev/null; jdbc_url_trino ;;
    url) server_url ;;
    password) file=$(trino_password_file "${2:-analyst}") || exit 1; "$AI_ROOT/scripts/secrets.sh" trino >/dev/null; cat "$file" ;;
    start) start ;;
    stop) stop ;;
    restart) stop; start ;;
    status) status ;;
    logs) tail -n 200 -f "$RUN_DIR/data/var/log/server.log" ;;
    cli) shift; cli "$@" ;;
    *) die "usage: $0 install|start|stop|restart|status|logs|cli [--user NAME] [CLI args...]|jdbc-jar|jdbc-url|url|password [USER]" ;;
esac
