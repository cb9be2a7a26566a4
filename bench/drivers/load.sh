#!/usr/bin/env bash
# HTTP load benchmark of the packaged jar with wrk (Debian package `wrk`).
# Starts the service with -Xmx256m and the Docker image's JVM options (docker/jvm.options), measures
# start-up to ready, drives discovery (baseline), order-sign for the typical and heavy patients and a
# non-HSG order at 1, 8 and 32 connections, then prints throughput, p50/p90/p99 latency and the
# resident memory after the load.
# Usage: [BENCH_JAVA_OPTS="-XX:+UseParallelGC"] [BENCH_WARMUP=200] bench/drivers/load.sh [seconds per run, default 10]
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/drivers/await-ready.sh
DURATION=${1:-10}
PORT=${BENCH_PORT:-18555}
BASE="http://127.0.0.1:$PORT"
OUT=target/bench
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }

mvn -B -q package -DskipTests
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT.cp" >/dev/null
java -cp "target/test-classes:target/classes:$(cat "$OUT.cp")" org.hsgcds.bench.BenchRequests "$OUT"

DATA=$(mktemp -d)
LOG="$OUT/service.log"
START=$(date +%s%N)
java -Xmx256m @docker/jvm.options ${BENCH_JAVA_OPTS:-} -jar target/hsg-cds.jar --server.port="$PORT" --server.address=127.0.0.1 --hsg.data-dir="$DATA" >"$LOG" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT
await_ready "$LOG" $PID
READY=$(date +%s%N)
echo "start-up to ready: $(( (READY - START) / 1000000 )) ms (JVM start included)"
grep -o "Started HsgCdsApplication in [0-9.]* seconds" "$LOG" || true

# Warm-up: the JIT keeps compiling (a full core's worth) for about 70 s of typical load alone, and longer
# over the four targets: after 80 s of warm-up C2 still took 16 CPU-seconds during the 2 minutes of
# measurement, after 200 s 5 (2026-12-01). Numbers taken earlier measure the compiler, not the service.
# BENCH_WARMUP (seconds, default 200) is split over the four targets; the JIT's work during the warm-up
# and during the measurement is printed.
WARMUP=${BENCH_WARMUP:-200}
jit() { jstat -compiler "$PID" 2>/dev/null | awk 'NR==2 {print $1 " methods, " $4 " s"}'; }
for body in typical heavy non-hsg; do
  share=$(( WARMUP / 5 )); [ "$body" = typical ] && share=$(( WARMUP / 2 ))
  BODY_FILE="$OUT/$body.json" wrk -t2 -c8 -d"${share}s" -s bench/drivers/post.lua "$BASE/cds-services/hsg-order-sign" >/dev/null
done
wrk -t2 -c8 -d"$(( WARMUP / 10 ))s" "$BASE/cds-services" >/dev/null
echo "JIT after ${WARMUP} s of warm-up: $(jit)"

printf "\n%-10s %5s %10s %9s %9s %9s %8s\n" target conns "req/s" p50 p90 p99 non-200
run() {
  local name=$1 conns=$2; shift 2
  local threads=$(( conns < 2 ? 1 : 2 ))
  local result
  result=$(wrk -t"$threads" -c"$conns" -d"${DURATION}s" --latency "$@")
  local rps p50 p90 p99 bad
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$result")
  p50=$(awk '$1=="50%" {print $2}' <<<"$result")
  p90=$(awk '$1=="90%" {print $2}' <<<"$result")
  p99=$(awk '$1=="99%" {print $2}' <<<"$result")
  bad=$(awk '/non-200:/ {print $2}' <<<"$result"); bad=${bad:-0}
  local errs; errs=$(awk '/Non-2xx or 3xx/ {print $5}' <<<"$result"); [ -n "$errs" ] && bad=$errs
  printf "%-10s %5s %10s %9s %9s %9s %8s\n" "$name" "$conns" "$rps" "$p50" "$p90" "$p99" "$bad"
}
for conns in 1 8 32; do
  run discovery "$conns" "$BASE/cds-services"
  for body in typical heavy non-hsg; do
    BODY_FILE="$OUT/$body.json" run "$body" "$conns" -s bench/drivers/post.lua "$BASE/cds-services/hsg-order-sign"
  done
done
echo
echo "JIT after the measurement: $(jit)"
echo "resident memory after load: $(awk '/VmRSS/ {print $2, $3}' /proc/$PID/status)"
grep -c " ERROR " "$LOG" | xargs echo "ERROR lines in service log:"
