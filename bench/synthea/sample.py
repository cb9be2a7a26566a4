#!/usr/bin/env python3
"""Picks a few generated patients and writes them, trimmed, to src/test/resources/synthea/ for
SyntheaSampleTest. Deterministic: the first patient (by file name) that fits each case.

    python3 bench/synthea/sample.py [--in target/synthea/output/fhir]
                                    [--out src/test/resources/synthea] [--reference-date 2026-12-01]

Each sample file: {description, source, referenceDate, plannedDate, patient, resources}. The record
is as it stood on the planned date (see hsg_synthea.as_of), plus the added LMP (cycle day 9, tagged
added-lmp), trimmed to Patient, Condition, AllergyIntolerance, Observation and Procedure:
every Condition and AllergyIntolerance; Procedures with a delivery/abortion/miscarriage/curettage or
pregnancy code at any date and others from the last 365 days; Observations from the last 90 days;
Conditions but social findings. Narrative, identifiers, encounter references dropped. Codes and dates are kept as generated; the test shifts every date by (today - referenceDate).
"""
import argparse
import datetime as dt
import glob
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hsg_synthea as h  # noqa: E402

DROP = ("text", "meta", "issued", "encounter", "identifier", "reasonReference", "location", "performer",
        "asserter", "recorder", "hasMember", "derivedFrom")
CHRONIC_SYSTEMIC = {"91302008", "46177005", "433144002", "84114007", "88805009", "90688005"}
CHRONIC_OTHER = {"44054006", "59621000", "431855005", "127013003", "40055000", "128613002",
                 "87433001", "185086009", "69896004"}


def trim(resource):
    r = {k: v for k, v in resource.items() if k not in DROP or (k == "meta" and "tag" in v)}
    if r["resourceType"] == "Patient":
        name = (resource.get("name") or [{}])[0]
        r = {"resourceType": "Patient", "id": resource["id"], "gender": resource.get("gender"),
             "birthDate": resource.get("birthDate"),
             "name": [{"family": name.get("family"), "given": name.get("given")}]}
    return r


def dump(sample):
    """Top-level keys one per line, each resource on its own line: small and diff-friendly."""
    one = lambda v: json.dumps(v, ensure_ascii=False, separators=(",", ":"))  # noqa: E731
    lines = ['  "%s": %s,' % (k, one(v)) for k, v in sample.items() if k != "resources"]
    body = ",\n".join("    " + one(r) for r in sample["resources"])
    return "{\n" + "\n".join(lines) + '\n  "resources": [\n' + body + "\n  ]\n}\n"


def keep(r, planned):
    t = r["resourceType"]
    if t == "AllergyIntolerance" or r.get("id") == "bench-lmp":
        return True
    relevant = any(h.is_event_code(c) or h.is_pregnancy_code(c) for c in h.codings(r))
    if t == "Condition":  # social and lifestyle findings out; disorders, situations, events in
        return relevant or not all(c.get("display", "").endswith("(finding)") for c in h.codings(r))
    d = h.start_date(r)
    age = (planned - d).days if d else 10 ** 6
    if t == "Procedure":
        return relevant or age <= 365
    return relevant or age <= 90


