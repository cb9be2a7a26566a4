#!/usr/bin/env bash
# Real-sized records and the first seconds after start-up (issue 19), asserted against the issue's
# targets. Starts the packaged jar the plain way (java -Xmx256m @docker/jvm.options -jar), then:
#   1. start-up to the "hsg-cds ready" line;
#   2. cold: the median Synthea record at 8 connections for the first 10 s after ready;
#   3. warm-up (BENCH_WARMUP seconds, default 120, over every body below);
#   4. at 1, 8 and 32 connections: discovery (the baseline), the median and 99th-percentile Synthea
#      records as the prefetch templates ask (Observations by code), the synthetic typical and heavy
#      patients (bench/drivers/load.sh's, for continuity), a non-HSG order with the typical body and one with
#      the median Synthea record; at 8 connections the median and p99 records with every Observation
#      (before the templates were narrowed);
#   5. the largest record alone (five calls one after another), narrowed and with every Observation;
#   6. resident memory after the load;
# and prints PASS/FAIL per target (bench/analysis/records_judge.py). Exit code 1 when a target is missed.
#
# Usage: [BENCH_WARMUP=120] [BENCH_JAVA_OPTS=...] [BENCH_ARGS="--hsg.warmup.enabled=false"] [BENCH_NO_BUILD=1]
#        [BENCH_COLD_ONLY=1] [BENCH_JAR=target/hsg-cds.jar] bench/drivers/records.sh [seconds per run, default 10]
# BENCH_CMD runs the service with a given command instead (its Spring arguments are appended), e.g. the production
# command bench/aot.sh prints as its last line, with -Xmx256m (the start-up target is then judged as the image's):
#   BENCH_CMD="$(bench/aot.sh | tail -1 | sed 's/ @/ -Xmx256m @/')" bench/drivers/records.sh
# BENCH_COLD_ONLY=1: start-up, the cold 10 s, BENCH_WARMUP s of the median record, the median at 8 connections; the
# judge then checks the start-up and cold targets only.
# The Synthea requests come from bench/synthea/requests.py (BENCH_SYNTHEA_REQUESTS, default
# target/synthea/requests); bench/synthea/workload.py picks and narrows them. Results go to
# target/bench/records-<time>/ (results.tsv, the service log, the judge's output).
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/drivers/await-ready.sh
DURATION=${1:-10}
PORT=${BENCH_PORT:-18190}
MPORT=$((PORT + 1))
BASE="http://127.0.0.1:$PORT"
HOOK="$BASE/cds-services/hsg-order-sign"
OUT=target/bench
RES="$OUT/records-$(date +%Y%m%d-%H%M%S)"
SYNTHEA=${BENCH_SYNTHEA_REQUESTS:-target/synthea/requests}
WARMUP=${BENCH_WARMUP:-120}
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }
mkdir -p "$RES"

if [ "${BENCH_NO_BUILD:-0}" != 1 ] || [ ! -f target/hsg-cds.jar ]; then
  ./mvnw -B -o -q package -DskipTests
fi
if [ ! -f "$OUT/typical.json" ]; then
  ./mvnw -B -o -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT.cp" >/dev/null
  java -cp "target/test-classes:target/classes:$(cat "$OUT.cp")" org.hsgcds.bench.BenchRequests "$OUT"
fi
if [ ! -f "$OUT/synthea-max.json" ] || [ fhir-resources/cds-services.json -nt "$OUT/synthea-max.json" ]; then
  python3 bench/synthea/workload.py --requests "$SYNTHEA" --out "$OUT" | tee "$RES/workload.txt"
fi

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$RES/load.txt"
DATA=$(mktemp -d)
LOG="$RES/service.log"
START=$(date +%s%N)
# shellcheck disable=SC2086
${BENCH_CMD:-java -Xmx256m @docker/jvm.options ${BENCH_JAVA_OPTS:-} -jar ${BENCH_JAR:-target/hsg-cds.jar}} --server.port="$PORT" \
  --server.address=127.0.0.1 --management.server.port="$MPORT" --hsg.data-dir="$DATA" ${BENCH_ARGS:-} >"$LOG" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT
await_ready "$LOG" $PID
READY_MS=$(( ($(date +%s%N) - START) / 1000000 ))

