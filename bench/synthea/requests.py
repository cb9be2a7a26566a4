#!/usr/bin/env python3
"""Turns each Synthea patient Bundle into CDS Hooks order-sign requests for hsg-order-sign.

    python3 bench/synthea/requests.py [--in target/synthea/output/fhir]
                                      [--out target/synthea/requests]
                                      [--reference-date 2026-12-01] [--no-lmp]

Per patient:
  <name>__ref.json      planned date = the Synthea reference date (the end of the simulation);
  <name>__event28.json  for a patient with a delivery/abortion/miscarriage code: planned date 28
                        days after the latest such event, with the record as it stood that day
                        (nothing that started later; a condition that abated later still active).
Each request carries an added LMP Observation (cycle day 9 on the planned date, tagged
added-lmp) unless --no-lmp: Synthea records no LMP, and without one the service never answers
`eligible`, which is where a missed contraindication would show.

Prints p50/p90/p99/max of resources per request and request body sizes.
"""
import argparse
import datetime as dt
import glob
import json
import os
import sys
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hsg_synthea as h  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--in", dest="src", default="target/synthea/output/fhir")
    ap.add_argument("--out", default="target/synthea/requests")
    ap.add_argument("--reference-date", default="2026-12-01")
    ap.add_argument("--no-lmp", action="store_true")
    args = ap.parse_args()
    reference = dt.date.fromisoformat(args.reference_date)
    os.makedirs(args.out, exist_ok=True)
    for old in glob.glob(os.path.join(args.out, "*.json")):
        os.remove(old)

    sizes, resource_counts, written, with_event = [], [], 0, 0
    for path in sorted(glob.glob(os.path.join(args.src, "*.json"))):
        patient, resources = h.read_patient_bundle(path)
        if patient is None:
            continue  # hospital / practitioner files, if exported
        name = os.path.splitext(os.path.basename(path))[0]
        plans = [("ref", reference)]
        events = h.uterine_events(resources)
        if events:
            with_event += 1
            plans.append(("event28", events[-1][0] + dt.timedelta(days=28)))
        for label, planned in plans:
            record = h.as_of(resources, planned)
            if not args.no_lmp:
                record = record + [h.lmp_observation(patient["id"], planned)]
            hook_instance = str(uuid.uuid5(uuid.NAMESPACE_URL, "hsg-cds/synthea/%s/%s" % (name, label)))
            body = json.dumps(h.order_sign_request(patient, record, planned, hook_instance),
                              separators=(",", ":")).encode("utf-8")
            with open(os.path.join(args.out, "%s__%s.json" % (name, label)), "wb") as f:
                f.write(body)
            sizes.append(len(body))
            resource_counts.append(len(record) + 1)
            written += 1

    print("%d requests from %d patients (%d with a delivery/abortion/miscarriage event) in %s"
          % (written, written - with_event, with_event, args.out))
    rc = h.percentiles(resource_counts)
    kb = {k: v / 1024 for k, v in h.percentiles(sizes).items()}
    print("resources per request: " + ", ".join("%s %d" % kv for kv in rc.items()))
    print("request body KB:       " + ", ".join("%s %.0f" % kv for kv in kb.items()))
    over = sum(1 for s in sizes if s > 5 * 1024 * 1024)
    if over:
        print("%d request(s) over 5 MB (the service's default hsg.security.max-body-size)" % over)


if __name__ == "__main__":
    main()
