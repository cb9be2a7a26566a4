#!/usr/bin/env bash
# What the shared replay store (client token ids in the database) adds to a hook call: a timed loop of
# ReplayStoreCost on memory, the embedded H2 file and PostgreSQL (HSG_TEST_PG_* / HSG_TEST_PG_REPLICAS_URL).
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -o test-compile -Dspotless.check.skip=true
CP=$(./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
java -cp "target/test-classes:target/classes:$CP" org.hsgcds.security.ReplayStoreCost
