#!/usr/bin/env bash
# JMH benchmarks of one evaluation and one whole hook call without HTTP (see HookPipelineBenchmark).
# Extra arguments go to JMH, e.g. bench/drivers/jmh.sh -p patient=typical -wi 2 -i 3
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -Pbench test-compile exec:exec -Djmh.args="HookPipelineBenchmark $*"
