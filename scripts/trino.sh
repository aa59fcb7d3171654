#!/usr/bin/env bash
# The real Trino 476 server and CLI from Maven Central, with this project's plugin, run from etc/trino.
# Several instances can run side by side (the dev stack and a test run): each has its own data and plugin
# directories under $AI_CACHE/run/$TRINO_INSTANCE and its own port.
# Clients use HTTPS on TRINO_PORT (8443) with a password (scripts/secrets.sh generates both into $AI_CACHE/secrets);
# Trino talks to itself over plain HTTP on TRINO_INTERNAL_PORT (TRINO_PORT + 1000); both on 127.0.0.1 only.
# `cluster start|restart|status` runs the same instance as a coordinator and TRINO_WORKERS (default 2) workers, each a
# server process of its own from the same tarball, with its own data directory and internal port, the same plugin,
# catalogs and secrets, and a small heap (docs/cluster.md). The coordinator schedules no splits on itself, so ask()
# and the scalar functions run on the workers. `stop` stops every node of the instance.
# Usage: scripts/trino.sh install|start|stop|restart|status|logs|cli [--user NAME] [CLI args...]|jdbc-jar|jdbc-url|url
#        scripts/trino.sh cluster start|stop|restart|status
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

# The workers of a cluster, each with its data directory $RUN_DIR/worker-N/data.
TRINO_WORKERS="${TRINO_WORKERS:-2}"
worker_dirs() { compgen -G "$RUN_DIR/worker-*" | sort || true; }
# Heaps of a cluster's nodes, small enough for three JVMs beside other work on a shared machine; each node's memory
# limits (etc/trino/worker.properties and CLUSTER_COORDINATOR) fit inside its heap.
TRINO_COORDINATOR_HEAP="${TRINO_COORDINATOR_HEAP:-1G}"
TRINO_WORKER_HEAP="${TRINO_WORKER_HEAP:-1536M}"
# A cluster's coordinator plans and serves clients but runs no task of a query itself.
CLUSTER_COORDINATOR=(-J "-Xmx$TRINO_COORDINATOR_HEAP"
    -D node-scheduler.include-coordinator=false
    -D query.max-memory-per-node=512MB
    -D memory.heap-headroom-per-node=256MB)

# The coordinator (or single node), with its data directory $RUN_DIR/data.
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

# The worker of DIR: etc/trino with the workers' config file, the instance's plugin directory, its own data directory
# and node id, an internal port the system chooses (announced to the coordinator, so no two instances race for one).
worker_launcher() {
    local dir="$1"; shift
    "$TRINO_HOME/bin/launcher" \
        -etc-dir "$AI_ROOT/etc/trino" \
        -config "$AI_ROOT/etc/trino/worker.properties" \
        -data-dir "$dir/data" \
        -jvm-dir "$JAVA_HOME" \
        -J "-Xmx$TRINO_WORKER_HEAP" \
        -D "plugin.dir=$RUN_DIR/plugin" \
        -D "discovery.uri=$(internal_url)" \
        -D "node.id=trino-ai-$TRINO_INSTANCE-$(basename "$dir")" \
        "$@"
}

# Runs SQL as $PROBE_USER over the client protocol (curl reads the password from a config file, not the command
# line); prints the single number of a one-number result, nothing for any other, and fails on an error.
probe() {
    local response next auth number=""
    auth="user = \"$PROBE_USER:$(cat "$(trino_password_file "$PROBE_USER")")\""
    response=$(curl -fsS --cacert "$CERT" -K - -X POST --data "$1" "$(server_url)/v1/statement" 2>/dev/null <<<"$auth") || return 1
    while true; do
        number+=$(sed -n 's/.*"data":\[\[\([0-9]*\)\]\].*/\1/p' <<<"$response")
        next=$(sed -n 's/.*"nextUri":"\([^"]*\)".*/\1/p' <<<"$response")
        [ -n "$next" ] || break
        response=$(curl -fsS --cacert "$CERT" -K - "$next" 2>/dev/null <<<"$auth") || return 1
    done
    ! grep -q '"error"' <<<"$response" && echo "$number"
}

