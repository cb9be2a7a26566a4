-- wrk script: POSTs the JSON file named by BODY_FILE to the URL given on the command line.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local file = assert(io.open(os.getenv("BODY_FILE"), "r"))
wrk.body = file:read("*a")
file:close()

-- Non-2xx answers, so a run that returns errors is visible in the summary.
done = function(summary, latency, requests)
  io.write(string.format("non-200: %d\n", summary.errors.status))
end
