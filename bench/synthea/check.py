#!/usr/bin/env python3
"""Posts every request made by requests.py to a running hsg-cds and checks the answers against the
data in each request.

    python3 bench/synthea/check.py [--url http://127.0.0.1:8080] [--dir target/synthea/requests]

Starts nothing: the service must be running at --url. Prints per-topic counts (topic code x
indicator, from cards[].source.topic.code and cards[].indicator) and HTTP statuses, then FLAGS
(the codes, statuses and dating rules are in oracle-rules.json, shared with SyntheaSampleTest):
  * `eligible` when the record holds a delivery/abortion/miscarriage/curettage code dated 0-41
    days before the planned date, or one whose date is uncertain (only when it was recorded, or a
    procedure of unknown status) in that span;
  * `eligible` beside a pregnancy Condition active on the planned date;
  * `eligible` beside a critical card.
Also reports (not flags) events within 42 days that got no recent-uterine-event critical card.
Exit code 1 when anything is flagged, 2 when a call failed to answer 200.
"""
import argparse
import collections
import glob
import json
import os
import sys
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hsg_synthea as h  # noqa: E402


def post(url, body):
    req = urllib.request.Request(url, data=body, method="POST",
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as e:
        return e.code, None


def topic(card):
    return card.get("source", {}).get("topic", {}).get("code", "?")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", default="http://127.0.0.1:8080")
    ap.add_argument("--dir", default="target/synthea/requests")
    args = ap.parse_args()
    endpoint = args.url.rstrip("/") + "/cds-services/hsg-order-sign"
    files = sorted(glob.glob(os.path.join(args.dir, "*.json")))
    if not files:
        sys.exit("no requests in %s: run bench/synthea/requests.py first" % args.dir)

    per_topic = collections.Counter()
    statuses = collections.Counter()
    flags, missed = [], []
    flags_by_code, missed_by_code = collections.Counter(), collections.Counter()
    recent_total = recent_caught = pregnant_total = pregnant_caught = 0
    started = time.time()
    for path in files:
        name = os.path.basename(path)
        with open(path, "rb") as f:
            body = f.read()
        planned, resources = h.request_facts(json.loads(body))
        status, answer = post(endpoint, body)
        statuses[status] += 1
        if status != 200:
            continue
        cards = answer.get("cards", [])
        for c in cards:
            per_topic[(topic(c), c.get("indicator"))] += 1
        eligible = any(topic(c) == "eligible" for c in cards)
        critical = {topic(c) for c in cards if c.get("indicator") == "critical"}
        recent = h.recent_events(resources, planned)
        pregnant = h.active_pregnancies(resources, planned)
        uncertain = h.uncertain_events(resources, planned)
        if recent:
            recent_total += 1
            if "recent-uterine-event" in critical:
                recent_caught += 1
            else:
                missed_by_code[recent[-1][1]] += 1
                missed.append("%s: %s dated %s (%d days before %s), cards %s" % (
                    name, recent[-1][1], recent[-1][0], (planned - recent[-1][0]).days, planned,
                    sorted({topic(c) + "/" + c.get("indicator", "") for c in cards})))
        if pregnant:
            pregnant_total += 1
            if "pregnancy" in critical:
                pregnant_caught += 1
        if eligible and recent:
            flags_by_code["recent " + recent[-1][1]] += 1
            flags.append("FLAG %s: eligible %d days after %s (%s, %s) on planned date %s" % (
                name, (planned - recent[-1][0]).days, recent[-1][1], recent[-1][2], recent[-1][0], planned))
        if eligible and uncertain and not recent:
            flags_by_code["uncertain " + uncertain[-1][1]] += 1
            flags.append("FLAG %s: eligible beside %s (%s) dated uncertainly %s, planned date %s" % (
                name, uncertain[-1][1], uncertain[-1][2], uncertain[-1][0], planned))
        if eligible and pregnant:
            flags_by_code["pregnancy " + pregnant[0][1]] += 1
            flags.append("FLAG %s: eligible beside an active pregnancy Condition %s (%s, onset %s)" % (
                name, pregnant[0][1], pregnant[0][2], pregnant[0][0]))
        if eligible and critical:
            flags_by_code["critical " + ",".join(sorted(critical))] += 1
            flags.append("FLAG %s: eligible beside critical %s" % (name, sorted(critical)))

    elapsed = time.time() - started
    print("%d requests to %s in %.0f s; HTTP %s" % (len(files), endpoint, elapsed,
          ", ".join("%s: %d" % kv for kv in sorted(statuses.items()))))
    print("\n%-26s %-9s %6s" % ("topic", "indicator", "cards"))
    for (t, ind), n in sorted(per_topic.items()):
        print("%-26s %-9s %6d" % (t, ind, n))
    print("\nrecords with a delivery/abortion/miscarriage code 0-41 days before the planned date: %d,"
          " with a recent-uterine-event critical card: %d" % (recent_total, recent_caught))
    print("records with a pregnancy Condition active on the planned date: %d,"
          " with a pregnancy critical card: %d" % (pregnant_total, pregnant_caught))
    for code, n in sorted(missed_by_code.items(), key=lambda kv: -kv[1]):
        print("  latest event %s: %d without a recent-uterine-event critical card" % (code, n))
    for m in missed[:5]:
        print("    e.g. " + m)
    print()
    for f in flags:
        print(f)
    print("\n%d flag(s)%s" % (len(flags), "".join(
        "\n  %-40s %d" % kv for kv in sorted(flags_by_code.items(), key=lambda kv: -kv[1]))))
    if flags:
        sys.exit(1)
    if any(s != 200 for s in statuses):
        sys.exit(2)


if __name__ == "__main__":
    main()
