#!/usr/bin/env python3
"""Every call's start and latency over a short window, summed per second: how the first seconds after ready go.

Drives a running service with N connections (threads, each its own keep-alive connection) posting one body for S
seconds, and prints the count, p99, the mean and worst latency per second, and the slowest calls with their start.
Start it the moment the service logs "hsg-cds ready" (bench/drivers/await-ready.sh), e.g.

    java ... --server.port=18500 ... &  # wait for "hsg-cds ready", then:
    python3 bench/drivers/calls_by_second.py http://127.0.0.1:18500/cds-services/hsg-order-sign \\
        target/bench/synthea-median.json [connections, default 8] [seconds, default 10]

wrk (records.sh) gives the window's totals; this gives its shape. Python's client costs some CPU of its own, so its
totals are a little below wrk's on the same window.
"""
import http.client
import sys
import threading
import time
import urllib.parse


def main():
    url = urllib.parse.urlsplit(sys.argv[1])
    body = open(sys.argv[2], 'rb').read()
    connections = int(sys.argv[3]) if len(sys.argv) > 3 else 8
    seconds = float(sys.argv[4]) if len(sys.argv) > 4 else 10
    calls, failures, lock = [], [], threading.Lock()
    start = time.monotonic()

    def client():
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        while time.monotonic() - start < seconds:
            began = time.monotonic()
            connection.request('POST', url.path, body, {'Content-Type': 'application/json'})
            response = connection.getresponse()
            response.read()
            with lock:
                calls.append((began - start, time.monotonic() - began))
                if response.status != 200:
                    failures.append(response.status)

    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    latencies = sorted(latency for _, latency in calls)
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] if latencies else 0
    print(f"{len(calls)} calls in {seconds:g} s at {connections} connections, p99 {p99 * 1000:.0f} ms, "
          f"{len(failures)} not 200")
    print("second  calls  mean ms  max ms")
    for second in range(int(seconds)):
        in_second = [latency for began, latency in calls if second <= began < second + 1]
        if in_second:
            print(f"{second:6d}  {len(in_second):5d}  {sum(in_second) / len(in_second) * 1000:7.0f}  "
                  f"{max(in_second) * 1000:6.0f}")
    slowest = sorted(calls, key=lambda call: -call[1])[:12]
    print("slowest: " + ", ".join(f"{latency * 1000:.0f} ms at {began:.2f} s" for began, latency in slowest))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
