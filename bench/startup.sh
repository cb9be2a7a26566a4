#!/usr/bin/env bash
# Start-up to ready, three times each: the plain jar, and the jar with an AppCDS archive (Spring Boot's
# `extract` layout plus a training run that stops after the context refresh). Usage: bench/startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${BENCH_PORT:-18556}
OUT=target/bench/startup
rm -rf "$OUT" && mkdir -p "$OUT"
mvn -B -q package -DskipTests

ready_ms() { # command... ; prints ms from launch to the "hsg-cds ready" line
  local log="$OUT/run.log" data; data=$(mktemp -d)
  local start; start=$(date +%s%N)
  "$@" --server.port="$PORT" --hsg.data-dir="$data" >"$log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 600); do grep -q "hsg-cds ready" "$log" && break; sleep 0.02; done
  echo $(( ($(date +%s%N) - start) / 1000000 ))
  kill $pid; wait $pid 2>/dev/null || true; rm -rf "$data"
}

java -Djarmode=tools -jar target/hsg-cds.jar extract --destination "$OUT/app" >/dev/null
TRAIN=$(mktemp -d)
java -XX:ArchiveClassesAtExit="$OUT/app/hsg-cds.jsa" -Dspring.context.exit=onRefresh \
  -jar "$OUT/app/hsg-cds.jar" --server.port="$PORT" --hsg.data-dir="$TRAIN" >"$OUT/training.log" 2>&1 || true
rm -rf "$TRAIN"

for i in 1 2 3; do echo "plain jar:   $(ready_ms java -Xmx256m @docker/jvm.options -jar target/hsg-cds.jar) ms"; done
for i in 1 2 3; do echo "with AppCDS: $(ready_ms java -Xmx256m @docker/jvm.options -XX:SharedArchiveFile="$OUT/app/hsg-cds.jsa" -jar "$OUT/app/hsg-cds.jar") ms"; done
