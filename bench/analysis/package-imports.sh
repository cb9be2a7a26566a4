#!/usr/bin/env bash
# Cross-package imports in src/main: for each source file, the org.hsgcds top-level packages it imports
# other than its own (one count per file and imported class). Prints "from -> to count" and the total,
# then the package pairs that import each other (cycles of length two).
set -euo pipefail
cd "$(dirname "$0")/../.."
find src/main/java/org/hsgcds -name '*.java' | sort | while read -r f; do
  from=$(sed -n 's/^package org\.hsgcds\.\{0,1\}\([a-z]*\).*;/\1/p' "$f" | head -1)
  [ -z "$from" ] && from='(root)'
  grep -E '^import (static )?org\.hsgcds\.' "$f" | sed -E 's/^import (static )?org\.hsgcds\.([a-z]+)\..*/\2/' \
    | while read -r to; do [ "$to" != "$from" ] && echo "$from -> $to"; done || true
done | sort | uniq -c | awk '{print $2, $3, $4, $1; n += $1} END {print "total", n}' > /tmp/pkg-imports.$$
cat /tmp/pkg-imports.$$
echo "pairs importing each other:"
awk '$2 == "->" {e[$1" "$3] = 1} END {for (k in e) {split(k, p, " "); if ((p[2]" "p[1]) in e && p[1] < p[2]) print "  " p[1] " <-> " p[2]}}' /tmp/pkg-imports.$$ | sort
rm -f /tmp/pkg-imports.$$
