#!/usr/bin/env python3
"""Judges one bench/drivers/records.sh run against issue 19's targets: python3 bench/analysis/records_judge.py RESULT_DIR

Reads RESULT_DIR/results.tsv (one wrk run per line) and facts.tsv (ready time, RSS, ERROR lines),
prints PASS/FAIL per target with the measured value, and exits 1 when any target is missed.
Throughput targets are ratios to discovery in the same run, since this machine's speed varies.
"""
import csv
import os
import sys

READY_MS = 6000
MEDIAN_VS_DISCOVERY_32 = 0.10
MEDIAN_P99_8_MS = 20
P99_RECORD_P99_8_MS = 100
LARGEST_ALONE_MS = 500
COLD_SHARE = 0.50
COLD_P99_MS = 100
NON_HSG_VS_DISCOVERY = 0.5
NON_HSG_MEDIAN_VS_HSG = 5.0
RSS_MB = 400


def cold(check, rps, p99):
    share = rps("cold-median", 8) / rps("synthea-median", 8)
    check("cold: first 10 s after ready >= %d%% of steady (median, 8 conns)" % (COLD_SHARE * 100), share >= COLD_SHARE,
          "%.0f%% (%.0f vs %.0f calls/s)" % (share * 100, rps("cold-median", 8), rps("synthea-median", 8)))
    check("cold: first 10 s after ready p99 <= %d ms (median, 8 conns)" % COLD_P99_MS, p99("cold-median", 8) <= COLD_P99_MS,
          "%.1f ms" % p99("cold-median", 8))


def main():
    cold_only = "--cold-only" in sys.argv
    folder = [a for a in sys.argv[1:] if not a.startswith("--")][0]
    rows = {}
    with open(os.path.join(folder, "results.tsv"), encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            rows[(r["target"], int(r["conns"]))] = r
    facts = {}
    with open(os.path.join(folder, "facts.tsv"), encoding="utf-8") as f:
        for line in f:
            k, v = line.rstrip("\n").split("\t")
            facts[k] = int(v or 0)

    def rps(name, conns):
        r = rows[(name, conns)]
        return int(r["requests"]) / (int(r["duration_us"]) / 1e6)

    def p99(name, conns):
        return int(rows[(name, conns)]["p99_us"]) / 1000

    results = []

    def check(label, ok, value):
        results.append(ok)
        print("%-4s %-62s %s" % ("PASS" if ok else "FAIL", label, value))

    check("start-up to ready <= %d ms (plain jar)" % READY_MS, facts["ready_ms"] <= READY_MS, "%d ms" % facts["ready_ms"])
    if cold_only:
        cold(check, rps, p99)
        bad = sum(int(r["non2xx"]) + int(r["socket_errors"]) for r in rows.values())
        check("zero errors (non-2xx, socket errors) over every run", bad == 0, "%d" % bad)
        print("\n%d of %d targets met (start-up and cold only)" % (sum(results), len(results)))
        sys.exit(0 if all(results) else 1)
    ratio = rps("synthea-median", 32) / rps("discovery", 32)
    check("median record >= %.2fx discovery at 32 connections" % MEDIAN_VS_DISCOVERY_32, ratio >= MEDIAN_VS_DISCOVERY_32,
          "%.3fx (%.0f vs %.0f calls/s)" % (ratio, rps("synthea-median", 32), rps("discovery", 32)))
    check("median record p99 <= %d ms at 8 connections" % MEDIAN_P99_8_MS, p99("synthea-median", 8) <= MEDIAN_P99_8_MS,
          "%.1f ms" % p99("synthea-median", 8))
    check("p99 record p99 <= %d ms at 8 connections" % P99_RECORD_P99_8_MS, p99("synthea-p99", 8) <= P99_RECORD_P99_8_MS,
          "%.1f ms" % p99("synthea-p99", 8))
    alone = int(rows[("synthea-max-alone", 1)]["max_us"]) / 1000
    check("largest record alone <= %d ms (worst of 5 calls)" % LARGEST_ALONE_MS, alone <= LARGEST_ALONE_MS, "%.0f ms" % alone)
    cold(check, rps, p99)
    for conns in (1, 8, 32):
        ratio = rps("non-hsg", conns) / rps("discovery", conns)
        check("non-HSG, typical body >= %.1fx discovery at %d" % (NON_HSG_VS_DISCOVERY, conns), ratio >= NON_HSG_VS_DISCOVERY,
              "%.2fx" % ratio)
    for conns in (1, 8, 32):
        ratio = rps("synthea-median-non-hsg", conns) / rps("synthea-median", conns)
        check("non-HSG, median record >= %.0fx the HSG call on it at %d" % (NON_HSG_MEDIAN_VS_HSG, conns),
              ratio >= NON_HSG_MEDIAN_VS_HSG, "%.1fx" % ratio)
    rss = facts["rss_kb"] / 1024
    settled = facts.get("rss_settled_kb", facts["rss_kb"]) / 1024
    check("RSS after the load <= %d MB (-Xmx256m; 5 s after the last call)" % RSS_MB, settled <= RSS_MB,
          "%.0f MB (%.0f MB at the last call)" % (settled, rss))
    bad = sum(int(r["non2xx"]) + int(r["socket_errors"]) for r in rows.values())
    check("zero errors (non-2xx, socket errors) over every run", bad == 0, "%d" % bad)
    check("no ERROR line in the service log", facts["error_lines"] == 0, "%d" % facts["error_lines"])
    before = ", ".join("%s %.0f calls/s p99 %.1f ms" % (n, rps(n, 8), p99(n, 8))
                       for n in ("synthea-median-full", "synthea-median", "synthea-p99-full", "synthea-p99"))
    print("\nbefore/after narrowing, 8 connections: " + before)
    full_alone = int(rows[("synthea-max-full-alone", 1)]["max_us"]) / 1000
    print("largest record alone, every Observation: worst of 5 %.0f ms (narrowed: %.0f ms)" % (full_alone, alone))
    print("\n%d of %d targets met" % (sum(results), len(results)))
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
