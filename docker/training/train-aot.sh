#!/bin/sh
# The AOT cache recipe (Java 25: JEP 483 classes loaded and linked ahead of time, JEP 514 -XX:AOTCacheOutput,
# JEP 515 method profiles), written once and run by both docker/Dockerfile (in the runtime stage, with the image's
# JVM) and bench/aot.sh (here, with a JDK 25):
#   1. Spring Boot's extract layout of JAR under DIR/app;
#   2. one training run with -XX:AOTCacheOutput=DIR/app/hsg-cds.aot, @DIR/jvm.options and AOT_FLAGS: start-up up to
#      "hsg-cds ready" (the early content load and the start-up warm-up's hook calls come before it), then a short
#      burst of real calls on every hook (TrainingCalls: discovery and every bundled example request on every
#      service, AOT_ROUNDS rounds on two connections), then SIGTERM; at exit the JVM writes the cache;
#   3. fails (exit 1, with the end of the training log) unless the service got ready, the calls succeeded and the
#      cache was written. The training run's feedback store is thrown away.
# A cache is used only by the same JVM with the same class path and the same flags that shape objects: DIR must be
# where the service will run from (the class path is recorded as absolute paths), and the production command
# repeats AOT_FLAGS; with -XX:AOTMode=auto (the default) a cache that cannot be used is skipped, never an error.
#
# Usage: [JAVA=java] [AOT_FLAGS="..."] [AOT_ROUNDS=20] [EXAMPLES=fhir-resources/examples]
#        [TRAINING_CALLS="java docker/training/TrainingCalls.java"] [TRAINING_LOG=DIR/training.log]
#        train-aot.sh JAR DIR [Spring argument ...]
# DIR must hold jvm.options (a copy of docker/jvm.options). TRAINING_CALLS is run with the base URL, EXAMPLES and
# AOT_ROUNDS appended (the image has a JRE only, so it runs the class compiled in its build stage).
# POSIX sh: the runtime image runs it with its /bin/sh.
set -eu
[ $# -ge 2 ] || { echo "usage: train-aot.sh JAR DIR [Spring argument ...]" >&2; exit 2; }
JAR=$1
DIR=$(cd "$2" && pwd)
shift 2
JAVA=${JAVA:-java}
TRAINING_CALLS=${TRAINING_CALLS:-"$JAVA docker/training/TrainingCalls.java"}
LOG=${TRAINING_LOG:-$DIR/training.log}
[ -f "$DIR/jvm.options" ] || { echo "no $DIR/jvm.options" >&2; exit 2; }

"$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$DIR/app" >/dev/null

DATA=$(mktemp -d)
# shellcheck disable=SC2086 # AOT_FLAGS: JVM flags, split on spaces
"$JAVA" -XX:AOTCacheOutput="$DIR/app/hsg-cds.aot" @"$DIR/jvm.options" ${AOT_FLAGS:-} -jar "$DIR/app/hsg-cds.jar" \
  --server.port=0 --management.server.port=0 --hsg.data-dir="$DATA" "$@" >"$LOG" 2>&1 &
PID=$!
i=0
while [ $i -lt 1200 ] && ! grep -q "hsg-cds ready" "$LOG"; do
  kill -0 $PID 2>/dev/null || break
  sleep 0.1
  i=$((i + 1))
done
URL=$(grep -o "hsg-cds ready: CDS Hooks discovery at http://[^ ]*" "$LOG" | sed 's#.* at \(http://[^/]*\)/cds-services#\1#' || true)
CALLS=0
# shellcheck disable=SC2086 # TRAINING_CALLS: a command with its arguments
if [ -n "$URL" ] && $TRAINING_CALLS "$URL" "${EXAMPLES:-fhir-resources/examples}" "${AOT_ROUNDS:-20}" >&2; then CALLS=1; fi
kill $PID 2>/dev/null || true
wait $PID || true # SIGTERM: Spring closes, the JVM exits and writes the cache
rm -rf "$DATA"
fail() { echo "AOT training: $1 ($LOG):" >&2; tail -20 "$LOG" >&2; exit 1; }
[ -n "$URL" ] || fail "the training run did not get ready"
[ $CALLS = 1 ] || fail "the training calls failed"
test -s "$DIR/app/hsg-cds.aot" || fail "no AOT cache written"