TSV="$RES/results.tsv"
printf "target\tconns\trequests\tduration_us\tp50_us\tp90_us\tp99_us\tmax_us\tnon2xx\tsocket_errors\n" >"$TSV"
run() { # name conns body-file|- [url]
  local name=$1 conns=$2 body=$3 url=${4:-$HOOK}
  local threads=$(( conns < 2 ? 1 : 2 ))
  local line
  line=$( { [ "$body" = - ] && unset BODY_FILE || export BODY_FILE="$OUT/$body.json"
            wrk -t"$threads" -c"$conns" -d"${DURATION_OVERRIDE:-$DURATION}s" -s bench/drivers/stats.lua "$url"; } | grep '^STATS ')
  local -A v
  for kv in ${line#STATS }; do v[${kv%%=*}]=${kv#*=}; done
  printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n" "$name" "$conns" "${v[requests]}" "${v[duration_us]}" "${v[p50_us]}" \
    "${v[p90_us]}" "${v[p99_us]}" "${v[max_us]}" "${v[non2xx]}" "${v[socket_errors]}" >>"$TSV"
  awk -v n="$name" -v c="$conns" -v r="${v[requests]}" -v d="${v[duration_us]}" -v a="${v[p50_us]}" -v b="${v[p90_us]}" \
      -v p="${v[p99_us]}" -v m="${v[max_us]}" -v e="$(( ${v[non2xx]} + ${v[socket_errors]} ))" \
      'BEGIN { printf "%-22s %5s %9.0f %9.2f %9.2f %9.2f %9.1f %7s\n", n, c, r / (d / 1e6), a / 1e3, b / 1e3, p / 1e3, m / 1e3, e }'
}
alone() { # name body-file: five calls one after another, each its own connection
  local name=$1 body=$2 i
  for i in 1 2 3 4 5; do
    curl -s -o /dev/null -w "%{http_code} %{time_total}\n" -H 'Content-Type: application/json' \
      --data-binary @"$OUT/$body.json" "$HOOK"
  done | awk -v n="$name" -v tsv="$TSV" '
    { ms = $2 * 1000; if ($1 != 200) bad++; if (ms > worst) worst = ms; sum += ms; k++ }
    END { printf "%s\t1\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t0\n", n, k, sum * 1000, sum * 1000 / k, worst * 1000, worst * 1000, worst * 1000, bad >> tsv
          printf "%-22s %5s %9s %9.2f %9s %9s %9.1f %7d   (5 calls alone: mean, max)\n", n, 1, "-", sum / k, "", "", worst, bad }'
}

echo "start-up to ready: $READY_MS ms (JVM start included)"
grep -o "Started HsgCdsApplication in [0-9.]* seconds" "$LOG" || true
grep -o "Start-up warm-up.*" "$LOG" | head -1 || true
printf "%-22s %5s %9s %9s %9s %9s %9s %7s\n" target conns "req/s" "p50 ms" "p90 ms" "p99 ms" "max ms" errors
DURATION_OVERRIDE=10 run cold-median 8 synthea-median

if [ "${BENCH_COLD_ONLY:-0}" = 1 ]; then
  BODY_FILE="$OUT/synthea-median.json" wrk -t2 -c8 -d"${WARMUP}s" -s bench/drivers/stats.lua "$HOOK" >/dev/null
  run synthea-median 8 synthea-median
  RSS_KB=$(awk '/VmRSS/ {print $2}' /proc/$PID/status)
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$RES/load.txt"
  printf "ready_ms\t%s\nrss_kb\t%s\nerror_lines\t%s\n" "$READY_MS" "$RSS_KB" "$(grep -c " ERROR " "$LOG" || true)" >"$RES/facts.tsv"
  python3 bench/analysis/records_judge.py --cold-only "$RES" | tee "$RES/judge.txt"
  exit "${PIPESTATUS[0]}"
fi

echo "warm-up: ${WARMUP} s"
for body in synthea-median synthea-p99 synthea-max typical heavy non-hsg synthea-median-non-hsg synthea-median-full; do
  BODY_FILE="$OUT/$body.json" wrk -t2 -c8 -d"$(( WARMUP / 10 ))s" -s bench/drivers/stats.lua "$HOOK" >/dev/null
done
wrk -t2 -c8 -d"$(( WARMUP / 10 ))s" "$BASE/cds-services" >/dev/null
BODY_FILE="$OUT/synthea-median.json" wrk -t2 -c8 -d"$(( WARMUP / 10 ))s" -s bench/drivers/stats.lua "$HOOK" >/dev/null

for conns in 1 8 32; do
  run discovery "$conns" - "$BASE/cds-services"
  for body in synthea-median synthea-p99 typical heavy non-hsg synthea-median-non-hsg; do
    run "$body" "$conns" "$body"
  done
done
for body in synthea-median-full synthea-p99-full; do run "$body" 8 "$body"; done
alone synthea-max-alone synthea-max
alone synthea-max-full-alone synthea-max-full

RSS_KB=$(awk '/VmRSS/ {print $2}' /proc/$PID/status)
# An idle service gives memory back (docker/jvm.options: G1's periodic collection); a pod between bursts is that.
sleep 5
RSS_SETTLED_KB=$(awk '/VmRSS/ {print $2}' /proc/$PID/status)
ERRORS=$(grep -c " ERROR " "$LOG" || true)
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$RES/load.txt"
printf "ready_ms\t%s\nrss_kb\t%s\nrss_settled_kb\t%s\nerror_lines\t%s\n" "$READY_MS" "$RSS_KB" "$RSS_SETTLED_KB" "$ERRORS" >"$RES/facts.tsv"
echo
python3 bench/analysis/records_judge.py "$RES" | tee "$RES/judge.txt"
