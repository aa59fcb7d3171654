#!/usr/bin/env bash
# Runs the jobs (generate, ingest, embed) from the built embed-job jar against the database of the local stack.
# Usage: scripts/jobs.sh generate|ingest|embed|eval|ask|declines|feedback [ARGS...]   (see: scripts/jobs.sh with no arguments)
#   declines reads the local Trino's server log ($TRINO_INSTANCE, default dev) unless --log names another file.
source "$(dirname "$0")/lib.sh"
cd "$AI_ROOT"
use_jdk
case "${1:-}" in
    declines) [[ " $* " == *" --log "* ]] || set -- "$@" --log "$AI_CACHE/run/${TRINO_INSTANCE:-dev}/data/var/log/server.log" ;;
    # the feedback command reads the chat page's ratings and the star schema, and writes nothing in the database
    feedback) export_database_env reviewer ;;
    *) export_database_env writer ;;
esac
jar=$(ls embed-job/target/embed-job-*.jar 2>/dev/null | grep -v -E 'tests|sources' | head -n 1 || true)
[ -n "$jar" ] || die "the jobs are not built: run ./mvnw -DskipTests install (or ./dev up) first"
# the local embedding model runs ONNX Runtime, a native library
exec java --enable-native-access=ALL-UNNAMED -jar "$jar" "$@"
