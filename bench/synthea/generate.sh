#!/usr/bin/env bash
# Generates a synthetic population with Synthea 3.3.0 (from Maven Central) for the HSG service:
# women aged 18-45, FHIR R4 only, fixed seeds and reference date, so the same command gives the
# same patients. Output: target/synthea/output/fhir/*.json (one transaction Bundle per patient).
#
#   bench/synthea/generate.sh            # 400 patients
#   bench/synthea/generate.sh 50         # a quick population to check the time
#
# Settings (environment): SYNTHEA_SEED (default 20261201), SYNTHEA_CLINICIAN_SEED (default 4242),
# SYNTHEA_REFERENCE_DATE (YYYYMMDD, default 20261201), SYNTHEA_STATE (default Massachusetts),
# SYNTHEA_JAVA_OPTS (default -Xmx1g; one JVM, two threads: the machine is shared).
set -euo pipefail
cd "$(dirname "$0")/../.."

POPULATION="${1:-400}"
SEED="${SYNTHEA_SEED:-20261201}"
CLINICIAN_SEED="${SYNTHEA_CLINICIAN_SEED:-4242}"
REFERENCE_DATE="${SYNTHEA_REFERENCE_DATE:-20261201}"
STATE="${SYNTHEA_STATE:-Massachusetts}"
LIB=target/synthea/lib
OUT=target/synthea/output

if [ ! -f "$LIB/synthea-3.3.0.jar" ]; then
  echo "fetching org.mitre.synthea:synthea:3.3.0 and its dependencies into $LIB" >&2
  mvn -B -q -f bench/synthea/pom.xml dependency:copy-dependencies \
      -DoutputDirectory="$PWD/$LIB" -DincludeScope=runtime
fi

rm -rf "$OUT"
mkdir -p "$OUT"
start=$(date +%s)
# shellcheck disable=SC2086
java ${SYNTHEA_JAVA_OPTS:--Xmx1g} -cp "$LIB/*" App \
  -s "$SEED" -cs "$CLINICIAN_SEED" -p "$POPULATION" \
  -r "$REFERENCE_DATE" -e "$REFERENCE_DATE" \
  -g F -a 18-45 \
  --exporter.baseDirectory="$OUT/" \
  --exporter.fhir.export=true \
  --exporter.fhir.transaction_bundle=true \
  --exporter.fhir.included_resources=Patient,Condition,AllergyIntolerance,Observation,Procedure,Encounter \
  --exporter.hospital.fhir.export=false \
  --exporter.practitioner.fhir.export=false \
  --exporter.groups.fhir.export=false \
  --exporter.metadata.export=false \
  --exporter.ccda.export=false \
  --exporter.csv.export=false \
  --exporter.text.export=false \
  --exporter.clinical_note.export=false \
  --exporter.symptoms.csv.export=false \
  --exporter.pretty_print=false \
  --exporter.years_of_history=10 \
  --generate.thread_pool_size=2 \
  --generate.log_patients.detail=simple \
  "$STATE" > target/synthea/generate.log 2>&1 || { tail -40 target/synthea/generate.log >&2; exit 1; }
end=$(date +%s)
files=$(ls "$OUT"/fhir/*.json | wc -l)
echo "Synthea 3.3.0: $files files in $OUT/fhir ($(du -sh "$OUT/fhir" | cut -f1)) in $((end - start)) s;" \
     "seed $SEED, clinician seed $CLINICIAN_SEED, reference date $REFERENCE_DATE, population $POPULATION, women 18-45, $STATE"
