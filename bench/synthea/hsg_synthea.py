"""Shared by requests.py, check.py and sample.py: the codes that matter to the HSG rules, reading a
Synthea patient Bundle, and building a CDS Hooks order-sign request from it. Standard library only.

Dates: a FHIR date or dateTime is compared by its calendar date as written (the first ten
characters), the way a clinician reads it; Synthea writes local times with an offset.

The oracle's clinical facts (event and pregnancy codes, which statuses count, how events are dated)
are data, in oracle-rules.json next to this file, shared with the Java SyntheaSampleTest.
"""
import datetime as dt
import json
import os
import re

SNOMED = "http://snomed.info/sct"
ICD10 = "http://hl7.org/fhir/sid/icd-10-cm"
LOINC = "http://loinc.org"
TYPES = {"Condition": "conditions", "AllergyIntolerance": "allergies",
         "Observation": "observations", "Procedure": "procedures"}

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "oracle-rules.json"),
          encoding="utf-8") as _f:
    RULES = json.load(_f)
CPT = "http://www.ama-assn.org/go/cpt"
# Delivery, abortion, miscarriage, ectopic treatment, curettage (RULES.md "recent-uterine-event").
EVENT_SNOMED = set(RULES["events"]["snomed"])
EVENT_ICD10_PREFIXES = tuple(RULES["events"]["icd10cmPrefixes"])
EVENT_CPT = set(RULES["events"]["cpt"])
# Pregnancy conditions (RULES.md "pregnancy").
PREGNANCY_SNOMED = set(RULES["pregnancy"]["snomed"])
PREGNANCY_ICD10_PREFIXES = tuple(RULES["pregnancy"]["icd10cmPrefixes"])
RECENT_DAYS = RULES["recentEventDays"]
STATUSES = RULES["statuses"]
DATES = RULES["dates"]
DATE_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})(T.*)?$")


def codings(resource):
    return resource.get("code", {}).get("coding", [])


def is_event_code(c):
    system, code = c.get("system"), c.get("code", "")
    return (system == SNOMED and code in EVENT_SNOMED) or (system == CPT and code in EVENT_CPT) or (
        system == ICD10 and code.startswith(EVENT_ICD10_PREFIXES))


def is_pregnancy_code(c):
    system, code = c.get("system"), c.get("code", "")
    return (system == SNOMED and code in PREGNANCY_SNOMED) or (
        system == ICD10 and code.startswith(PREGNANCY_ICD10_PREFIXES))


def to_date(value):
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def status_code(resource, field):
    for c in resource.get(field, {}).get("coding", []):
        return c.get("code")
    return None


def start_date(r):
    """The date a resource happened: procedure performed, condition onset, observation effective."""
    for field in ("performedDateTime", "onsetDateTime", "effectiveDateTime", "occurrenceDateTime"):
        if field in r:
            return to_date(r[field])
    for field in ("performedPeriod", "onsetPeriod", "effectivePeriod"):
        if field in r:
            return to_date(r[field].get("start"))
    for field in ("recordedDate", "issued"):
        if field in r:
            return to_date(r[field])
    return None


def field(r, path):
    """The value at a dotted path ("performedPeriod.start"), or None."""
    for part in path.split("."):
        r = r.get(part) if isinstance(r, dict) else None
    return r


def first_date(r, paths):
    """The date of the first of paths present (present but not a full date: None)."""
    for path in paths:
        value = field(r, path)
        if value is not None:
            return to_date(value)
    return None


def counts(r):
    """Not refuted or entered in error; a procedure not not-done, entered-in-error or in preparation."""
    if r.get("resourceType") == "Procedure":
        return r.get("status", "") not in STATUSES["procedureNotCounted"]
    if r.get("status") in STATUSES["statusNotCounted"]:
        return False
    return status_code(r, "verificationStatus") not in STATUSES["verificationNotCounted"]


def event_date(r, planned=None):
    """(date, certain): the later of the clinical date and an abatement on or before the planned
    date; else (recorded date, False), the date uncertain; a procedure of unknown status is never
    certain."""
    d = first_date(r, DATES["eventStart"])
    if d is None:
        return first_date(r, DATES["recordedOnly"]), False
    ab = first_date(r, DATES["abatement"]) if r.get("resourceType") == "Condition" else None
    if ab is not None and ab > d and (planned is None or ab <= planned):
        d = ab
    certain = not (r.get("resourceType") == "Procedure"
                   and r.get("status", "") in STATUSES["procedureDateUncertain"])
    return d, certain


def uterine_events(resources, planned=None, certain=True):
    """(date, code, resource id) of every counted delivery/abortion/miscarriage/curettage code with a
    certain date (certain=False: those whose date is uncertain)."""
    out = []
    for r in resources:
        if r.get("resourceType") not in ("Condition", "Procedure", "Observation") or not counts(r):
            continue
        for c in codings(r):
            if is_event_code(c):
                d, sure = event_date(r, planned)
                if d is not None and sure == certain:
                    out.append((d, c["code"], r.get("id")))
                break
    return sorted(out)


def recent_events(resources, planned):
    """Events certainly dated 0-41 days before the planned date: a recent-uterine-event critical card."""
    return [e for e in uterine_events(resources, planned) if 0 <= (planned - e[0]).days < RECENT_DAYS]


