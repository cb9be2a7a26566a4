#!/usr/bin/env bash
# The Docker image's start-up layout and AOT cache (JEP 483/514/515, Java 25), made here without Docker by the same
# script the image's build runs (docker/training/train-aot.sh: Spring Boot's extract layout of target/hsg-cds.jar
# under OUT/app, one training run up to "hsg-cds ready" plus a burst of real calls on every hook, the cache written
# at exit to OUT/app/hsg-cds.aot), with the JVM options beside it (OUT/jvm.options, a copy of docker/jvm.options).
# Prints, as its LAST line, the command that starts the service exactly as the image does (java binary, options,
# jar); append Spring arguments such as --server.port=N to it.
# A cache is used only by the same JVM with the same class path and the same flags that shape objects (GC,
# compressed oops, -XX:+UseCompactObjectHeaders): AOT_FLAGS below are passed to both runs, as in the image.
# With -XX:AOTMode=auto (the default) a cache that cannot be used is skipped with a warning, never an error.
# Here the training run listens on the loopback only (--server.address=127.0.0.1).
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
JAVA="$JAVA" AOT_FLAGS="${AOT_FLAGS[*]}" TRAINING_CALLS="$JAVA docker/training/TrainingCalls.java" \
  docker/training/train-aot.sh target/hsg-cds.jar "$OUT" --server.address=127.0.0.1 >&2
echo "AOT cache: $(du -h "$OUT/app/hsg-cds.aot" | cut -f1) ($OUT/app/hsg-cds.aot)" >&2
echo "$JAVA @$OUT/jvm.options ${AOT_FLAGS[*]:+${AOT_FLAGS[*]} }-XX:AOTCache=$OUT/app/hsg-cds.aot -jar $OUT/app/hsg-cds.jar"
