# Shared helpers for the local-stack scripts. Sourced, never run.
# Everything downloaded or generated lives outside the tracked tree (AI_CACHE), so a clean clone stays clean.

set -euo pipefail

AI_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
AI_CACHE="${AI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/trino-ai}"
TRINO_VERSION=476
PGVECTOR_MIN_VERSION=0.8.0

# PostgreSQL is addressed with libpq's own variables so psql, the scripts and the catalog agree.
export PGHOST="${PGHOST:-127.0.0.1}"
export PGPORT="${PGPORT:-5432}"
export PGUSER="${PGUSER:-postgres}"
AI_PG_DATABASE="${AI_PG_DATABASE:-trino_ai}"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
warn() { printf '\033[1;33mwarning:\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo "$@"
    else return 1
    fi
}

can_be_root() { [ "$(id -u)" -eq 0 ] || { command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; }; }

apt_updated=""
apt_install() {
    can_be_root || die "missing packages: $* -- install them with: sudo apt-get install -y $*"
    if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# Trino 476 needs Java 24+; the machine's default java is often older, so look for a JDK explicitly.
find_java_home() {
    local candidates=("${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-arm64 /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-25-openjdk-arm64 /usr/lib/jvm/temurin-24-jdk-amd64)
    local dir version
    for dir in "${candidates[@]}"; do
        [ -n "$dir" ] && [ -x "$dir/bin/java" ] || continue
        version=$("$dir/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
        if [ "${version%%.*}" -ge 24 ] 2>/dev/null; then echo "$dir"; return 0; fi
    done
    return 1
}

use_jdk() {
    JAVA_HOME="$(find_java_home)" || die "JDK 24 or newer not found (Trino $TRINO_VERSION needs it). Install JDK 25 (e.g. Temurin 25 at /usr/lib/jvm/temurin-25-jdk-amd64) or set JAVA_HOME to one."
    export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
    # Maven 3.9's Guice uses sun.misc.Unsafe, which JDK 24+ warns about on every build.
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
}

# Downloads a Maven Central artifact once into the cache and checks its SHA-1; a part file per process, so two
# scripts fetching the same file at once do not write into each other.
fetch_central() {
    local path="$1" file part
    file="$AI_CACHE/downloads/$(basename "$path")"
    part="$file.part.$$"
    if [ ! -s "$file" ]; then
        mkdir -p "$AI_CACHE/downloads"
        say "downloading $(basename "$path") from Maven Central"
        curl -fSL --retry 3 -o "$part" "https://repo1.maven.org/maven2/$path" || die "download of $path failed: is Maven Central reachable?"
        local expected actual
        expected=$(curl -fsSL --retry 3 "https://repo1.maven.org/maven2/$path.sha1" | cut -c1-40)
        actual=$(sha1sum "$part" | cut -c1-40)
        [ "$expected" = "$actual" ] || { rm -f "$part"; die "checksum mismatch for $path (expected $expected, got $actual)"; }
        mv "$part" "$file"
    fi
    echo "$file"
}

# The first port in FROM..TO that nothing listens on.
free_port() {
    local port
    for port in $(seq "$1" "$2"); do
        (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
    done
    die "no free port between $1 and $2"
}

psql_db() { PGOPTIONS='-c client_min_messages=warning' psql -X -v ON_ERROR_STOP=1 -q -d "${1:-$AI_PG_DATABASE}" "${@:2}"; }

jdbc_url() { echo "jdbc:postgresql://$PGHOST:$PGPORT/${1:-$AI_PG_DATABASE}"; }

# A line of the proxy's tokens file: the SHA-256 digest of TOKEN, never the token itself, and the Trino USER.
token_line() { printf 'sha256:%s = %s\n' "$(printf '%s' "$1" | sha256sum | cut -c1-64)" "$2"; }

random_token() { head -c 32 /dev/urandom | base64 | tr -d '/+=\n' | cut -c1-40; }

# The local stack's proxy tokens, made on this machine and never in the repository: the proxy of scripts/proxy.sh
# reads dev-tokens.properties (digests only); the tokens themselves are in dev-tokens.txt (USER=TOKEN, mode 600),
# for `./dev token USER`.
DEV_TOKENS_DIR="$AI_CACHE/proxy"
DEV_TOKENS_FILE="$DEV_TOKENS_DIR/dev-tokens.properties"
DEV_TOKENS_SECRETS="$DEV_TOKENS_DIR/dev-tokens.txt"
DEV_USERS=(analyst pm_apollo pm_juniper)

# A random token for each development user that has none yet, each printed once (on stderr) when made.
ensure_dev_tokens() {
    local user
    mkdir -p "$DEV_TOKENS_DIR"
    (umask 077; touch "$DEV_TOKENS_SECRETS" "$DEV_TOKENS_FILE")
    for user in "${DEV_USERS[@]}"; do
        [ -z "$(dev_token "$user")" ] || continue
        add_dev_token "$user" >/dev/null
    done
}

# A new random token for USER in the development tokens files; prints it.
add_dev_token() {
    local user="$1" token
    token=$(random_token)
    mkdir -p "$DEV_TOKENS_DIR"
    (umask 077; printf '%s=%s\n' "$user" "$token" >>"$DEV_TOKENS_SECRETS"; token_line "$token" "$user" >>"$DEV_TOKENS_FILE")
    say "made a proxy token for $user: $token (./dev token $user prints it again)"
    echo "$token"
}

# USER's latest development token, or nothing.
dev_token() { [ -f "$DEV_TOKENS_SECRETS" ] && sed -n "s/^$1=//p" "$DEV_TOKENS_SECRETS" | tail -n 1 || true; }

# The evaluation set's first reference date, and its questions one per line as SQL string contents (quotes doubled).
eval_as_of() { sed -n 's/^dates: *\[ *\([0-9-]*\).*/\1/p' "$AI_ROOT/eval/questions.yaml"; }
eval_questions_sql() {
    sed -n 's/^ *question: *//p' "$AI_ROOT/eval/questions.yaml" | sed -e 's/^"\(.*\)"$/\1/' -e "s/^'\(.*\)'$/\1/" -e "s/'/''/g"
}

# Generated secrets (passwords, keys) live here, never in the repository: the directory is 700, each file 600.
AI_SECRETS="$AI_CACHE/secrets"

# The Trino users of the local stack, each with a generated password (secret "trino-user-NAME"). The proxy logs in
# as trino-ai-proxy and runs each question as the token's user (etc/trino/rules.json "impersonation").
TRINO_DEV_USERS="analyst bi bench pm_apollo no_ai admin trino-ai-proxy"
TRINO_PROXY_USER=trino-ai-proxy

# The PostgreSQL logins of the components (scripts/postgres.sh creates them in the group roles of etc/postgres/roles.sql
# and, for the proxy's conversations, etc/postgres/chat.sql).
PG_READER_LOGIN=trino_ai_catalog
PG_WRITER_LOGIN=trino_ai_jobs
PG_PROXY_LOGIN=trino_ai_proxy
PG_REVIEWER_LOGIN=trino_ai_reviewer

# The path of secret NAME, made (random, 32 characters) the first time; safe when several scripts ask at once.
secret_file() {
    local file="$AI_SECRETS/$1"
    if [ ! -s "$file" ]; then
        mkdir -p "$AI_SECRETS"; chmod 700 "$AI_SECRETS"
        (
            flock 9
            if [ ! -s "$file" ]; then
                umask 077
                head -c 48 /dev/urandom | base64 | tr -d '/+=\n' | cut -c1-32 >"$file.tmp.$$"
                mv "$file.tmp.$$" "$file"
            fi
        ) 9>"$AI_SECRETS/.lock"
    fi
    echo "$file"
}
secret() { cat "$(secret_file "$1")"; }

trino_password_file() {
    [[ " $TRINO_DEV_USERS " == *" $1 "* ]] || die "no Trino user $1 in the local stack (users: $TRINO_DEV_USERS)"
    secret_file "trino-user-$1"
}

# The catalog file and the jobs read these, so the local stack and docker/ share etc/ unchanged.
# ROLE is reader (Trino's catalogs) or writer (the jobs): each logs in as its own login, never as a superuser.
export_database_env() {
    local role="${1:-reader}" login
    case "$role" in
        reader) login="$PG_READER_LOGIN" ;;
        writer) login="$PG_WRITER_LOGIN" ;;
        reviewer) login="$PG_REVIEWER_LOGIN" ;;
        *) die "export_database_env reader|writer|reviewer" ;;
    esac
    export AI_POSTGRES_URL="${AI_POSTGRES_URL:-$(jdbc_url)}"
    export AI_SEMANTIC_MODEL="${AI_SEMANTIC_MODEL:-$AI_ROOT/etc/ai/semantic-model.yaml}"
    # the further domains (Jira, post-mortems): none unless set (AI_SEMANTIC_DOMAINS=etc/ai/models), since their words
    # still take some PMO questions ("velocity over the last 6 sprints" reads as Jira's)
    export AI_SEMANTIC_DOMAINS="${AI_SEMANTIC_DOMAINS:-}"
    export AI_ACCESS_RULES="${AI_ACCESS_RULES:-$AI_ROOT/etc/ai/access-rules.yaml}"
    if [ -z "${AI_POSTGRES_USER:-}" ]; then
        export AI_POSTGRES_USER="$login"
        [ -n "${AI_POSTGRES_PASSWORD_SECRET_ID:-}" ] || export AI_POSTGRES_PASSWORD="${AI_POSTGRES_PASSWORD:-$(secret "postgres-$login")}"
    fi
    # The jobs may read the password from AWS Secrets Manager instead (AI_POSTGRES_PASSWORD_SECRET_ID, with
    # AI_POSTGRES_SECRETS_REGION and AI_POSTGRES_SECRETS_ENDPOINT, passed on as they are): then PGPASSWORD is not
    # made the password, which the jobs would refuse beside the secret (empty counts as unset; the catalog needs it set).
    if [ -n "${AI_POSTGRES_PASSWORD_SECRET_ID:-}" ]; then
        export AI_POSTGRES_PASSWORD="${AI_POSTGRES_PASSWORD:-}"
    else
        export AI_POSTGRES_PASSWORD="${AI_POSTGRES_PASSWORD:-${PGPASSWORD:-}}"
    fi
}