def codes(resources, rtype=None):
    return {c.get("code") for r in resources if rtype in (None, r["resourceType"]) for c in h.codings(r)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--in", dest="src", default="target/synthea/output/fhir")
    ap.add_argument("--out", default="src/test/resources/synthea")
    ap.add_argument("--reference-date", default="2026-12-01")
    args = ap.parse_args()
    reference = dt.date.fromisoformat(args.reference_date)
    day = dt.timedelta(days=1)

    # case name -> (description, predicate(patient facts) -> planned date or None)
    def latest_is(code_set):
        def pick(events, resources):
            if events and events[-1][1] in code_set and \
                    not any(e[0] == events[-1][0] and e[1] not in code_set for e in events):
                return events[-1][0] + 28 * day
            return None
        return pick

    cases = [
        ("01-childbirth-28d", "28 days after a Synthea 3.3.0 Childbirth procedure (SNOMED 66348005), no other delivery code that day",
         latest_is({"66348005"})),
        ("02-premature-birth-28d", "28 days after a Premature birth of newborn procedure (SNOMED 65588006)",
         latest_is({"65588006"})),
        ("03-cesarean-28d", "28 days after a Cesarean section (SNOMED 11466000) recorded with Childbirth",
         lambda ev, rs: ev[-1][0] + 28 * day if ev and ev[-1][1] == "11466000" else None),
        ("04-miscarriage-28d", "28 days after a miscarriage Condition (SNOMED 19169002 / 156073000 / 85116003, recorded resolved)",
         latest_is({"19169002", "156073000", "85116003"})),
        ("05-induced-termination-28d", "28 days after an Induced termination of pregnancy procedure (SNOMED 714812005)",
         latest_is({"714812005"})),
        ("06-delivery-within-42d-of-reference", "planned on the reference date, a delivery less than 42 days before it",
         lambda ev, rs: reference if ev and 0 <= (reference - ev[-1][0]).days < 42 else None),
        ("07-pregnant", "planned on the reference date, an active Normal pregnancy (SNOMED 72892002, no abatement)",
         lambda ev, rs: reference if h.active_pregnancies(rs, reference) else None),
        ("08-chronic-systemic", "planned on the reference date, active chronic disease codes (e.g. chronic kidney disease, sepsis, end-stage renal disease, diabetic kidney disease)",
         lambda ev, rs: reference if not h.recent_events(rs, reference) and not h.active_pregnancies(rs, reference)
         and codes([r for r in rs if h.status_code(r, "clinicalStatus") == "active"], "Condition") & CHRONIC_SYSTEMIC else None),
        ("09-chronic-past-births", "planned on the reference date, births long ago, chronic conditions (hypertension, prediabetes, ...)",
         lambda ev, rs: reference if ev and (reference - ev[-1][0]).days > 365 and not h.active_pregnancies(rs, reference)
         and codes([r for r in rs if h.status_code(r, "clinicalStatus") == "active"], "Condition") & CHRONIC_OTHER else None),
    ]
    chosen = {}
    for path in sorted(glob.glob(os.path.join(args.src, "*.json"))):
        if len(chosen) == len(cases):
            break
        patient, resources = h.read_patient_bundle(path)
        if patient is None or patient.get("deceasedDateTime"):
            continue
        if any(v[0] == path for v in chosen.values()):
            continue
        events = h.uterine_events(resources)
        for name, description, pick in cases:
            if name in chosen:
                continue
            planned = pick(events, resources)
            if planned is not None:
                chosen[name] = (path, description, planned, patient, resources)
                break

    os.makedirs(args.out, exist_ok=True)
    for old in glob.glob(os.path.join(args.out, "*.json")):
        os.remove(old)
    for name, _, _ in cases:
        if name not in chosen:
            print("no patient for %s" % name)
            continue
        path, description, planned, patient, resources = chosen[name]
        record = [r for r in h.as_of(resources, planned) if keep(r, planned)]
        record.append(h.lmp_observation(patient["id"], planned))
        sample = {
            "description": description,
            "source": "Synthea 3.3.0, bench/synthea/generate.sh defaults (seed 20261201, clinician seed 4242,"
                      " reference date 2026-12-01, women 18-45, Massachusetts), " + os.path.basename(path)
                      + "; trimmed by bench/synthea/sample.py; bench-lmp added",
            "referenceDate": reference.isoformat(),
            "plannedDate": planned.isoformat(),
            "patient": trim(patient),
            "resources": [trim(r) for r in record],
        }
        out = os.path.join(args.out, name + ".json")
        with open(out, "w", encoding="utf-8") as f:
            f.write(dump(sample))
        print("%-40s %-12s %4d resources %4d KB  %s" % (
            name, planned, len(record) + 1, os.path.getsize(out) // 1024, os.path.basename(path)))


if __name__ == "__main__":
    main()
