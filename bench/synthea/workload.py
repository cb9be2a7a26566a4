#!/usr/bin/env python3
"""Picks the benchmark's Synthea records from the order-sign requests that requests.py wrote.

    python3 bench/synthea/workload.py [--requests target/synthea/requests] [--out target/bench]
                                      [--services fhir-resources/cds-services.json]

requests.py sends every Observation of a patient (the record "before" the prefetch templates were
narrowed). An EHR following the service's own templates sends only the Observations whose code is
in the `observations` template's `code=` list (any coding matching, as a FHIR token search does);
the other keys are not narrowed by the templates, so they are sent as they are.

Of the narrowed requests, the median, 99th percentile and largest by resource count (nearest rank)
are written to OUT as
  synthea-median.json, synthea-p99.json, synthea-max.json   narrowed, as the templates ask;
  synthea-median-full.json, -p99-full.json, -max-full.json  the same patients with every Observation;
  synthea-median-non-hsg.json                               the narrowed median record with a draft
                                                            order that is not an HSG (a chest X-ray,
                                                            LOINC 36643-5, as BenchRequests' non-hsg).
Prints a table of what was picked (names stay in target/; nothing here reads patient data back out).
"""
import argparse
import copy
import glob
import json
import os
import sys
from urllib.parse import unquote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hsg_synthea as h  # noqa: E402


def template_codes(services_path):
    """{(system, code)} of the observations template's code= parameter."""
    with open(services_path, encoding="utf-8") as f:
        template = json.load(f)["prefetch"]["observations"]
    query = template.split("?", 1)[1]
    for part in query.split("&"):
        name, _, value = part.partition("=")
        if name == "code":
            out = set()
            for token in unquote(value).split(","):
                system, _, code = token.rpartition("|")
                out.add((system, code))
            return out
    raise SystemExit("the observations template has no code= parameter: nothing to narrow")


def narrowed(request, codes):
    out = copy.deepcopy(request)
    bundle = out["prefetch"]["observations"]
    bundle["entry"] = [e for e in bundle.get("entry", [])
                       if any((c.get("system"), c.get("code")) in codes for c in h.codings(e["resource"]))]
    bundle["total"] = len(bundle["entry"])
    return out


def resource_count(request):
    n = 1 if request["prefetch"].get("patient") else 0
    for key in h.TYPES.values():
        n += len(request["prefetch"].get(key, {}).get("entry", []))
    return n


def non_hsg(request):
    out = copy.deepcopy(request)
    order = out["context"]["draftOrders"]["entry"][0]["resource"]
    order["id"] = "chest-xray-order"
    order["code"] = {"coding": [{"system": h.LOINC, "code": "36643-5", "display": "XR Chest 2 Views"}]}
    return out


def dump(path, request):
    body = json.dumps(request, separators=(",", ":")).encode("utf-8")
    with open(path, "wb") as f:
        f.write(body)
    return len(body)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", default="target/synthea/requests")
    ap.add_argument("--out", default="target/bench")
    ap.add_argument("--services", default="fhir-resources/cds-services.json")
    args = ap.parse_args()
    codes = template_codes(args.services)
    paths = sorted(glob.glob(os.path.join(args.requests, "*.json")))
    if not paths:
        raise SystemExit("no requests in %s: run bench/synthea/generate.sh and requests.py first" % args.requests)
    counted = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            full = json.load(f)
        counted.append((resource_count(narrowed(full, codes)), resource_count(full), path))
    counted.sort()
    n = len(counted)
    picks = {"median": counted[max(0, -(-50 * n // 100) - 1)],
             "p99": counted[max(0, -(-99 * n // 100) - 1)],
             "max": counted[-1]}
    os.makedirs(args.out, exist_ok=True)
    print("%d Synthea requests; observations narrowed to the template's %d codes" % (n, len(codes)))
    print("%-8s %10s %10s %12s %12s" % ("record", "resources", "full", "body KB", "full KB"))
    for label, (count, full_count, path) in picks.items():
        with open(path, encoding="utf-8") as f:
            full = json.load(f)
        small = narrowed(full, codes)
        kb = dump(os.path.join(args.out, "synthea-%s.json" % label), small) / 1024
        full_kb = dump(os.path.join(args.out, "synthea-%s-full.json" % label), full) / 1024
        if label == "median":
            dump(os.path.join(args.out, "synthea-median-non-hsg.json"), non_hsg(small))
        print("%-8s %10d %10d %12.0f %12.0f" % (label, count, full_count, kb, full_kb))
    all_counts = sorted(c[0] for c in counted)
    all_full = sorted(c[1] for c in counted)
    print("narrowed resources per request: " + ", ".join("%s %d" % kv for kv in h.percentiles(all_counts).items()))
    print("full resources per request:     " + ", ".join("%s %d" % kv for kv in h.percentiles(all_full).items()))


if __name__ == "__main__":
    main()
