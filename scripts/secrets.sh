#!/usr/bin/env bash
# The local stack's secrets, generated once into $AI_CACHE/secrets (directory 700, files 600), never into the
# repository. Safe to re-run and to run from several scripts at once.
#   trino-user-NAME             the password of each Trino user of $TRINO_DEV_USERS
#   trino-password.db           their PBKDF2 hashes, Trino's file password authenticator (etc/trino/password-authenticator.properties)
#   trino-shared-secret         internal-communication.shared-secret
#   trino-keystore.p12, trino-keystore-password, trino-cert.pem
#                               Trino's self-signed HTTPS certificate for 127.0.0.1 and localhost; clients trust the PEM
#   postgres-LOGIN              the PostgreSQL logins' passwords (scripts/postgres.sh)
#   docker.env                  the variables docker/compose.yaml needs (--env-file), with postgres-superuser for
#                               the PostgreSQL container's own superuser, which only its init scripts use
# Usage: scripts/secrets.sh [trino|docker]   (prints the directory, or the path of docker.env)
source "$(dirname "$0")/lib.sh"

# user:iterations:salt:hash, PBKDF2 with HMAC-SHA1 as Trino's file authenticator checks it (at least 1000 iterations)
password_db() {
    local user
    for user in $TRINO_DEV_USERS; do
        printf '%s\t%s\n' "$user" "$(secret "trino-user-$user")"
    done | python3 -c '
import hashlib, os, sys
for line in sys.stdin:
    user, password = line.rstrip("\n").split("\t")
    salt = os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha1", password.encode(), salt, 10000, 32)
    print("%s:10000:%s:%s" % (user, salt.hex(), digest.hex()))
'
}

keystore() {
    use_jdk
    local password; password=$(secret trino-keystore-password)
    rm -f "$AI_SECRETS/trino-keystore.p12.tmp"
    keytool -genkeypair -noprompt -alias trino -keyalg RSA -keysize 2048 -validity 3650 \
        -dname "CN=localhost, OU=trino-ai local stack" -ext "SAN=ip:127.0.0.1,dns:localhost" \
        -storetype PKCS12 -keystore "$AI_SECRETS/trino-keystore.p12.tmp" -storepass "$password" >/dev/null 2>&1
    keytool -exportcert -rfc -alias trino -keystore "$AI_SECRETS/trino-keystore.p12.tmp" -storepass "$password" \
        -file "$AI_SECRETS/trino-cert.pem.tmp" >/dev/null 2>&1
    chmod 600 "$AI_SECRETS/trino-keystore.p12.tmp"
    chmod 644 "$AI_SECRETS/trino-cert.pem.tmp"
    mv "$AI_SECRETS/trino-cert.pem.tmp" "$AI_SECRETS/trino-cert.pem"
    mv "$AI_SECRETS/trino-keystore.p12.tmp" "$AI_SECRETS/trino-keystore.p12"
}

ensure_trino() {
    secret_file trino-shared-secret >/dev/null
    (
        flock 9
        umask 077
        if [ ! -s "$AI_SECRETS/trino-password.db" ] || [ -n "$(find "$AI_SECRETS" -name 'trino-user-*' -newer "$AI_SECRETS/trino-password.db")" ] \
                || [ "$(cut -d: -f1 "$AI_SECRETS/trino-password.db" | tr '\n' ' ')" != "$TRINO_DEV_USERS " ]; then
            password_db >"$AI_SECRETS/trino-password.db.tmp"
            mv "$AI_SECRETS/trino-password.db.tmp" "$AI_SECRETS/trino-password.db"
        fi
        [ -s "$AI_SECRETS/trino-keystore.p12" ] && [ -s "$AI_SECRETS/trino-cert.pem" ] || keystore
    ) 9>"$AI_SECRETS/.trino.lock"
}

mkdir -p "$AI_SECRETS"; chmod 700 "$AI_SECRETS"
case "${1:-trino}" in
    trino) ensure_trino; echo "$AI_SECRETS" ;;
    docker)
        ensure_trino
        (
            umask 077
            cat >"$AI_SECRETS/docker.env" <<ENV
AI_SECRETS=$AI_SECRETS
POSTGRES_SUPERUSER_PASSWORD=$(secret postgres-superuser)
AI_CATALOG_PASSWORD=$(secret "postgres-$PG_READER_LOGIN")
AI_JOBS_PASSWORD=$(secret "postgres-$PG_WRITER_LOGIN")
AI_TRINO_KEYSTORE_PASSWORD=$(secret trino-keystore-password)
AI_TRINO_SHARED_SECRET=$(secret trino-shared-secret)
ENV
        )
        echo "$AI_SECRETS/docker.env" ;;
    *) die "usage: $0 [trino|docker]" ;;
esac
