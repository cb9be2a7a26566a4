#!/usr/bin/env bash
# Where the CPU goes while the service starts and in its first seconds (issue 24): starts the service with COMMAND
# (its Spring arguments are appended), and prints start-up to "hsg-cds ready", then CPU time per thread group (the
# main thread, the C1 and C2 compiler threads, GC, request threads, ...) used up to ready and, unless COLD=0, in the
# next 10 s of the median Synthea record at 8 connections (the window records.sh calls "cold"). CPU comes from
# /proc/PID/task/*/stat; threads that ended before a snapshot (the start-up warm-up's thread) are counted in
# "(ended threads)", the process's total minus the live threads.
#
# BY_SECOND=1: the cold window is driven by bench/drivers/calls_by_second.py instead of wrk, which also prints the calls,
# mean and worst latency per second and the slowest calls with their start.
# Usage: [RUNS=3] [COLD=1] [BY_SECOND=0] [BODY=target/bench/synthea-median.json] bench/drivers/thread_cpu.sh COMMAND...
#   e.g. bench/drivers/thread_cpu.sh $(bench/aot.sh | tail -1 | sed 's/ @/ -Xmx256m @/')
#        bench/drivers/thread_cpu.sh $(bench/aot.sh | tail -1 | sed 's/ @/ -Xmx256m @/') --hsg.warmup.enabled=false
# The body file comes from bench/drivers/records.sh (bench/synthea/workload.py); needs wrk for the cold window.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/drivers/await-ready.sh
[ $# -ge 1 ] || { echo "usage: thread_cpu.sh COMMAND..." >&2; exit 2; }
PORT=${BENCH_PORT:-18290}
BODY=${BODY:-target/bench/synthea-median.json}
TICK_MS=$((1000 / $(getconf CLK_TCK)))

groups() { # PID: "group<TAB>cpu ms" per thread group, and the ended threads
  local pid=$1 t name total=0 live=0
  for t in /proc/"$pid"/task/*; do
    name=$(cat "$t/comm" 2>/dev/null) || continue
    read -r ut st < <(awk '{print $14, $15}' "$t/stat")
    live=$((live + ut + st))
    printf "%s\t%d\n" "$(sed -E 's/[0-9]+$//; s/#$//; s/-exec-$/-exec/' <<<"$name")" $(((ut + st) * TICK_MS))
  done
  read -r ut st < <(awk '{print $14, $15}' /proc/"$pid"/stat)
  total=$((ut + st))
  printf "(ended threads)\t%d\n" $(((total - live) * TICK_MS))
}
summed() { awk -F'\t' '{a[$1] += $2} END {for (k in a) printf "%s\t%d\n", k, a[k]}' | sort; }
show() { # before-file after-file title
  join -t$'\t' -a2 -e0 -o 0,1.2,2.2 "$1" "$2" | awk -F'\t' -v title="$3" '
    { d = $3 - $2; total += d; if (d >= 50) printf "  %7d ms  %s\n", d, $1 }
    END { printf "  %7d ms  TOTAL %s\n", total, title }' | sort -rn
}

for run in $(seq 1 "${RUNS:-1}"); do
  DATA=$(mktemp -d)
  LOG="$DATA/service.log"
  START=$(date +%s%N)
  "$@" --server.port="$PORT" --server.address=127.0.0.1 --management.server.port=$((PORT + 1)) \
    --hsg.data-dir="$DATA/store" >"$LOG" 2>&1 &
  PID=$!
  await_ready "$LOG" $PID 60
  READY_MS=$((($(date +%s%N) - START) / 1000000))
  groups $PID | summed >"$DATA/ready.tsv"
  echo "run $run: ready $READY_MS ms; $(grep -o 'Start-up warm-up: [0-9]* hook calls' "$LOG" || echo 'no warm-up')"
  : >"$DATA/zero.tsv"
  show "$DATA/zero.tsv" "$DATA/ready.tsv" "up to ready"
  if [ "${COLD:-1}" = 1 ]; then
    if [ "${BY_SECOND:-0}" = 1 ]; then
      STATS=$(python3 bench/drivers/calls_by_second.py "http://127.0.0.1:$PORT/cds-services/hsg-order-sign" "$BODY" 8 10)
    else
      STATS=$(BODY_FILE="$BODY" wrk -t2 -c8 -d10s -s bench/drivers/stats.lua \
        "http://127.0.0.1:$PORT/cds-services/hsg-order-sign" | grep '^STATS ')
    fi
    groups $PID | summed >"$DATA/cold.tsv"
    echo "  first 10 s after ready, 8 connections: ${STATS#STATS }"
    show "$DATA/ready.tsv" "$DATA/cold.tsv" "in those 10 s"
  fi
  kill $PID 2>/dev/null || true
  wait $PID 2>/dev/null || true
  rm -rf "$DATA"
done
