#!/usr/bin/env bash
# The Docker image's start-up layout, made here without Docker: Spring Boot's extract layout of the jar plus a
# static AppCDS archive dumped from the class list of a training run that starts the service up to "hsg-cds
# ready" (so it holds the classes of the early content load and of the warm-up's hook calls, not only the
# context's) and is then stopped. Same commands as docker/Dockerfile. BENCH_DYNAMIC=1 writes a dynamic archive
# (-XX:ArchiveClassesAtExit) instead, for comparison: steady-state calls were much slower with it.
# Usage: bench/appcds.sh [out dir, default target/bench/appcds]; then e.g.
#   BENCH_JAR=target/bench/appcds/app/hsg-cds.jar BENCH_JAVA_OPTS=-XX:SharedArchiveFile=target/bench/appcds/app/hsg-cds.jsa \
#   BENCH_NO_BUILD=1 BENCH_COLD_ONLY=1 bench/records.sh
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-target/bench/appcds}
[ -f target/hsg-cds.jar ] || ./mvnw -B -o -q package -DskipTests
rm -rf "$OUT" && mkdir -p "$OUT"
java -Djarmode=tools -jar target/hsg-cds.jar extract --destination "$OUT/app" >/dev/null
TRAIN=$(mktemp -d)
LOG="$OUT/training.log"
if [ "${BENCH_DYNAMIC:-0}" = 1 ]; then TRAINING=(-XX:ArchiveClassesAtExit="$OUT/app/hsg-cds.jsa"); else TRAINING=(-XX:DumpLoadedClassList="$OUT/app/classes.lst"); fi
java "${TRAINING[@]}" @docker/jvm.options -jar "$OUT/app/hsg-cds.jar" \
  --server.port=0 --management.server.port=0 --hsg.data-dir="$TRAIN" >"$LOG" 2>&1 &
PID=$!
for _ in $(seq 1 1200); do grep -q "hsg-cds ready" "$LOG" && break; sleep 0.1; done
kill "$PID"; wait "$PID" || true
rm -rf "$TRAIN"
grep -q "hsg-cds ready" "$LOG"
if [ "${BENCH_DYNAMIC:-0}" != 1 ]; then
  java -Xshare:dump -XX:SharedClassListFile="$OUT/app/classes.lst" -XX:SharedArchiveFile="$OUT/app/hsg-cds.jsa" \
    -jar "$OUT/app/hsg-cds.jar" >"$OUT/dump.log" 2>&1
fi
test -s "$OUT/app/hsg-cds.jsa"
echo "archive: $(du -h "$OUT/app/hsg-cds.jsa" | cut -f1) ($OUT/app/hsg-cds.jsa)"