def uncertain_events(resources, planned):
    """Events dated only by when they were recorded (or a procedure of unknown status) less than
    42 days before the planned date: no `eligible` (a warning may replace the critical card)."""
    return [e for e in uterine_events(resources, planned, certain=False)
            if 0 <= (planned - e[0]).days < RECENT_DAYS]


def active_pregnancies(resources, planned):
    """Pregnancy Conditions active on the planned date: clinical status not inactive, resolved or
    remission (absent or unreadable counts), not refuted, onset on or before it, no abatement dated on
    or before it (an abatement that is no date: no claim)."""
    out = []
    for r in resources:
        if r.get("resourceType") != "Condition" or not any(is_pregnancy_code(c) for c in codings(r)):
            continue
        if status_code(r, "clinicalStatus") in STATUSES["conditionNotActive"] or not counts(r):
            continue
        if any(f in r for f in DATES["abatementWithoutDate"]):
            continue
        onset = first_date(r, DATES["eventStart"])
        if onset is not None and onset > planned:
            continue
        abatement = first_date(r, DATES["abatement"])
        if abatement is not None and abatement <= planned:
            continue
        out.append((onset, codings(r)[0]["code"], r.get("id")))
    return out


def read_patient_bundle(path):
    """(Patient, [Condition, AllergyIntolerance, Observation, Procedure]) from a Synthea Bundle,
    references to the patient rewritten from urn:uuid:… to Patient/{id} (as an EHR would send)."""
    with open(path, encoding="utf-8") as f:
        bundle = json.load(f)
    patient, resources = None, []
    for e in bundle.get("entry", []):
        r = e.get("resource", {})
        if r.get("resourceType") == "Patient":
            patient = r
        elif r.get("resourceType") in TYPES:
            resources.append(r)
    if patient is None:
        return None, []
    ref = "Patient/" + patient["id"]
    for r in resources:
        field = "patient" if r["resourceType"] == "AllergyIntolerance" else "subject"
        r[field] = {"reference": ref}
        r.pop("encounter", None)  # Encounters are not sent: a dangling urn:uuid reference
    return patient, resources


def as_of(resources, planned):
    """The record as it stood on the planned date: nothing that started later; a condition that
    abated later is still active then."""
    out = []
    for r in resources:
        d = start_date(r)
        if d is not None and d > planned:
            continue
        if r["resourceType"] == "Condition":
            ab = to_date(r.get("abatementDateTime"))
            if ab is not None and ab > planned:
                r = dict(r)
                r.pop("abatementDateTime", None)
                r["clinicalStatus"] = {"coding": [{
                    "system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
                    "code": "active"}]}
        out.append(r)
    return out


def lmp_observation(patient_id, planned, days_before=8):
    """A last-menstrual-period Observation (LOINC 8665-2), cycle day days_before + 1 on the planned
    date. Synthea records none, and without one the service never answers `eligible`, so the
    eligible path (the one a missed contraindication shows on) would go untested."""
    lmp = (planned - dt.timedelta(days=days_before)).isoformat()
    return {
        "resourceType": "Observation", "id": "bench-lmp", "status": "final",
        "meta": {"tag": [{"system": "urn:hsg-cds:bench", "code": "added-lmp",
                          "display": "added by bench/synthea, not generated by Synthea"}]},
        "code": {"coding": [{"system": LOINC, "code": "8665-2",
                             "display": "Last menstrual period start date"}]},
        "subject": {"reference": "Patient/" + patient_id},
        "effectiveDateTime": lmp, "valueDateTime": lmp,
    }


def order_sign_request(patient, resources, planned, hook_instance, base="urn:hsg-cds:synthea"):
    pid = patient["id"]
    order = {
        "resourceType": "ServiceRequest", "id": "hsg-order", "status": "draft", "intent": "order",
        "code": {"coding": [{"system": SNOMED, "code": "168884001",
                             "display": "Hysterosalpingography"}]},
        "subject": {"reference": "Patient/" + pid},
        "occurrenceDateTime": planned.isoformat(),
    }
    prefetch = {"patient": patient}
    for rtype, key in TYPES.items():
        entries = [{"fullUrl": "%s/%s/%s" % (base, rtype, r["id"]), "resource": r}
                   for r in resources if r["resourceType"] == rtype]
        prefetch[key] = {"resourceType": "Bundle", "type": "searchset", "total": len(entries),
                         "entry": entries}
    return {
        "hook": "order-sign", "hookInstance": hook_instance,
        "context": {"userId": "Practitioner/bench-synthea", "patientId": pid,
                    "draftOrders": {"resourceType": "Bundle", "type": "collection",
                                    "entry": [{"resource": order}]}},
        "prefetch": prefetch,
    }


def request_facts(request):
    """(planned date, resources) read back from a request: what check.py judges by."""
    orders = request["context"]["draftOrders"]["entry"]
    planned = to_date(orders[0]["resource"]["occurrenceDateTime"])
    resources = []
    for key in TYPES.values():
        resources += [e["resource"] for e in request["prefetch"].get(key, {}).get("entry", [])]
    return planned, resources


def percentiles(values, ps=(50, 90, 99)):
    """Nearest-rank percentiles and the maximum."""
    s = sorted(values)
    if not s:
        return {}
    out = {}
    for p in ps:
        k = max(0, -(-p * len(s) // 100) - 1)
        out["p%d" % p] = s[k]
    out["max"] = s[-1]
    return out
