#!/usr/bin/env bash
# Short side-by-side of start-up commands (issue 24): for each command, RUNS times: start-up to the "hsg-cds ready"
# line, the first 10 s after ready (cold), a warm-up, then steady state at 8 connections (order-sign with a bundled
# example request, and discovery as the baseline), and resident memory 5 s after the load. With wrk (Debian `wrk`).
# Usage: [RUNS=3] [WARMUP=20] [BODY=fhir-resources/examples/order-sign-ready.json] \
#        bench/drivers/aot_compare.sh "label=java ... -jar x.jar" ["label=..." ...]
# e.g.   bench/drivers/aot_compare.sh "plain=$JAVA25/bin/java -Xmx256m @docker/jvm.options -jar target/hsg-cds.jar" \
#                             "aot=$(bench/aot.sh | tail -1 | sed 's/ @/ -Xmx256m @/')"
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/drivers/await-ready.sh
RUNS=${RUNS:-3}
WARMUP=${WARMUP:-20}
export BODY_FILE=${BODY:-fhir-resources/examples/order-sign-ready.json}
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }
PORT=${BENCH_PORT:-18650}

rate() { # conns seconds url [lua]: prints "req/s p99_ms non2xx"
  local out
  if [ -n "${4:-}" ]; then out=$(wrk -t2 -c"$1" -d"$2s" --latency -s "$4" "$3"); else out=$(wrk -t2 -c"$1" -d"$2s" --latency "$3"); fi
  awk '/Requests\/sec/ {r=$2} $1=="99%" {p=$2} /non-200:/ {e=$2}
       END { if (p ~ /us$/) { sub(/us$/, "", p); p = p / 1000 } else if (p ~ /ms$/) { sub(/ms$/, "", p) } else if (p ~ /s$/) { sub(/s$/, "", p); p = p * 1000 }
             printf "%.0f %.1f %d", r, p, e }' <<<"$out"
}

printf "%-8s %3s %8s %12s %9s %12s %9s %12s %8s %8s\n" label run ready_ms cold_req/s cold_p99 steady_req/s p99_ms discovery/s ratio rss_MB
for spec in "$@"; do
  label=${spec%%=*}; cmd=${spec#*=}
  for run in $(seq 1 "$RUNS"); do
    DATA=$(mktemp -d); LOG=$(mktemp)
    START=$(date +%s%N)
    # shellcheck disable=SC2086
    $cmd --server.port="$PORT" --server.address=127.0.0.1 --management.server.port=0 --hsg.data-dir="$DATA" >"$LOG" 2>&1 &
    PID=$!
    await_ready "$LOG" $PID 30 "$label"
    READY=$(( ($(date +%s%N) - START) / 1000000 ))
    HOOK="http://127.0.0.1:$PORT/cds-services/hsg-order-sign"
    read -r cr cp ce <<<"$(rate 8 10 "$HOOK" bench/drivers/post.lua)"
    wrk -t2 -c8 -d"${WARMUP}s" -s bench/drivers/post.lua "$HOOK" >/dev/null
    read -r sr sp se <<<"$(rate 8 10 "$HOOK" bench/drivers/post.lua)"
    read -r dr _ _ <<<"$(rate 8 10 "http://127.0.0.1:$PORT/cds-services")"
    sleep 5
    RSS=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' /proc/$PID/status)
    kill $PID; wait $PID 2>/dev/null || true
    WARN=$(grep -ciE "AOT cache.*(not|fail|disabled|mismatch)|Unable to use" "$LOG" || true)
    printf "%-8s %3s %8s %12s %9s %12s %9s %12s %8.3f %8s %s\n" "$label" "$run" "$READY" "$cr" "$cp" "$sr" "$sp" "$dr" \
      "$(awk -v a="$sr" -v b="$dr" 'BEGIN { print a / b }')" "$RSS" "$([ $((ce + se)) -gt 0 ] && echo "errors=$((ce + se))") $([ "$WARN" -gt 0 ] && echo "aot-warnings=$WARN")"
    rm -rf "$DATA" "$LOG"
  done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (2 cores shared with other builds)"
