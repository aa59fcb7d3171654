#!/usr/bin/env bash
# Makes sure PostgreSQL 15+ with pgvector answers at $PGHOST:$PGPORT and that the database
# $AI_PG_DATABASE exists with the vector extension and the staging/star/ask schemas.
# Safe to re-run: every step checks before it acts.
# Usage: scripts/postgres.sh [ensure|create-db NAME|drop-db NAME]
source "$(dirname "$0")/lib.sh"

is_local_server() { [[ "$PGHOST" == 127.0.0.1 || "$PGHOST" == localhost || "$PGHOST" == /* ]]; }

start_local_cluster() {
    command -v pg_lsclusters >/dev/null 2>&1 || return 1
    local version cluster
    while read -r version cluster _; do
        say "starting local PostgreSQL cluster $version/$cluster"
        as_root pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start 2>/dev/null || true
    done < <(pg_lsclusters -h 2>/dev/null | awk '$4 != "online"')
    for _ in $(seq 1 30); do pg_isready -q && return 0; sleep 1; done
    return 1
}

ensure_server() {
    command -v psql >/dev/null 2>&1 || apt_install postgresql-client
    if ! pg_isready -q; then
        is_local_server && can_be_root && start_local_cluster \
            || die "PostgreSQL does not answer at $PGHOST:$PGPORT (user $PGUSER). Start it, or point PGHOST/PGPORT/PGUSER/PGPASSWORD at a PostgreSQL 15+ server. On Debian: sudo apt-get install -y postgresql && sudo pg_ctlcluster 15 main start"
    fi
    local num
    num=$(psql -X -At -d postgres -c 'show server_version_num') || die "cannot log in to PostgreSQL at $PGHOST:$PGPORT as $PGUSER: check PGUSER/PGPASSWORD"
    [ "$num" -ge 150000 ] || die "PostgreSQL at $PGHOST:$PGPORT is version $num; version 15 or newer is needed"
    SERVER_MAJOR=$((num / 10000))
}

vector_available() {
    [ -n "$(psql -X -At -d postgres -c "select 1 from pg_available_extension_versions where name = 'vector' and string_to_array(version, '.')::int[] >= string_to_array('$PGVECTOR_MIN_VERSION', '.')::int[] limit 1")" ]
}

# Debian 12 ships no pgvector binary; Debian 13's source package builds cleanly against PostgreSQL 15.
build_pgvector() {
    local pg_config="/usr/lib/postgresql/$SERVER_MAJOR/bin/pg_config"
    say "building pgvector >= $PGVECTOR_MIN_VERSION from Debian's source package for PostgreSQL $SERVER_MAJOR"
    local sources=/etc/apt/sources.list.d/trino-ai-trixie-src.sources
    if [ ! -f "$sources" ]; then
        as_root tee "$sources" >/dev/null <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
        apt_updated=""
    fi
    apt_install "postgresql-server-dev-$SERVER_MAJOR" build-essential dpkg-dev
    local work
    work=$(mktemp -d)
    (cd "$work" && apt-get source -qq pgvector >/dev/null 2>&1) || { rm -rf "$work"; die "apt-get source pgvector failed: is deb.debian.org reachable?"; }
    local dir
    dir=$(find "$work" -maxdepth 1 -type d -name 'pgvector-*' | head -n 1)
    make -s -C "$dir" PG_CONFIG="$pg_config" >/dev/null
    as_root make -s -C "$dir" PG_CONFIG="$pg_config" install >/dev/null
    rm -rf "$work"
}

ensure_pgvector() {
    vector_available && return 0
    if is_local_server && can_be_root && [ -d "/usr/lib/postgresql/${SERVER_MAJOR}" ]; then
        build_pgvector
        vector_available || die "pgvector was built but PostgreSQL $SERVER_MAJOR does not list it; check $(pg_config --sharedir 2>/dev/null)/extension"
    else
        die "the PostgreSQL server at $PGHOST:$PGPORT has no pgvector >= $PGVECTOR_MIN_VERSION. Install it on that server (Debian 13/Ubuntu: apt-get install postgresql-$SERVER_MAJOR-pgvector; elsewhere build https://github.com/pgvector/pgvector), or run this script as root on the server's own machine."
    fi
}

create_db() {
    local db="$1"
    if [ -z "$(psql -X -At -d postgres -c "select 1 from pg_database where datname = '$db'")" ]; then
        say "creating database $db"
        psql -X -q -d postgres -c "create database \"$db\""
    fi
    psql_db "$db" -f "$AI_ROOT/etc/postgres/init.sql"
    # roles are the cluster's: one run at a time creates or alters them
    mkdir -p "$AI_SECRETS"; chmod 700 "$AI_SECRETS"
    ( flock 8; ensure_logins "$db" ) 8>"$AI_SECRETS/.postgres.lock"
}

# The components' logins, each in a group role of etc/postgres/roles.sql or chat.sql, with generated passwords kept in
# $AI_SECRETS: $PG_READER_LOGIN (Trino's ai and pg catalogs: SELECT on star and ask), $PG_WRITER_LOGIN (the jobs) and
# $PG_PROXY_LOGIN (the SSE proxy's conversations: the chat schema's tables, nothing else) and $PG_REVIEWER_LOGIN (the
# feedback command: the ratings in chat.feedback and, to plan their questions again, what the reader reads).
# Only this script logs in as the superuser ($PGUSER), to make databases and roles. Tables an earlier version's jobs
# made as the superuser are handed to trino_ai_writer, so the jobs can still alter them.
ensure_logins() {
    local db="$1" reader writer proxy reviewer
    reader=$(secret "postgres-$PG_READER_LOGIN")
    reviewer=$(secret "postgres-$PG_REVIEWER_LOGIN")
    writer=$(secret "postgres-$PG_WRITER_LOGIN")
    proxy=$(secret "postgres-$PG_PROXY_LOGIN")
    psql_db "$db" -f "$AI_ROOT/etc/postgres/roles.sql"
    psql_db "$db" -f "$AI_ROOT/etc/postgres/chat.sql"
    psql_db "$db" -v reader="$PG_READER_LOGIN" -v writer="$PG_WRITER_LOGIN" -v proxy="$PG_PROXY_LOGIN" -v reviewer="$PG_REVIEWER_LOGIN" \
        -v reader_password="$reader" -v writer_password="$writer" -v proxy_password="$proxy" -v reviewer_password="$reviewer" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN IN ROLE trino_ai_reader', :'reader') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'reader') \gexec
SELECT format('CREATE ROLE %I LOGIN IN ROLE trino_ai_writer', :'writer') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'writer') \gexec
SELECT format('CREATE ROLE %I LOGIN IN ROLE trino_ai_chat', :'proxy') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'proxy') \gexec
SELECT format('CREATE ROLE %I LOGIN IN ROLE trino_ai_reader, trino_ai_review', :'reviewer') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'reviewer') \gexec
SELECT format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD %L', :'reader', :'reader_password') \gexec
SELECT format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD %L', :'writer', :'writer_password') \gexec
SELECT format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD %L', :'proxy', :'proxy_password') \gexec
SELECT format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD %L', :'reviewer', :'reviewer_password') \gexec
SELECT format('GRANT trino_ai_reader TO %I', :'reader') \gexec
SELECT format('GRANT trino_ai_writer TO %I', :'writer') \gexec
SELECT format('GRANT trino_ai_chat TO %I', :'proxy') \gexec
SELECT format('GRANT trino_ai_reader, trino_ai_review TO %I', :'reviewer') \gexec
-- the tables the jobs make belong to the group, so the default privileges of roles.sql give the reader SELECT
SELECT format('ALTER ROLE %I SET role = %L', :'writer', 'trino_ai_writer') \gexec
SELECT format('ALTER TABLE %I.%I OWNER TO trino_ai_writer', schemaname, tablename) FROM pg_tables
    WHERE schemaname IN ('staging', 'star', 'ask') AND tableowner <> 'trino_ai_writer' \gexec
SQL
    # after the hand-over, so that the reader can read the tables that changed owner
    psql_db "$db" -f "$AI_ROOT/etc/postgres/roles.sql"
}

drop_db() {
    psql -X -q -d postgres -c "drop database if exists \"$1\" with (force)"
}

case "${1:-ensure}" in
    ensure) ensure_server; ensure_pgvector; create_db "$AI_PG_DATABASE"
            say "PostgreSQL $SERVER_MAJOR with pgvector $(psql -X -At -d "$AI_PG_DATABASE" -c "select extversion from pg_extension where extname = 'vector'") ready: $(jdbc_url)" ;;
    create-db) ensure_server; ensure_pgvector; create_db "${2:?database name}" ;;
    drop-db) drop_db "${2:?database name}" ;;
    *) die "usage: $0 [ensure|create-db NAME|drop-db NAME]" ;;
esac
