#!/usr/bin/env bash
# Runs the jobs (generate, ingest, embed) from the built embed-job jar against the database of the local stack.
# Usage: scripts/jobs.sh generate|ingest|embed|eval|ask|feedback [ARGS...]   (see: scripts/jobs.sh with no arguments)
source "$(dirname "$0")/lib.sh"
cd "$AI_ROOT"
use_jdk
# the feedback command reads the chat page's ratings and the star schema, and writes nothing in the database
if [ "${1:-}" = feedback ]; then export_database_env reviewer; else export_database_env writer; fi
jar=$(ls embed-job/target/embed-job-*.jar 2>/dev/null | grep -v -E 'tests|sources' | head -n 1 || true)
[ -n "$jar" ] || die "the jobs are not built: run ./mvnw -DskipTests install (or ./dev up) first"
# the local embedding model runs ONNX Runtime, a native library
exec java --enable-native-access=ALL-UNNAMED -jar "$jar" "$@"
