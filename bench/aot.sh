#!/usr/bin/env bash
# The Docker image's start-up layout and AOT cache (JEP 483/514/515, Java 25), made here without Docker, with the
# same steps as docker/Dockerfile:
#   1. Spring Boot's extract layout of target/hsg-cds.jar under OUT/app, the JVM options beside it (OUT/jvm.options);
#   2. a training run with -XX:AOTCacheOutput: start-up (the early content load and the warm-up's hook calls come
#      before "hsg-cds ready"), then a short burst of real calls on every hook (docker/training/TrainingCalls.java:
#      discovery and every bundled example request on every service, 20 rounds on two connections), then SIGTERM;
#      at exit the JVM writes the cache (loaded and linked classes, method profiles) to OUT/app/hsg-cds.aot;
#   3. prints, as its LAST line, the command that starts the service exactly as the image does (java binary,
#      options, jar); append Spring arguments such as --server.port=N to it.
# A cache is used only by the same JVM with the same class path and the same flags that shape objects (GC,
# compressed oops, -XX:+UseCompactObjectHeaders): AOT_FLAGS below are passed to both runs, as in the image.
# With -XX:AOTMode=auto (the default) a cache that cannot be used is skipped with a warning, never an error.
# Usage: [JAVA25=/path/to/jdk25] [AOT_FLAGS="-XX:+UseCompactObjectHeaders"] [AOT_ROUNDS=20] bench/aot.sh [out dir,
#        default target/bench/aot]
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA25/bin/java"
OUT=${1:-target/bench/aot}
# shellcheck disable=SC2206
AOT_FLAGS=(${AOT_FLAGS:-})
[ -f target/hsg-cds.jar ] || JAVA_HOME=$JAVA25 ./mvnw -B -o -q package -DskipTests >&2
rm -rf "$OUT" && mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd) # the cache records the class path: the same absolute paths in training and in production
cp docker/jvm.options "$OUT/jvm.options"
"$JAVA" -Djarmode=tools -jar target/hsg-cds.jar extract --destination "$OUT/app" >/dev/null

TRAIN=$(mktemp -d)
LOG="$OUT/training.log"
"$JAVA" -XX:AOTCacheOutput="$OUT/app/hsg-cds.aot" @"$OUT/jvm.options" "${AOT_FLAGS[@]}" -jar "$OUT/app/hsg-cds.jar" \
  --server.port=0 --management.server.port=0 --server.address=127.0.0.1 --hsg.data-dir="$TRAIN" >"$LOG" 2>&1 &
PID=$!
for _ in $(seq 1 1200); do grep -q "hsg-cds ready" "$LOG" && break; sleep 0.1; done
URL=$(grep -o "hsg-cds ready: CDS Hooks discovery at http://[^ ]*" "$LOG" | sed 's#.* at \(http://[^/]*\)/cds-services#\1#')
if [ -n "$URL" ]; then
  "$JAVA" docker/training/TrainingCalls.java "$URL" fhir-resources/examples "${AOT_ROUNDS:-20}" >&2 || { kill "$PID"; exit 1; }
fi
kill "$PID"; wait "$PID" || true # SIGTERM: Spring closes, the JVM exits and writes the cache
rm -rf "$TRAIN"
[ -n "$URL" ] || { echo "training run did not get ready: $LOG" >&2; exit 1; }
test -s "$OUT/app/hsg-cds.aot" || { echo "no AOT cache written: $LOG" >&2; exit 1; }
echo "AOT cache: $(du -h "$OUT/app/hsg-cds.aot" | cut -f1) ($OUT/app/hsg-cds.aot)" >&2
echo "$JAVA @$OUT/jvm.options ${AOT_FLAGS[*]:+${AOT_FLAGS[*]} }-XX:AOTCache=$OUT/app/hsg-cds.aot -jar $OUT/app/hsg-cds.jar"
