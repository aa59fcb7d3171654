#!/usr/bin/env bash
# The PostgreSQL container's third init script (after init.sql and roles.sql): the logins of Trino's catalogs and of
# the jobs, in the group roles of roles.sql, with the passwords of docker.env (scripts/secrets.sh docker). As
# scripts/postgres.sh does for the local stack; the superuser is used for nothing else.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v catalog_password="$AI_CATALOG_PASSWORD" -v jobs_password="$AI_JOBS_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE trino_ai_catalog LOGIN PASSWORD %L IN ROLE trino_ai_reader', :'catalog_password') \gexec
SELECT format('CREATE ROLE trino_ai_jobs LOGIN PASSWORD %L IN ROLE trino_ai_writer', :'jobs_password') \gexec
ALTER ROLE trino_ai_jobs SET role = 'trino_ai_writer';
SQL
