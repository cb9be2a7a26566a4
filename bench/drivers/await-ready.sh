# Sourced by the drivers that start the service: await_ready LOG PID [SECONDS, default 30] [NAME, default service]
# returns once the service's log has the "hsg-cds ready" line, polling every 10 ms; it prints the end of the log and
# exits 1 when the process died first or the line did not come in time.
await_ready() {
  local log=$1 pid=$2 seconds=${3:-30} name=${4:-service} _
  for _ in $(seq 1 $((seconds * 100))); do
    grep -q "hsg-cds ready" "$log" && return 0
    kill -0 "$pid" 2>/dev/null || { echo "$name died:"; tail -20 "$log"; exit 1; }
    sleep 0.01
  done
  echo "$name not ready after $seconds s:"
  tail -20 "$log"
  exit 1
}
