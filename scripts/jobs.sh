#!/usr/bin/env bash
# Runs the jobs (generate, ingest) from the built embed-job jar against the database of the local stack.
# Usage: scripts/jobs.sh generate|ingest [ARGS...]   (see: scripts/jobs.sh with no arguments)
source "$(dirname "$0")/lib.sh"
cd "$AI_ROOT"
use_jdk
export_database_env
jar=$(ls embed-job/target/embed-job-*.jar 2>/dev/null | grep -v -E 'tests|sources' | head -n 1 || true)
[ -n "$jar" ] || die "the jobs are not built: run ./mvnw -DskipTests install (or ./dev up) first"
exec java -jar "$jar" "$@"