# /v1/info says "started" before a node has announced itself and its catalogs to the scheduler: the instance takes
# queries when the coordinator sees all WORKERS workers active and a query that runs a split of the ai catalog
# succeeds ("No nodes available" until then).
answers_queries() {
    local workers="$1"
    [ "$(probe "SELECT count(*) FROM system.runtime.nodes WHERE NOT coordinator AND state = 'active'")" = "$workers" ] \
        && probe "SELECT count(*) FROM TABLE(ai.system.ask(question => 'readiness probe'))" >/dev/null
}

# Fails, with the end of its log, when the node of LAUNCHER (launcher or "worker_launcher DIR") and DIR has exited.
node_alive() {
    local dir="$1"; shift
    "$@" status >/dev/null 2>&1 && return 0
    tail -n 40 "$dir/data/var/log/server.log" >&2 2>/dev/null || true
    die "a Trino node exited during start-up; the lines above are the end of $dir/data/var/log/server.log"
}

# Starts the instance: a single node when WORKERS is 0, else a coordinator that runs no tasks and WORKERS workers.
start() {
    local workers="$1" dir i
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
    local coordinator=()
    if [ "$workers" -gt 0 ]; then
        coordinator=("${CLUSTER_COORDINATOR[@]}")
        say "starting Trino $TRINO_VERSION ($TRINO_INSTANCE) at $(server_url): a coordinator and $workers workers"
    else
        say "starting Trino $TRINO_VERSION ($TRINO_INSTANCE) at $(server_url)"
    fi
    launcher "${coordinator[@]}" start >/dev/null
    local nodes=("$RUN_DIR")
    for i in $(seq 1 "$workers"); do
        dir="$RUN_DIR/worker-$i"
        mkdir -p "$dir/data"
        worker_launcher "$dir" start >/dev/null
        nodes+=("$dir")
    done
    local log="$RUN_DIR/data/var/log/server.log"
    [ "$workers" -eq 0 ] || log+=", the workers': $RUN_DIR/worker-N/data/var/log/server.log"
    for _ in $(seq 1 180); do
        if answers_queries "$workers"; then
            say "Trino is up at $(server_url) (log: $log)"
            return 0
        fi
        node_alive "$RUN_DIR" launcher
        for dir in "${nodes[@]:1}"; do node_alive "$dir" worker_launcher "$dir"; done
        sleep 1
    done
    tail -n 40 "$RUN_DIR/data/var/log/server.log" >&2 2>/dev/null || true
    die "Trino did not finish starting within 180 s; see $log"
}

# Stops every node of the instance, the workers first.
stop() {
    [ -x "$TRINO_HOME/bin/launcher" ] || return 0
    use_jdk
    local dir
    for dir in $(worker_dirs); do
        if worker_launcher "$dir" status >/dev/null 2>&1; then
            say "stopping Trino's $(basename "$dir") ($TRINO_INSTANCE)"
            worker_launcher "$dir" stop >/dev/null
        fi
    done
    if launcher status >/dev/null 2>&1; then
        say "stopping Trino ($TRINO_INSTANCE)"
        launcher stop >/dev/null
    fi
}

status() {
    use_jdk
    if [ -x "$TRINO_HOME/bin/launcher" ] && launcher status >/dev/null 2>&1; then
        echo "Trino ($TRINO_INSTANCE) running at $(server_url): $(curl -fsS --cacert "$CERT" "$(server_url)/v1/info" 2>/dev/null || echo 'not answering yet')"
        local dir
        for dir in $(worker_dirs); do
            worker_launcher "$dir" status >/dev/null 2>&1 && echo "  $(basename "$dir") running (log: $dir/data/var/log/server.log)"
        done
        return 0
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
    start) start 0 ;;
    stop) stop ;;
    restart) stop; start 0 ;;
    status) status ;;
    cluster) case "${2:-}" in
            start) start "$TRINO_WORKERS" ;;
            stop) stop ;;
            restart) stop; start "$TRINO_WORKERS" ;;
            status) status ;;
            *) die "usage: $0 cluster start|stop|restart|status (TRINO_WORKERS workers, default 2)" ;;
        esac ;;
    logs) tail -n 200 -f "$RUN_DIR/data/var/log/server.log" ;;
    cli) shift; cli "$@" ;;
    *) die "usage: $0 install|start|stop|restart|status|logs|cli [--user NAME] [CLI args...]|jdbc-jar|jdbc-url|url|password [USER]|cluster start|stop|restart|status" ;;
esac
