-- wrk script for bench/drivers/records.sh: POSTs the JSON file named by BODY_FILE (GET when BODY_FILE is
-- unset) and prints one machine-readable line at the end (latencies in microseconds; socket errors
-- are connect + read + write + timeout).
local body_file = os.getenv("BODY_FILE")
if body_file and body_file ~= "" then
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  local file = assert(io.open(body_file, "rb"))
  wrk.body = file:read("*a")
  file:close()
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("STATS requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, e.status, e.connect + e.read + e.write + e.timeout))
end
